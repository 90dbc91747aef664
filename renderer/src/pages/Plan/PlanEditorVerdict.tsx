import { formatRs } from '../../lib/format';
import { usePlanLoop } from './planLoopStore';

/** The checker's verdict on the edited plan and its cost against the plan edited, shown after every edit. */
export function PlanEditorVerdict() {
  const result = usePlanLoop((s) => (s.cursor > 0 ? s.result : null));
  if (!result)
    return (
      <p className="text-sm text-slate-500" data-testid="edit-verdict">
        No edits: the plan as saved.
      </p>
    );
  const d = result.costDelta;
  const byRake = new Map<string, typeof result.check.violations>();
  for (const v of result.check.violations) byRake.set(v.where, [...(byRake.get(v.where) ?? []), v]);
  return (
    <div className="space-y-2 text-sm">
      <p data-testid="edit-cost-delta" className="tabular">
        Total {formatRs(result.plan.summary.totalCost)}:{' '}
        <strong className={d.rs > 0 ? 'text-red-700' : 'text-emerald-700'}>
          {d.rs >= 0 ? '+' : '−'}
          {formatRs(Math.abs(d.rs))} ({d.pct >= 0 ? '+' : '−'}
          {Math.abs(d.pct).toFixed(2)} %)
        </strong>{' '}
        against the saved plan
      </p>
      {result.check.ok ? (
        <p data-testid="edit-verdict" className="rounded bg-emerald-50 p-2 text-emerald-800">
          Passes the checker: every rule holds.
        </p>
      ) : (
        <div data-testid="edit-verdict" role="alert" className="rounded bg-red-50 p-2 text-red-800">
          <p>
            Breaks {result.check.violations.length} rule check{result.check.violations.length === 1 ? '' : 's'}:
          </p>
          <ul className="list-disc pl-5">
            {[...byRake].slice(0, 20).map(([where, vs]) => (
              <li key={where} data-testid="edit-violation">
                <span className="font-mono">{where}</span>: {vs.map((v) => `rule ${v.rule} — ${v.message}`).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
