import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { writeCsvForExcel, type CsvCell as Cell } from '../csv/write';
import { indianFormat, writeXlsx, type ColumnFormat, type Sheet } from '../importexport/xlsx';

export type PlanTable = 'rakes' | 'road' | 'unserved' | 'summary' | 'production';

const r2 = (x: number) => Math.round(x * 100) / 100;

const RS = indianFormat('"₹"', '');
const T = indianFormat('', '" t"');
const DT: ColumnFormat = { kind: 'datetime', width: 18 };
const TEXT: ColumnFormat = {};

/**
 * The plan as sheets a planner can open: one row per rake line, truck lot, unserved order, cost.
 * With the scenario, orders carry their customer's name. Sheets carry Excel formats (dates as
 * dates, ₹ and t with Indian grouping), an autofilter and a totals row; CSV gets the same cells.
 */
export function planSheets(plan: Plan, scenario?: Scenario): Record<PlanTable, Sheet> {
  const customers = new Map(scenario?.orders.map((o) => [o.id, o.customer]) ?? []);
  const customer = (order: string) => customers.get(order) ?? '';
  const rakes: Cell[][] = [
    [
      'Rake',
      'Wagon type',
      'Loading point',
      'Loading start',
      'Loading end',
      'Order',
      'Customer',
      'Product',
      'Destination',
      'Wagons',
      'Tonnes [t]',
      'Stockyards [t]',
      'ETA',
      'Days late',
      'Lateness [₹]',
      'Rake load [t]',
      'Rake capacity [t]',
      'Utilisation [%]',
      'Rail freight [₹]',
      'Idle freight [₹]',
      'Two-point [₹]',
      'Demurrage [₹]',
      'Loading [₹]',
    ],
  ];
  for (const r of plan.rakes) {
    r.lines.forEach((l, i) =>
      rakes.push([
        r.rakeId,
        r.wagonType,
        r.loadingPoint,
        r.loadingStart,
        r.loadingEnd,
        l.order,
        customer(l.order),
        l.product,
        l.destination,
        l.wagons,
        l.tonnes,
        l.sources.map((s) => `${s.stockyard}: ${s.tonnes}`).join('; '),
        l.eta,
        l.lateDays,
        l.latenessRs,
        // Rake-level figures on the rake's first line only, so a column sum is the plan total.
        i === 0 ? r.loadT : null,
        i === 0 ? r.capacityT : null,
        i === 0 ? r2(r.utilisation * 100) : null,
        i === 0 ? r.railFreightRs : null,
        i === 0 ? r.idleFreightRs : null,
        i === 0 ? r.twoPointRs : null,
        i === 0 ? r.demurrageRs : null,
        i === 0 ? r.loadingRs : null,
      ]),
    );
  }
  const road: Cell[][] = [
    [
      'Date',
      'Stockyard',
      'Order',
      'Customer',
      'Product',
      'Destination',
      'Tonnes [t]',
      'Trucks',
      'Dispatch',
      'ETA',
      'Days late',
      'Road freight [₹]',
      'Lateness [₹]',
    ],
  ];
  for (const r of plan.road)
    road.push([
      r.date,
      r.stockyard,
      r.order,
      customer(r.order),
      r.product,
      r.destination,
      r.tonnes,
      r.trucks,
      r.dispatch,
      r.eta,
      r.lateDays,
      r.freightRs,
      r.latenessRs,
    ]);
  const unserved: Cell[][] = [
    [
      'Order',
      'Customer',
      'Product',
      'Destination',
      'Priority',
      'Tonnes [t]',
      'Penalty [₹]',
      'Deferred freight [₹]',
      'Reason',
    ],
  ];
  for (const u of plan.unserved)
    unserved.push([
      u.order,
      customer(u.order),
      u.product,
      u.destination,
      u.priority,
      u.tonnes,
      u.penaltyRs,
      u.deferredFreightRs ?? 0,
      u.reason,
    ]);
  const s = plan.summary;
  const summary: Cell[][] = [
    ['Item', 'Value', 'Unit'],
    ['Rail freight', s.costs.railFreightRs, '₹'],
    ['Idle freight', s.costs.idleFreightRs, '₹'],
    ['Two-point surcharge', s.costs.twoPointRs, '₹'],
    ['Road freight', s.costs.roadFreightRs, '₹'],
    ['Demurrage', s.costs.demurrageRs, '₹'],
    ['Loading cost', s.costs.loadingRs, '₹'],
    ['Lateness penalty', s.costs.latenessRs, '₹'],
    ['Unserved penalty', s.costs.unservedRs, '₹'],
    ['Deferred freight (unserved tonnes, paid later)', s.costs.deferredFreightRs ?? 0, '₹'],
    ['Total cost', s.totalCost, '₹'],
    ['Rule-based plan cost', s.ruleBasedCost, '₹'],
    ['Saving vs rule-based', s.saving, '₹'],
    ['Saving vs rule-based', s.savingPct, '%'],
    ['Cost per tonne shipped', s.costPerT, '₹/t'],
    ['Rail', s.railT, 't'],
    ['Road', s.roadT, 't'],
    ['Unserved', s.unservedT, 't'],
    ['Rakes used', s.rakesUsed, 'rakes'],
    ['Average utilisation', r2(s.avgUtilisation * 100), '%'],
    ['On-time share', r2(s.onTimeShare * 100), '%'],
    ['Method', plan.solver.method, ''],
    ['Solver status', plan.solver.status, ''],
    ['Gap', plan.solver.gap === null ? null : r2(plan.solver.gap * 100), '%'],
    ['Solve time', r2(plan.solver.seconds), 's'],
    ['Fallback reason', plan.solver.fallbackReason ?? '', ''],
  ];
  const production: Cell[][] = [['Product', 'Tonnes [t]', 'Needed by', 'Because']];
  for (const p of plan.production) production.push([p.product, p.tonnes, p.neededBy, p.because]);
  const rs: ColumnFormat = { numFmt: RS, total: true, width: 16 };
  const t: ColumnFormat = { numFmt: T, total: true, width: 14 };
  const n: ColumnFormat = { numFmt: '#,##0', total: true };
  const pct: ColumnFormat = { numFmt: '0.0" %"' };
  const filtered = (columns: ColumnFormat[]) => ({ columns, autoFilter: true, totalsLabel: 'Total' });
  return {
    rakes: {
      name: 'Rakes',
      rows: rakes,
      format: filtered([
        { width: 16 },
        TEXT,
        TEXT,
        DT,
        DT,
        { width: 16 },
        { width: 28 },
        TEXT,
        TEXT,
        n,
        t,
        { width: 28 },
        DT,
        { numFmt: '0' },
        rs,
        t,
        t,
        pct,
        rs,
        rs,
        rs,
        rs,
        rs,
      ]),
    },
    road: {
      name: 'Road',
      rows: road,
      format: filtered([
        { kind: 'date', width: 14 },
        TEXT,
        { width: 16 },
        { width: 28 },
        TEXT,
        TEXT,
        t,
        n,
        DT,
        DT,
        { numFmt: '0' },
        rs,
        rs,
      ]),
    },
    unserved: {
      name: 'Unserved',
      rows: unserved,
      format: filtered([{ width: 16 }, { width: 28 }, TEXT, TEXT, { numFmt: '0' }, t, rs, rs, { width: 60 }]),
    },
    summary: {
      name: 'Cost summary',
      rows: summary,
      format: { columns: [{ width: 44 }, { numFmt: '#,##,##0.##', width: 18 }, TEXT] },
    },
    production: {
      name: 'Production',
      rows: production,
      format: { columns: [TEXT, t, DT, { width: 60 }], autoFilter: true, totalsLabel: 'Total' },
    },
  };
}

export async function exportPlanXlsx(plan: Plan, scenario?: Scenario): Promise<Buffer> {
  const s = planSheets(plan, scenario);
  return writeXlsx([s.summary, s.rakes, s.road, s.unserved, s.production]);
}

/** CSV for Excel: UTF-8 with a BOM, so ₹ in the headers opens correctly on Windows. */
export function exportPlanCsv(plan: Plan, table: PlanTable, scenario?: Scenario): string {
  return writeCsvForExcel(planSheets(plan, scenario)[table].rows);
}
