import type { Plan } from '../../../../core/domain/plan';
import { formatDuration, formatPct, formatRs } from '../../lib/format';
import { t } from '../../i18n';
import { usePlanLookup } from './planLookup';
import { unusedRakes } from './PlanTables';

/** How good the plan is, in a planner's words; the solver's own status is one click away. */
export function solverHeadline(plan: Plan): string {
  const s = plan.solver;
  if (s.method === 'rule-based' || s.method === 'rule-based fallback') return t('plan.ruleBased');
  if (s.gap === null) return t('plan.noBound');
  if (s.gap <= 1e-4 && /optimal/i.test(s.status)) return t('plan.optimal');
  return t('plan.withinGap', { gap: formatPct(s.gap) });
}

export function SolverSummary({ plan }: { plan: Plan }) {
  const s = plan.solver;
  const lookup = usePlanLookup();
  const unused = lookup.scenario ? unusedRakes(plan, lookup.scenario.rakes) : [];
  const notes = plan.notes.filter((n) => !n.startsWith('Rule-based plan returned'));
  return (
    <div className="space-y-1 text-sm">
      <p data-testid="plan-solver">
        <span className="font-medium">{solverHeadline(plan)}</span>{' '}
        <span className="text-slate-600">{t('plan.foundIn', { time: formatDuration(s.seconds) })}</span>
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
          <dt>Method</dt>
          <dd>{s.method}</dd>
          <dt>Solver status</dt>
          <dd>{s.status}</dd>
          <dt>Time</dt>
          <dd className="tabular">
            {s.seconds.toFixed(1)} s{s.timeLimitS ? ` of ${s.timeLimitS} s limit` : ''}
          </dd>
          {s.gap !== null && (
            <>
              <dt>Gap</dt>
              <dd className="tabular">
                {formatPct(s.gap)}
                {s.gapLimit !== undefined ? ` (asked ${formatPct(s.gapLimit)})` : ''}
              </dd>
            </>
          )}
          {s.objective !== null && (
            <>
              <dt>Objective</dt>
              <dd className="tabular">{formatRs(s.objective)}</dd>
            </>
          )}
          {s.bound !== null && (
            <>
              <dt>Lower bound</dt>
              <dd className="tabular">{formatRs(s.bound)}</dd>
            </>
          )}
          {s.model && (
            <>
              <dt>Model</dt>
              <dd className="tabular">
                {s.model.columns.toLocaleString('en-IN')} columns ({s.model.integers.toLocaleString('en-IN')} integer),{' '}
                {s.model.rows.toLocaleString('en-IN')} rows, {s.model.subproblems} subproblem(s)
              </dd>
            </>
          )}
          {s.phases && s.phases.length > 0 && (
            <>
              <dt>Phases</dt>
              <dd className="tabular">
                {s.phases
                  .map(
                    (p) => `${p.phase} ${p.seconds.toFixed(1)} s${p.stoppedAtDeadline ? ' (stopped at deadline)' : ''}`,
                  )
                  .join(' · ')}
              </dd>
            </>
          )}
        </dl>
      </details>
    </div>
  );
}
