import type { PlanCheckResult } from '../../../../core/contract/api/plans';
import { formatRs } from '../../lib/format';
import { violationMessage, violationWhere } from '../../lib/refusalText';
import { t } from '../../i18n';
import { usePlanLoop } from './planLoopStore';
import { tNodes } from './planText';

/**
 * The checker's verdict on the edited plan and its cost against the plan edited, shown after every
 * edit; with no edits, the violations of the plan as saved, if it has any.
 */
export function PlanEditorVerdict() {
  const result = usePlanLoop((s) => (s.cursor > 0 ? s.result : null));
  const saved = usePlanLoop((s) => (s.savedCheck?.planId === s.planId ? s.savedCheck.check : null));
  if (!result)
    return saved && !saved.ok ? (
      <div data-testid="saved-verdict" role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
        <p>{t('verdict.savedBreaks')}</p>
        <Violations check={saved} />
      </div>
    ) : (
      <p className="text-sm text-slate-500" data-testid="edit-verdict">
        {t('verdict.noEdits')}
      </p>
    );
  const d = result.costDelta;
  return (
    <div className="space-y-2 text-sm">
      <p data-testid="edit-cost-delta" className="tabular">
        {tNodes('verdict.delta', {
          total: formatRs(result.plan.summary.totalCost),
          delta: (
            <strong className={d.rs > 0 ? 'text-red-700' : 'text-emerald-700'}>
              {d.rs >= 0 ? '+' : '−'}
              {formatRs(Math.abs(d.rs))} ({d.pct >= 0 ? '+' : '−'}
              {Math.abs(d.pct).toFixed(2)} %)
            </strong>
          ),
        })}
      </p>
      {result.check.ok ? (
        <p data-testid="edit-verdict" className="rounded bg-emerald-50 p-2 text-emerald-800">
          {t('verdict.passes')}
        </p>
      ) : (
        <div data-testid="edit-verdict" role="alert" className="rounded bg-red-50 p-2 text-red-800">
          <Violations check={result.check} />
        </div>
      )}
    </div>
  );
}

/** "Breaks 2 rule checks:" and the violations by place (the first 20 places). */
function Violations({ check }: { check: PlanCheckResult }) {
  const byRake = new Map<string, PlanCheckResult['violations']>();
  for (const v of check.violations) byRake.set(v.where, [...(byRake.get(v.where) ?? []), v]);
  return (
    <>
      <p>
        {check.violations.length === 1
          ? t('verdict.breaksOne')
          : t('verdict.breaksMany', { n: check.violations.length })}
      </p>
      <ul className="list-disc pl-5">
        {[...byRake].slice(0, 20).map(([where, vs]) => (
          <li key={where} data-testid="edit-violation">
            <span className="font-mono">{violationWhere(vs[0]!)}</span>:{' '}
            {vs.map((v) => t('verdict.rule', { rule: v.rule, message: violationMessage(v) })).join('; ')}
          </li>
        ))}
      </ul>
    </>
  );
}
