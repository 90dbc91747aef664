import type { PlanComparison, PlanListItem } from '../contract/api/plans';
import type { Plan } from '../domain/plan';

const ROWS: Array<{ key: string; label: string; unit: string; get: (p: Plan) => number }> = [
  { key: 'totalCost', label: 'Total cost', unit: '₹', get: (p) => p.summary.totalCost },
  { key: 'costPerT', label: 'Cost per tonne shipped', unit: '₹/t', get: (p) => p.summary.costPerT },
  { key: 'railFreightRs', label: 'Rail freight', unit: '₹', get: (p) => p.summary.costs.railFreightRs },
  { key: 'idleFreightRs', label: 'Idle freight', unit: '₹', get: (p) => p.summary.costs.idleFreightRs },
  { key: 'twoPointRs', label: 'Two-point surcharge', unit: '₹', get: (p) => p.summary.costs.twoPointRs },
  { key: 'roadFreightRs', label: 'Road freight', unit: '₹', get: (p) => p.summary.costs.roadFreightRs },
  { key: 'demurrageRs', label: 'Demurrage', unit: '₹', get: (p) => p.summary.costs.demurrageRs },
  { key: 'loadingRs', label: 'Loading cost', unit: '₹', get: (p) => p.summary.costs.loadingRs },
  { key: 'latenessRs', label: 'Lateness penalty', unit: '₹', get: (p) => p.summary.costs.latenessRs },
  { key: 'unservedRs', label: 'Unserved penalty', unit: '₹', get: (p) => p.summary.costs.unservedRs },
  { key: 'deferredFreightRs', label: 'Deferred freight (unserved tonnes, paid later)', unit: '₹', get: (p) => p.summary.costs.deferredFreightRs ?? 0 },
  { key: 'railT', label: 'Rail tonnes', unit: 't', get: (p) => p.summary.railT },
  { key: 'roadT', label: 'Road tonnes', unit: 't', get: (p) => p.summary.roadT },
  { key: 'unservedT', label: 'Unserved tonnes', unit: 't', get: (p) => p.summary.unservedT },
  { key: 'rakesUsed', label: 'Rakes used', unit: 'rakes', get: (p) => p.summary.rakesUsed },
  { key: 'avgUtilisation', label: 'Average rake utilisation', unit: '%', get: (p) => p.summary.avgUtilisation * 100 },
  { key: 'onTimeShare', label: 'On-time share', unit: '%', get: (p) => p.summary.onTimeShare * 100 },
  { key: 'saving', label: 'Saving vs rule-based', unit: '₹', get: (p) => p.summary.saving },
];

/** Side by side: every KPI and cost category of two plans, with b − a. */
export function comparePlans(a: { item: PlanListItem; plan: Plan }, b: { item: PlanListItem; plan: Plan }): PlanComparison {
  return {
    a: a.item,
    b: b.item,
    rows: ROWS.map((r) => {
      const va = r.get(a.plan);
      const vb = r.get(b.plan);
      return { key: r.key, label: r.label, unit: r.unit, a: va, b: vb, diff: vb - va };
    }),
  };
}
