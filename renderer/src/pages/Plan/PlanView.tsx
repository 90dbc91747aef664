import { useState } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { saveBytes, api } from '../../api/client';
import { Button, Card, Stat } from '../../components/ui';
import { formatPct, formatRs, formatRsPerT, formatT } from '../../lib/format';
import { PlanCostChart } from './PlanCostChart';
import { PlanEditor } from './PlanEditor';
import { PlanGantt } from './PlanGantt';
import { PlanRakeTable } from './PlanRakeTable';
import { PlanRisk } from './RiskColumn';

type Tab = 'rakes' | 'risk' | 'gantt' | 'road' | 'unserved' | 'production';

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
        <p className="text-sm text-slate-600" data-testid="plan-solver">
          {plan.solver.status} in {plan.solver.seconds.toFixed(1)} s
          {plan.solver.gap !== null && ` · gap ${formatPct(plan.solver.gap)}`}
          {plan.solver.stoppedEarly && ' · stopped early, best plan kept'}
        </p>
        {plan.solver.fallbackReason && <p className="mt-1 rounded bg-amber-50 p-2 text-sm text-amber-800">Fallback: {plan.solver.fallbackReason}</p>}
        {plan.notes.filter((n) => !n.startsWith('Rule-based plan returned')).map((n) => <p key={n} className="mt-1 text-sm text-slate-600">{n}</p>)}
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
          {(['rakes', 'risk', 'gantt', 'road', 'unserved', 'production'] as Tab[]).map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}
              className={`rounded px-2 py-1 ${tab === t ? 'bg-brand-600 text-white' : 'bg-slate-100'}`}>
              {{ rakes: `Rakes (${plan.rakes.length})`, risk: 'Risk', gantt: 'Loading Gantt', road: `Road (${plan.road.length})`, unserved: `Unserved (${plan.unserved.length})`, production: 'Produce next' }[t]}
            </button>
          ))}
        </div>
        {tab === 'rakes' && <PlanRakeTable rakes={plan.rakes} />}
        {tab === 'risk' && <PlanRisk plan={plan} />}
        {tab === 'gantt' && <PlanGantt plan={plan} />}
        {tab === 'road' && (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Date</th><th>Stockyard</th><th>Order</th><th>Destination</th><th className="text-right">Tonnes</th><th className="text-right">Trucks</th><th className="text-right">Freight</th></tr></thead>
            <tbody>{plan.road.map((r, i) => (
              <tr key={i} className="border-t border-slate-100"><td>{r.date}</td><td>{r.stockyard}</td><td className="font-mono">{r.order}</td><td>{r.destination}</td>
                <td className="tabular text-right">{formatT(r.tonnes)}</td><td className="tabular text-right">{r.trucks}</td><td className="tabular text-right">{formatRs(r.freightRs)}</td></tr>
            ))}</tbody>
          </table>
        )}
        {tab === 'unserved' && (
          <table className="w-full text-sm" data-testid="plan-unserved">
            <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Order</th><th>Product</th><th>Destination</th><th>Priority</th><th className="text-right">Tonnes</th><th className="text-right">Penalty</th><th className="text-right" title="Freight these tonnes still pay when shipped after the horizon">Deferred freight</th><th>Reason</th></tr></thead>
            <tbody>{plan.unserved.map((u) => (
              <tr key={u.order} className="border-t border-slate-100"><td className="font-mono">{u.order}</td><td>{u.product}</td><td>{u.destination}</td><td>P{u.priority}</td>
                <td className="tabular text-right">{formatT(u.tonnes)}</td><td className="tabular text-right">{formatRs(u.penaltyRs)}</td><td className="tabular text-right">{formatRs(u.deferredFreightRs ?? 0)}</td><td>{u.reason}</td></tr>
            ))}</tbody>
          </table>
        )}
        {tab === 'production' && (
          plan.production.length === 0 ? <p className="text-sm text-slate-500">Stock covers every open order.</p> : (
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Product</th><th className="text-right">Tonnes</th><th>Needed by</th><th>Because</th></tr></thead>
              <tbody>{plan.production.map((p) => (
                <tr key={p.product} className="border-t border-slate-100"><td>{p.product}</td><td className="tabular text-right">{formatT(p.tonnes)}</td><td>{p.neededBy.slice(0, 16).replace('T', ' ')}</td><td>{p.because}</td></tr>
              ))}</tbody>
            </table>
          )
        )}
      </Card>
    </div>
  );
}
