import type { TrainStep } from '../../../../core/contract/train-steps';
import { format, t, useLang, type Lang } from '../../i18n';
import { hiTrainSteps } from '../../i18n/hi-gates';
import { formatDuration } from '../../lib/format';
import { historyFromText } from '../Forecasts/sourceText';
import type { TrainRun } from './TrainStore';

/**
 * What the host says it is doing before the rounds, in the interface's language: English as the
 * host wrote it; Hindi from its code, where the rows came from worded from their history code.
 */
export function trainStepText(s: TrainStep, lang: Lang = useLang.getState().lang): string {
  if (lang === 'en' || !(s.code in hiTrainSteps)) return s.message;
  const source = s.history ? historyFromText(s.history, lang) : s.params.source;
  return format(hiTrainSteps[s.code], { ...s.params, ...(source === undefined ? {} : { source }) }, 'hi');
}

/**
 * A running training's line: the part and round, with the elapsed time and estimate of the whole
 * training (each part, the model then its P10 and P90, reports only its own); once the rounds are
 * over, that the model is being saved and registered.
 */
export function trainProgressText(run: TrainRun): string {
  if (run.stage === 'saving') return t('train.saving');
  const p = run.last;
  if (!p) return run.step ? trainStepText(run.step) : t('train.starting');
  const elapsedMs = run.partOffsetMs + p.elapsedMs;
  // The host's estimate over the parts to come, timed from the rounds; without it, the time so far
  // spread over the share done (which counts every part, and the time before the first round too).
  const etaMs = p.etaAllMs ?? (p.done > 0 ? (elapsedMs * (1 - p.done)) / p.done : p.etaMs);
  return t(p.part === 'model' ? 'train.progressModel' : 'train.progressQuantile', {
    part: p.part,
    round: p.round,
    rounds: p.rounds,
    elapsed: formatDuration(elapsedMs / 1000),
    eta: formatDuration(etaMs / 1000),
  });
}

/** The share of the whole training done, 0–1 (full while it saves). */
export function trainShareDone(run: TrainRun): number {
  return run.stage === 'saving' ? 1 : (run.last?.done ?? 0);
}
