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
import { tabLabel } from './planTabs';

type Tab = 'rakes' | 'gantt' | 'road' | 'unserved' | 'production' | 'unused';

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
      <Card title={`Plan — ${plan.solver.method}`} actions={
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => void exportAs('xlsx')}>Export .xlsx</Button>
          <Button variant="secondary" onClick={() => void exportAs('csv', 'rakes')}>Rakes .csv</Button>
          <Button variant="secondary" onClick={() => void exportAs('lp')}>Model .lp</Button>
        </div>
      }>
        <SolverSummary plan={plan} />
      </Card>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Total cost" value={formatRs(s.totalCost)} hint={`${formatRsPerT(s.costPerT)} shipped`} />
        <Stat label="Saving vs rule-based" value={<span data-testid="plan-saving">{formatRs(s.saving)}</span>} hint={`${s.savingPct.toFixed(1)} % of ${formatRs(s.ruleBasedCost)}`} />
        <Stat label="Rake utilisation" value={formatPct(s.avgUtilisation)} hint={`${s.rakesUsed} rakes`} />
        <Stat label="On time" value={formatPct(s.onTimeShare)} hint="of shipped tonnes" />
        <Stat label="Tonnes" value={formatT(s.railT + s.roadT)} hint={`rail ${formatT(s.railT)} · road ${formatT(s.roadT)} · unserved ${formatT(s.unservedT)}`} />
      </div>
      <PlanEditor id={id} plan={plan} />
      <Card title="Cost breakdown"><PlanCostChart costs={s.costs} /></Card>
      <Card>
        <div role="tablist" className="mb-3 flex gap-2 text-sm">
          {(['rakes', 'gantt', 'road', 'unserved', 'production', 'unused'] as Tab[]).map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}
              className={`rounded px-2 py-1 ${tab === t ? 'bg-brand-600 text-white' : 'bg-slate-100'}`}>
              {tabLabel(t, plan)}
            </button>
          ))}
        </div>
        {tab === 'rakes' && <PlanRakesList plan={plan} />}
        {tab === 'gantt' && <LoadingGantt plan={plan} />}
        {tab === 'road' && <PlanRoadList plan={plan} />}
        {tab === 'unserved' && <PlanUnservedList plan={plan} />}
        {tab === 'production' && <PlanProductionList plan={plan} />}
        {tab === 'unused' && <PlanUnusedList plan={plan} />}
      </Card>
    </div>
  );
}
