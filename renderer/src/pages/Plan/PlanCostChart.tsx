import type { CostBreakdown } from '../../../../core/domain/plan';
import { formatRs } from '../../lib/format';
import { t, type MessageKey } from '../../i18n';

const LABELS: Record<keyof CostBreakdown, MessageKey> = {
  railFreightRs: 'cost.railFreightRs',
  idleFreightRs: 'cost.idleFreightRs',
  twoPointRs: 'cost.twoPointRs',
  roadFreightRs: 'cost.roadFreightRs',
  demurrageRs: 'cost.demurrageRs',
  loadingRs: 'cost.loadingRs',
  latenessRs: 'cost.latenessRs',
  unservedRs: 'cost.unservedRs',
  deferredFreightRs: 'cost.deferredFreightRs',
};
const COLORS = ['#2563eb', '#93c5fd', '#7c3aed', '#059669', '#d97706', '#64748b', '#dc2626', '#991b1b', '#a16207'];

/** Cost by category as horizontal bars (plain CSS: no chart library). */
export function PlanCostChart({ costs }: { costs: CostBreakdown }) {
  const entries = (Object.keys(LABELS) as (keyof CostBreakdown)[]).map((k, i) => ({
    k,
    v: costs[k] ?? 0,
    color: COLORS[i]!,
  }));
  const max = Math.max(1, ...entries.map((e) => e.v));
  return (
    <ul className="space-y-1" aria-label={t('plan.costBreakdown')}>
      {entries.map((e) => (
        <li key={e.k} className="grid grid-cols-[13rem_1fr_8rem] items-center gap-2 text-sm">
          <span className="text-slate-600">{t(LABELS[e.k])}</span>
          <span className="h-3 rounded bg-slate-100">
            <span className="block h-3 rounded" style={{ width: `${(e.v / max) * 100}%`, background: e.color }} />
          </span>
          <span className="tabular text-right">{formatRs(e.v)}</span>
        </li>
      ))}
    </ul>
  );
}
