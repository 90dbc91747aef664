import { useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { saveBytes, api } from '../../api/client';
import { Button, Card, Stat } from '../../components/ui';
import { formatPct, formatRs, formatRsPerT, formatT } from '../../lib/format';
import { PlanCostChart } from './PlanCostChart';
import { LoadingGantt } from './Gantt/LoadingGantt';
import { PlanEditor } from './PlanEditor';
import { PlanProductionList, PlanRakesList, PlanRoadList, PlanUnservedList, PlanUnusedList } from './PlanTables';
import { SolverSummary } from './SolverSummary';
import { PlanRisk } from './RiskColumn';
import { tabLabel } from './planTabs';
import { methodLabel } from './planText';
import { usePlanLoop } from './planLoopStore';
import { t } from '../../i18n';

type Tab = 'rakes' | 'risk' | 'gantt' | 'road' | 'unserved' | 'production' | 'unused';

/**
 * One plan: KPIs, cost breakdown, rakes, loading Gantt, road, unserved with reasons, production.
 * While the editor holds unsaved edits these show the edited plan, said so with the saved
 * figures beside them: one set of totals on screen, and the tables show the moves just made.
 */
export function PlanView({ id, plan }: { id: string; plan: Plan }) {
  const [tab, setTab] = useState<Tab>('rakes');
  const editedPlan = usePlanLoop((l) => (l.planId === id && l.cursor > 0 ? l.result?.plan : undefined));
  const edits = usePlanLoop((l) => (l.planId === id ? l.cursor : 0));
  const shown = editedPlan ?? plan;
  const s = shown.summary;
  const saved = plan.summary;
  /** The saved figure under an edited one, when they differ. */
  const savedHint = (edited: string, was: string) =>
    editedPlan && edited !== was ? (
      <span className="block text-amber-800 dark:text-amber-300">{t('stat.savedValue', { value: was })}</span>
    ) : null;
  const exportAs = async (format: 'xlsx' | 'csv' | 'lp', table?: 'rakes') => {
    const f = await api.call('plans.export', { id, format, ...(table ? { table } : {}) });
    await saveBytes(f.fileName, f.base64);
  };
  return (
    <div className="space-y-4" data-testid="plan-view">
      <Card
        title={t('plan.title', { method: methodLabel(plan.solver.method) })}
        actions={
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => void exportAs('xlsx')}>
              {t('plan.exportXlsx')}
            </Button>
            <Button variant="secondary" onClick={() => void exportAs('csv', 'rakes')}>
              {t('plan.exportCsv')}
            </Button>
            <Button variant="secondary" onClick={() => void exportAs('lp')}>
              {t('plan.exportLp')}
            </Button>
          </div>
        }
      >
        <SolverSummary plan={plan} />
      </Card>
      {editedPlan && (
        <p
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-testid="plan-shows-edits"
        >
          {t('edit.shownWithEdits', {
            edits: edits === 1 ? t('edit.unsavedOne') : t('edit.unsavedMany', { n: edits }),
            total: formatRs(saved.totalCost),
            saving: formatRs(saved.saving),
          })}
        </p>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat
          label={t('stat.totalCost')}
          value={<span data-testid="plan-total">{formatRs(s.totalCost)}</span>}
          hint={
            <>
              {t('stat.shipped', { rate: formatRsPerT(s.costPerT) })}
              {savedHint(formatRs(s.totalCost), formatRs(saved.totalCost))}
            </>
          }
        />
        <Stat
          label={t('stat.saving')}
          value={<span data-testid="plan-saving">{formatRs(s.saving)}</span>}
          hint={
            <>
              {t('stat.savingHint', { pct: s.savingPct.toFixed(1), cost: formatRs(s.ruleBasedCost) })}
              {savedHint(formatRs(s.saving), formatRs(saved.saving))}
            </>
          }
        />
        <Stat
          label={t('stat.utilisation')}
          value={formatPct(s.avgUtilisation)}
          hint={t('stat.rakes', { n: s.rakesUsed })}
        />
        <Stat label={t('stat.onTime')} value={formatPct(s.onTimeShare)} hint={t('stat.ofShipped')} />
        <Stat
          label={t('stat.tonnes')}
          value={formatT(s.railT + s.roadT)}
          hint={t('stat.tonnesHint', {
            rail: formatT(s.railT),
            road: formatT(s.roadT),
            unserved: formatT(s.unservedT),
          })}
        />
      </div>
      <PlanEditor id={id} plan={plan} />
      <Card title={t('plan.costBreakdown')}>
        <PlanCostChart costs={s.costs} />
      </Card>
      <Card>
        <div role="tablist" className="mb-3 flex gap-2 text-sm">
          {(['rakes', 'risk', 'gantt', 'road', 'unserved', 'production', 'unused'] as Tab[]).map((k) => (
            <button
              key={k}
              role="tab"
              aria-selected={tab === k}
              onClick={() => setTab(k)}
              className={`rounded px-2 py-1 ${tab === k ? 'bg-brand-600 text-white' : 'bg-slate-100'}`}
            >
              {tabLabel(k, shown)}
            </button>
          ))}
        </div>
        {tab === 'rakes' && <PlanRakesList plan={shown} />}
        {tab === 'risk' && <PlanRisk plan={shown} />}
        {tab === 'gantt' && <LoadingGantt plan={shown} />}
        {tab === 'road' && <PlanRoadList plan={shown} />}
        {tab === 'unserved' && <PlanUnservedList plan={shown} />}
        {tab === 'production' && <PlanProductionList plan={shown} />}
        {tab === 'unused' && <PlanUnusedList plan={shown} />}
      </Card>
    </div>
  );
}
