// The checker's context: the scenario indexed, the tallies the rules add to, and the helpers they share.
import type { Scenario } from '../domain/scenario';
// Only the plan's TYPES are shared with the optimizer (core/domain/plan.ts): every rule and cost
// the checker uses is re-derived from the scenario, so a bug in the model builder cannot hide in shared code.
import type { CostBreakdown, Plan } from '../domain/plan';
import { PLANT_OFFSET_MIN } from '../domain/plant-time';
import type { PlacePart, ViolationCode, ViolationParams } from '../domain/violations';
import { COST_REL, TOL_H } from './tolerances';

export const H = 3_600_000;

export type Costs = CostBreakdown;
export type PlanRake = Plan['rakes'][number];
export type Order = Scenario['orders'][number];

/** What every rule reads (the scenario indexed) and what the rules add up as they go. */
export interface Ctx {
  sc: Scenario;
  bad: (rule: number, at: PlacePart[], code: ViolationCode, params?: ViolationParams) => void;
  t0: number;
  off: number;
  hOf: (iso: string, where: PlacePart[]) => number;
  orders: Map<string, Order>;
  dests: Map<string, Scenario['plant']['destinations'][number]>;
  prods: Map<string, Scenario['plant']['products'][number]>;
  wts: Map<string, Scenario['plant']['wagonTypes'][number]>;
  lps: Map<string, Scenario['plant']['loadingPoints'][number]>;
  yards: Map<string, Scenario['plant']['stockyards'][number]>;
  rakesById: Map<string, Scenario['rakes'][number]>;
  /** stockyard|product → tonnes drawn by rail and road */
  drawn: Map<string, number>;
  delivered: Map<string, { rail: number; road: number; shipments: number }>;
  /** Costs as the rules give them, and as the plan's own lines claim them. */
  cost: Costs;
  claimed: Costs;
  /** loading point → [start h, end h, rake] */
  intervals: Map<string, Array<[number, number, string]>>;
  /** Shipped tonnes, and those delivered by their due date as the rules give it. */
  onTime: { t: number; all: number };
  /** Each planned rake's load and capacity as the checker finds them [t]. */
  loads: Map<string, { load: number; capT: number }>;
}

export function context(sc: Scenario, bad: Ctx['bad']): Ctx {
  const t0 = Date.parse(sc.horizon.start);
  const zero = (): Costs => ({
    railFreightRs: 0,
    idleFreightRs: 0,
    twoPointRs: 0,
    roadFreightRs: 0,
    demurrageRs: 0,
    loadingRs: 0,
    latenessRs: 0,
    unservedRs: 0,
    deferredFreightRs: 0,
  });
  return {
    sc,
    bad,
    t0,
    off: PLANT_OFFSET_MIN,
    hOf: (iso, where) => {
      const ms = Date.parse(iso);
      if (!Number.isFinite(ms)) {
        bad(0, where, 'not-timestamp', { value: iso });
        return NaN;
      }
      return (ms - t0) / H;
    },
    orders: new Map(sc.orders.map((o) => [o.id, o])),
    dests: new Map(sc.plant.destinations.map((d) => [d.code, d])),
    prods: new Map(sc.plant.products.map((p) => [p.code, p])),
    wts: new Map(sc.plant.wagonTypes.map((w) => [w.code, w])),
    lps: new Map(sc.plant.loadingPoints.map((l) => [l.code, l])),
    yards: new Map(sc.plant.stockyards.map((y) => [y.code, y])),
    rakesById: new Map(sc.rakes.map((r) => [r.id, r])),
    drawn: new Map(),
    delivered: new Map(),
    cost: zero(),
    claimed: zero(),
    intervals: new Map(),
    onTime: { t: 0, all: 0 },
    loads: new Map(),
  };
}

export const railRs = (x: Ctx, km: number) => x.sc.costs.railBaseRsPerT + x.sc.costs.railRsPerTKm * km;
export const lateRs = (x: Ctx, p: 1 | 2 | 3) => x.sc.costs.latenessRsPerTDay[`p${p}`];
export const tallyOnTime = (x: Ctx, t: number, days: number) => {
  x.onTime.all += t;
  if (days === 0) x.onTime.t += t;
};
export const daysLate = (etaH: number, dueH: number) => (etaH - dueH > 1e-6 ? Math.ceil((etaH - dueH) / 24 - 1e-9) : 0);

export function deliver(x: Ctx, id: string, mode: 'rail' | 'road', t: number): void {
  const d = x.delivered.get(id) ?? { rail: 0, road: 0, shipments: 0 };
  d[mode] += t;
  d.shipments += 1;
  x.delivered.set(id, d);
}

export function draw(x: Ctx, stockyard: string, product: string, t: number): void {
  x.drawn.set(`${stockyard}|${product}`, (x.drawn.get(`${stockyard}|${product}`) ?? 0) + t);
}

export function near(got: number, want: number): boolean {
  return Number.isFinite(got) && Math.abs(got - want) <= Math.max(1, COST_REL * Math.abs(want));
}

export function localDate(ms: number, offMin: number): string {
  return new Date(ms + offMin * 60_000).toISOString().slice(0, 10);
}

/** [s, e] (h from t0) inside one working window [ws, we] of the local day; 0–24 is round the clock. */
export function withinHours(s: number, e: number, t0: number, offMin: number, ws: number, we: number): boolean {
  if (ws <= 0 && we >= 24) return true;
  const localMs = t0 + s * H + offMin * 60_000;
  const dayStartMs = Math.floor(localMs / (24 * H)) * 24 * H;
  const hod = (localMs - dayStartMs) / H;
  return hod >= ws - TOL_H && hod + (e - s) <= we + TOL_H;
}
