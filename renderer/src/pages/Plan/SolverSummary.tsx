import type { Plan } from '../../../../core/domain/plan';
import { formatDuration, formatPct, formatRs } from '../../lib/format';
import { t, useLang } from '../../i18n';
import { planNotes } from './planNotes';
import { usePlanLookup } from './planLookup';
import { unusedRakes } from './unusedRakes';
import { methodLabel, solverHeadline, tKnown } from './planText';

export function SolverSummary({ plan }: { plan: Plan }) {
  const s = plan.solver;
  const lookup = usePlanLookup();
  const unused = lookup.scenario ? unusedRakes(plan, lookup.scenario.rakes) : [];
  const notes = planNotes(plan, useLang.getState().lang);
  return (
    <div className="space-y-1 text-sm">
      <p data-testid="plan-solver">
        <span className="font-medium">{solverHeadline(plan)}</span>{' '}
        <span className="text-slate-600">
          {s.wallSeconds !== undefined
            ? t('plan.foundInWall', { time: formatDuration(s.seconds), wall: formatDuration(s.wallSeconds) })
            : t('plan.foundIn', { time: formatDuration(s.seconds) })}
        </span>
        {s.stoppedEarly && <> {t('plan.stoppedEarly')}</>}
        {unused.length > 0 && (
          <span data-testid="plan-unused-summary">
            {' '}
            {unused.length === 1 ? t('plan.unusedOne') : t('plan.unusedCount', { n: unused.length })}{' '}
            {unused
              .slice(0, 6)
              .map((u) => u.rake.id)
              .join(', ')}
            {unused.length > 6 ? ', …' : ''}.
          </span>
        )}
      </p>
      {s.fallbackReason && (
        <p className="rounded bg-amber-50 p-2 text-amber-800">{t('plan.fallback', { reason: s.fallbackReason })}</p>
      )}
      {notes.map((n) => (
        <p key={n} className="text-slate-600">
          {n}
        </p>
      ))}
      <details className="text-slate-600" data-testid="plan-technical">
        <summary className="cursor-pointer">{t('plan.technical')}</summary>
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
          <dt>{t('plans.col.method')}</dt>
          <dd>{methodLabel(s.method)}</dd>
          <dt>{t('solver.status')}</dt>
          <dd>{s.status}</dd>
          <dt>{t('solver.time')}</dt>
          <dd className="tabular">
            {s.timeLimitS
              ? t('solver.secondsOfLimit', { s: s.seconds.toFixed(1), limit: s.timeLimitS })
              : `${s.seconds.toFixed(1)} s`}
          </dd>
          {s.wallSeconds !== undefined && (
            <>
              <dt>{t('solver.wall')}</dt>
              <dd className="tabular">{`${s.wallSeconds.toFixed(1)} s`}</dd>
            </>
          )}
          {s.gap !== null && (
            <>
              <dt>{t('solver.gap')}</dt>
              <dd className="tabular">
                {s.gapLimit !== undefined
                  ? t('solver.gapAsked', { gap: formatPct(s.gap), asked: formatPct(s.gapLimit) })
                  : formatPct(s.gap)}
              </dd>
            </>
          )}
          {s.objective !== null && (
            <>
              <dt>{t('solver.objective')}</dt>
              <dd className="tabular">{formatRs(s.objective)}</dd>
            </>
          )}
          {s.bound !== null && (
            <>
              <dt>{t('solver.bound')}</dt>
              <dd className="tabular">{formatRs(s.bound)}</dd>
            </>
          )}
          {s.model && (
            <>
              <dt>{t('solver.model')}</dt>
              <dd className="tabular">
                {t('solver.modelSize', {
                  columns: s.model.columns.toLocaleString('en-IN'),
                  integers: s.model.integers.toLocaleString('en-IN'),
                  rows: s.model.rows.toLocaleString('en-IN'),
                  subproblems: s.model.subproblems,
                })}
              </dd>
            </>
          )}
          {s.phases && s.phases.length > 0 && (
            <>
              <dt>{t('solver.phases')}</dt>
              <dd className="tabular">
                {s.phases
                  .map((p) => {
                    const phase = tKnown(`solver.phase.${p.phase}`, p.phase);
                    const s = p.seconds.toFixed(1);
                    return p.stoppedAtDeadline ? t('solver.phaseStopped', { phase, s }) : `${phase} ${s} s`;
                  })
                  .join(' · ')}
              </dd>
            </>
          )}
        </dl>
        {s.objective !== null && <p className="mt-1 text-xs">{t('solver.modelNote')}</p>}
      </details>
    </div>
  );
}
