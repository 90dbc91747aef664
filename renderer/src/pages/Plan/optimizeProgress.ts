import type { SolveProgressEvent } from '../../../../core/contract/api/plans';
import { formatDuration } from '../../lib/format';
import { t } from '../../i18n';
import { tKnown } from './planText';

/**
 * The progress line under Optimize. The limit bounds the search; checking the plan, forecasts and
 * saving come after it, so past the limit the line says the search limit is reached and the
 * plan is being finished, rather than "23 s of 15 s" under a full bar.
 */
export function progressClock(elapsedS: number, limitS: number): string {
  const times = { elapsed: formatDuration(elapsedS), limit: formatDuration(limitS) };
  return elapsedS > limitS ? t('opt.clockOver', times) : t('opt.clock', times);
}

export function progressPhase(elapsedS: number, limitS: number, p: SolveProgressEvent | null): string {
  if (elapsedS > limitS) return t('opt.finishing');
  if (!p) return t('opt.starting');
  return `${tKnown(`opt.phase.${p.phase}`, p.phase)}${p.subproblem ? ` (${p.subproblem})` : ''}`;
}
