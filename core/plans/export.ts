import type { Plan } from '../domain/plan';
import { writeCsv, type CsvCell as Cell } from '../csv/write';
import { writeXlsx, type Sheet } from '../importexport/xlsx';

export type PlanTable = 'rakes' | 'road' | 'unserved' | 'summary' | 'production';

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The plan as sheets a planner can open: one row per rake line, truck lot, unserved order, cost. */
export function planSheets(plan: Plan): Record<PlanTable, Sheet> {
  const rakes: Cell[][] = [[
    'Rake', 'Wagon type', 'Loading point', 'Loading start', 'Loading end', 'Order', 'Product', 'Destination', 'Wagons', 'Tonnes [t]',
    'Stockyards [t]', 'ETA', 'Days late', 'Lateness [₹]', 'Rake load [t]', 'Rake capacity [t]', 'Utilisation [%]', 'Rail freight [₹]',
    'Idle freight [₹]', 'Two-point [₹]', 'Demurrage [₹]', 'Loading [₹]',
  ]];
  for (const r of plan.rakes) {
    r.lines.forEach((l, i) => rakes.push([
      r.rakeId, r.wagonType, r.loadingPoint, r.loadingStart, r.loadingEnd, l.order, l.product, l.destination, l.wagons, l.tonnes,
      l.sources.map((s) => `${s.stockyard}: ${s.tonnes}`).join('; '), l.eta, l.lateDays, l.latenessRs,
      // Rake-level figures on the rake's first line only, so a column sum is the plan total.
      i === 0 ? r.loadT : null, i === 0 ? r.capacityT : null, i === 0 ? r2(r.utilisation * 100) : null, i === 0 ? r.railFreightRs : null,
      i === 0 ? r.idleFreightRs : null, i === 0 ? r.twoPointRs : null, i === 0 ? r.demurrageRs : null, i === 0 ? r.loadingRs : null,
    ]));
  }
  const road: Cell[][] = [['Date', 'Stockyard', 'Order', 'Product', 'Destination', 'Tonnes [t]', 'Trucks', 'Dispatch', 'ETA', 'Days late', 'Road freight [₹]', 'Lateness [₹]']];
  for (const r of plan.road) road.push([r.date, r.stockyard, r.order, r.product, r.destination, r.tonnes, r.trucks, r.dispatch, r.eta, r.lateDays, r.freightRs, r.latenessRs]);
  const unserved: Cell[][] = [['Order', 'Product', 'Destination', 'Priority', 'Tonnes [t]', 'Penalty [₹]', 'Deferred freight [₹]', 'Reason']];
  for (const u of plan.unserved) unserved.push([u.order, u.product, u.destination, u.priority, u.tonnes, u.penaltyRs, u.deferredFreightRs ?? 0, u.reason]);
  const s = plan.summary;
  const summary: Cell[][] = [
    ['Item', 'Value', 'Unit'],
    ['Rail freight', s.costs.railFreightRs, '₹'], ['Idle freight', s.costs.idleFreightRs, '₹'], ['Two-point surcharge', s.costs.twoPointRs, '₹'],
    ['Road freight', s.costs.roadFreightRs, '₹'], ['Demurrage', s.costs.demurrageRs, '₹'], ['Loading cost', s.costs.loadingRs, '₹'],
    ['Lateness penalty', s.costs.latenessRs, '₹'], ['Unserved penalty', s.costs.unservedRs, '₹'],
    ['Deferred freight (unserved tonnes, paid later)', s.costs.deferredFreightRs ?? 0, '₹'], ['Total cost', s.totalCost, '₹'],
    ['Rule-based plan cost', s.ruleBasedCost, '₹'], ['Saving vs rule-based', s.saving, '₹'], ['Saving vs rule-based', s.savingPct, '%'],
    ['Cost per tonne shipped', s.costPerT, '₹/t'], ['Rail', s.railT, 't'], ['Road', s.roadT, 't'], ['Unserved', s.unservedT, 't'],
    ['Rakes used', s.rakesUsed, 'rakes'], ['Average utilisation', r2(s.avgUtilisation * 100), '%'], ['On-time share', r2(s.onTimeShare * 100), '%'],
    ['Method', plan.solver.method, ''], ['Solver status', plan.solver.status, ''], ['Gap', plan.solver.gap === null ? null : r2(plan.solver.gap * 100), '%'],
    ['Solve time', r2(plan.solver.seconds), 's'], ['Fallback reason', plan.solver.fallbackReason ?? '', ''],
  ];
  const production: Cell[][] = [['Product', 'Tonnes [t]', 'Needed by', 'Because']];
  for (const p of plan.production) production.push([p.product, p.tonnes, p.neededBy, p.because]);
  return {
    rakes: { name: 'Rakes', rows: rakes }, road: { name: 'Road', rows: road }, unserved: { name: 'Unserved', rows: unserved },
    summary: { name: 'Cost summary', rows: summary }, production: { name: 'Production', rows: production },
  };
}

export async function exportPlanXlsx(plan: Plan): Promise<Buffer> {
  const s = planSheets(plan);
  return writeXlsx([s.summary, s.rakes, s.road, s.unserved, s.production]);
}

export function exportPlanCsv(plan: Plan, table: PlanTable): string {
  return writeCsv(planSheets(plan)[table].rows);
}
