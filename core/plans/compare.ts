import type { PlanComparison, PlanListItem } from '../contract/api/plans';
import type { Plan } from '../domain/plan';

type Better = PlanComparison['rows'][number]['better'];

/**
 * Which way is better for the plant, per row: costs and unserved tonnes lower; saving,
 * utilisation, on-time share and rail tonnes (the cheaper mode per tonne-km) higher. Road tonnes
 * and rakes used are neither by themselves: their cost rows carry the verdict.
 */
const ROWS: Array<{ key: string; label: string; unit: string; better: Better; get: (p: Plan) => number }> = [
  { key: 'totalCost', label: 'Total cost', unit: '₹', better: 'lower', get: (p) => p.summary.totalCost },
  { key: 'costPerT', label: 'Cost per tonne shipped', unit: '₹/t', better: 'lower', get: (p) => p.summary.costPerT },
  {
    key: 'railFreightRs',
    label: 'Rail freight',
    unit: '₹',
    better: 'lower',
    get: (p) => p.summary.costs.railFreightRs,
  },
  {
    key: 'idleFreightRs',
    label: 'Idle freight',
    unit: '₹',
    better: 'lower',
    get: (p) => p.summary.costs.idleFreightRs,
  },
  {
    key: 'twoPointRs',
    label: 'Two-point surcharge',
    unit: '₹',
    better: 'lower',
    get: (p) => p.summary.costs.twoPointRs,
  },
  {
    key: 'roadFreightRs',
    label: 'Road freight',
    unit: '₹',
    better: 'lower',
    get: (p) => p.summary.costs.roadFreightRs,
  },
  { key: 'demurrageRs', label: 'Demurrage', unit: '₹', better: 'lower', get: (p) => p.summary.costs.demurrageRs },
  { key: 'loadingRs', label: 'Loading cost', unit: '₹', better: 'lower', get: (p) => p.summary.costs.loadingRs },
  { key: 'latenessRs', label: 'Lateness penalty', unit: '₹', better: 'lower', get: (p) => p.summary.costs.latenessRs },
  { key: 'unservedRs', label: 'Unserved penalty', unit: '₹', better: 'lower', get: (p) => p.summary.costs.unservedRs },
  {
    key: 'deferredFreightRs',
    label: 'Deferred freight (unserved tonnes, paid later)',
    unit: '₹',
    better: 'lower',
    get: (p) => p.summary.costs.deferredFreightRs ?? 0,
  },
  { key: 'railT', label: 'Rail tonnes', unit: 't', better: 'higher', get: (p) => p.summary.railT },
  { key: 'roadT', label: 'Road tonnes', unit: 't', better: null, get: (p) => p.summary.roadT },
  { key: 'unservedT', label: 'Unserved tonnes', unit: 't', better: 'lower', get: (p) => p.summary.unservedT },
  { key: 'rakesUsed', label: 'Rakes used', unit: 'rakes', better: null, get: (p) => p.summary.rakesUsed },
  {
    key: 'avgUtilisation',
    label: 'Average rake utilisation',
    unit: '%',
    better: 'higher',
    get: (p) => p.summary.avgUtilisation * 100,
  },
  { key: 'onTimeShare', label: 'On-time share', unit: '%', better: 'higher', get: (p) => p.summary.onTimeShare * 100 },
  { key: 'saving', label: 'Saving vs rule-based', unit: '₹', better: 'higher', get: (p) => p.summary.saving },
];

/** Side by side: every KPI and cost category of two plans, with b − a. */
export function comparePlans(
  a: { item: PlanListItem; plan: Plan },
  b: { item: PlanListItem; plan: Plan },
): PlanComparison {
  return {
    a: a.item,
    b: b.item,
    rows: ROWS.map((r) => {
      const va = r.get(a.plan);
      const vb = r.get(b.plan);
      const diff = vb - va;
      // Same when the difference rounds to zero as shown (whole ₹ and t; one decimal for % and ₹/t).
      const same = Math.abs(diff) < (r.unit === '%' || r.unit === '₹/t' ? 0.05 : 0.5);
      const verdict = same
        ? 'same'
        : r.better === null
          ? 'neutral'
          : diff < 0 === (r.better === 'lower')
            ? 'better'
            : 'worse';
      return { key: r.key, label: r.label, unit: r.unit, better: r.better, a: va, b: vb, diff, verdict };
    }),
  };
}
