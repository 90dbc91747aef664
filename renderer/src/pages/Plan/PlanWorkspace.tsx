import { useEffect, useState } from 'react';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { formatRs } from '../../lib/format';
import { OptimizePanel } from './OptimizePanel';
import { PlanCompare } from './PlanCompare';
import { PlanVersionTag } from './PlanVersionTag';
import { PlanView } from './PlanView';
import { t } from '../../i18n';
import { unsavedEdits, usePlanLoop } from './planLoopStore';
import { followPlans, usePlans } from './planStore';
import { methodLabel } from './planText';

/**
 * The Plan page's second half: optimize the selected scenario, see saved plans, open one, compare
 * two. Mount as `<PlanWorkspace scenarioId={selectedScenarioId} />`.
 */
export function PlanWorkspace({ scenarioId }: { scenarioId: string | null }) {
  const { plans, listedFor, current, comparison, error, refresh, open, remove, compare, clearComparison } = usePlans();
  const [picked, setPicked] = useState<string[]>([]);
  // Deleting takes a second click on the same row: a plan can take minutes to make.
  const [confirming, setConfirming] = useState<string | null>(null);
  // Another scenario: its own plans, nothing picked or awaiting confirmation (reset during render,
  // as React advises, rather than in an effect that would render twice).
  const [shownFor, setShownFor] = useState(scenarioId);
  if (shownFor !== scenarioId) {
    setShownFor(scenarioId);
    setPicked([]);
    setConfirming(null);
  }
  useEffect(() => {
    void refresh(scenarioId);
  }, [refresh, scenarioId]);
  useEffect(followPlans, []);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  return (
    <div className="space-y-4" data-testid="plan-workspace">
      <OptimizePanel scenarioId={scenarioId} />
      <ErrorBanner error={error} />
      <Card
        title={t('plans.saved')}
        actions={
          <Button
            variant="secondary"
            disabled={picked.length !== 2}
            onClick={() => void compare(picked[0]!, picked[1]!)}
          >
            {t('plans.compare')}
          </Button>
        }
      >
        {!scenarioId ? (
          <p className="text-sm text-slate-500">{t('plans.selectScenario')}</p>
        ) : listedFor !== scenarioId ? (
          // A failed list is told by the error banner above, not by a message that it is coming.
          !error && (
            <p className="text-sm text-slate-500" role="status">
              {t('plans.listing')}
            </p>
          )
        ) : plans.length === 0 ? (
          <p className="text-sm text-slate-500">{t('plans.noneYet')}</p>
        ) : (
          <table className="w-full text-sm" data-testid="plan-list">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th />
                <th>{t('plans.col.plan')}</th>
                <th>{t('plans.col.method')}</th>
                <th className="text-right">{t('plans.col.total')}</th>
                <th className="text-right">{t('plans.col.saving')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id} className={`border-t border-slate-100 ${current?.id === p.id ? 'bg-brand-50' : ''}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('plans.selectFor', { name: p.name })}
                      checked={picked.includes(p.id)}
                      onChange={() => toggle(p.id)}
                    />
                  </td>
                  <td>
                    <button className="text-left underline-offset-2 hover:underline" onClick={() => void open(p.id)}>
                      {p.name}
                    </button>
                    <PlanVersionTag item={p} all={plans} />
                    <UnsavedTag planId={p.id} />
                  </td>
                  <td>{methodLabel(p.method)}</td>
                  <td className="tabular text-right">{formatRs(p.totalCost)}</td>
                  <td className="tabular text-right">
                    {formatRs(p.saving)} ({p.savingPct.toFixed(1)} %)
                  </td>
                  <td className="text-right">
                    {confirming === p.id ? (
                      <span
                        className="inline-flex items-center gap-2"
                        role="group"
                        aria-label={t('plans.confirmGroup', { name: p.name })}
                      >
                        <span className="text-xs text-red-800">{t('plans.deleteForGood')}</span>
                        <Button
                          variant="danger"
                          data-testid="confirm-delete-plan"
                          onClick={() => {
                            setConfirming(null);
                            void remove(p.id);
                          }}
                        >
                          {t('plans.delete')}
                        </Button>
                        <Button variant="secondary" autoFocus onClick={() => setConfirming(null)}>
                          {t('plans.keep')}
                        </Button>
                      </span>
                    ) : (
                      <Button variant="secondary" onClick={() => setConfirming(p.id)}>
                        {t('plans.deleteAsk')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {comparison && <PlanCompare cmp={comparison} onClose={clearComparison} />}
      {current && current.scenarioId === scenarioId && <PlanView id={current.id} plan={current.plan} />}
    </div>
  );
}

/** A plan left with edits not yet saved: they are kept and come back when it is opened again. */
function UnsavedTag({ planId }: { planId: string }) {
  const n = usePlanLoop((s) => unsavedEdits(s, planId));
  if (n === 0) return null;
  return (
    <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900" data-testid="plan-unsaved">
      {n === 1 ? t('edit.unsavedOne') : t('edit.unsavedMany', { n })}
    </span>
  );
}
