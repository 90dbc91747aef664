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
import { t } from '../../i18n';

type Tab = 'rakes' | 'risk' | 'gantt' | 'road' | 'unserved' | 'production' | 'unused';

/** One plan: KPIs, cost breakdown, rakes, loading Gantt, road, unserved with reasons, production. */
export function PlanView({ id, plan }: { id: string; plan: Plan }) {
  const [tab, setTab] = useState<Tab>('rakes');
  const s = plan.summary;
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
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat
          label={t('stat.totalCost')}
          value={formatRs(s.totalCost)}
          hint={t('stat.shipped', { rate: formatRsPerT(s.costPerT) })}
        />
        <Stat
          label={t('stat.saving')}
          value={<span data-testid="plan-saving">{formatRs(s.saving)}</span>}
          hint={t('stat.savingHint', { pct: s.savingPct.toFixed(1), cost: formatRs(s.ruleBasedCost) })}
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
              {tabLabel(k, plan)}
            </button>
          ))}
        </div>
        {tab === 'rakes' && <PlanRakesList plan={plan} />}
        {tab === 'risk' && <PlanRisk plan={plan} />}
        {tab === 'gantt' && <LoadingGantt plan={plan} />}
        {tab === 'road' && <PlanRoadList plan={plan} />}
        {tab === 'unserved' && <PlanUnservedList plan={plan} />}
        {tab === 'production' && <PlanProductionList plan={plan} />}
        {tab === 'unused' && <PlanUnusedList plan={plan} />}
      </Card>
    </div>
  );
}
