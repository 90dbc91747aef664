import type { Scenario } from '../domain/scenario';
// Only the plan's TYPES are shared with the optimizer (core/domain/plan.ts): every rule and cost
// below is re-derived here, so a bug in the model builder cannot hide in shared code.
import type { CostBreakdown, Plan } from '../domain/plan';
import { PLANT_OFFSET_MIN } from '../domain/plant-time';
import { checkFigures } from './figures';
import { shapeProblems } from './shape';
import {
  at,
  violation,
  type PlacePart,
  type Violation,
  type ViolationCode,
  type ViolationParams,
} from '../domain/violations';
import { COST_REL, TOL_H, TOL_T } from './tolerances';

export type { Violation } from '../domain/violations';

export interface CheckResult {
  ok: boolean;
  violations: Violation[];
  /** Costs as recomputed by the checker [₹]. */
  recomputed: Record<string, number> & { totalCost: number };
  /** Its lists could not be walked (a hand-edited file): the violations are the shape's only. */
  malformed?: true;
}

const H = 3_600_000;

type Costs = CostBreakdown;
type PlanRake = Plan['rakes'][number];
type Order = Scenario['orders'][number];

/** What every rule reads (the scenario indexed) and what the rules add up as they go. */
interface Ctx {
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

/** Re-verify every rule (docs/plan-format.md, Rules) for `plan` against `scenario`; never throws on a bad plan. */
export function checkPlan(sc: Scenario, plan: Plan): CheckResult {
  const v: Violation[] = [];
  const shape = shapeProblems(plan);
  if (shape.length)
    return {
      ok: false,
      violations: shape.map((p) => violation(0, p.at, p.code)),
      recomputed: { totalCost: NaN },
      malformed: true,
    };
  const x = context(sc, (rule, where, code, params) => v.push(violation(rule, where, code, params)));
  const seenRakes = new Set<string>();
  for (const pr of plan.rakes) checkRake(x, pr, seenRakes);
  checkSidingCapacity(x);
  checkRoad(x, plan);
  checkInventory(x);
  checkOrders(x, plan);
  const totalCost = checkTotals(x, plan);
  checkFigures(sc, plan, x, x.bad);
  return { ok: v.length === 0, violations: v, recomputed: { ...x.cost, totalCost } };
}

function context(sc: Scenario, bad: Ctx['bad']): Ctx {
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

const railRs = (x: Ctx, km: number) => x.sc.costs.railBaseRsPerT + x.sc.costs.railRsPerTKm * km;
const lateRs = (x: Ctx, p: 1 | 2 | 3) => x.sc.costs.latenessRsPerTDay[`p${p}`];
const tallyOnTime = (x: Ctx, t: number, days: number) => {
  x.onTime.all += t;
  if (days === 0) x.onTime.t += t;
};
const daysLate = (etaH: number, dueH: number) => (etaH - dueH > 1e-6 ? Math.ceil((etaH - dueH) / 24 - 1e-9) : 0);

function deliver(x: Ctx, id: string, mode: 'rail' | 'road', t: number): void {
  const d = x.delivered.get(id) ?? { rail: 0, road: 0, shipments: 0 };
  d[mode] += t;
  d.shipments += 1;
  x.delivered.set(id, d);
}

function draw(x: Ctx, stockyard: string, product: string, t: number): void {
  x.drawn.set(`${stockyard}|${product}`, (x.drawn.get(`${stockyard}|${product}`) ?? 0) + t);
}

/**
 * Deferred freight [₹/t]: what an unserved tonne still pays when shipped after the horizon — the
 * cheapest of rail (rail allowed, some wagon type may carry the product) and road (road allowed,
 * destination reachable; cheapest lane or default road rate over the stockyards); 0 if neither.
 */
function deferredRs(x: Ctx, o: Order): number {
  const { sc } = x;
  const d = x.dests.get(o.destination);
  if (!d) return 0;
  const rates: number[] = [];
  const prod = x.prods.get(o.product);
  if (o.modes !== 'road' && prod && sc.plant.wagonTypes.some((w) => prod.wagonTypes.includes(w.code)))
    rates.push(railRs(x, d.railDistanceKm));
  if (o.modes !== 'rail' && d.roadPossible) {
    for (const y of sc.plant.stockyards) {
      const lane = sc.roadLanes.find((l) => l.stockyard === y.code && l.destination === d.code);
      rates.push(lane ? lane.rsPerT : sc.costs.roadBaseRsPerT + sc.costs.roadRsPerTKm * d.roadDistanceKm);
    }
  }
  return rates.length ? Math.min(...rates) : 0;
}

/** One planned rake: rules 3, 4 and 5, then its costs and its lines' lateness (rule 7). */
function checkRake(x: Ctx, pr: PlanRake, seenRakes: Set<string>): void {
  const loaded = checkWagonsAndLoad(x, pr, seenRakes);
  if (!loaded) return;
  checkDestinations(x, pr, loaded.wagonsByDest);
  const times = checkLoading(x, pr, loaded.load);
  if (!times) return;
  priceRake(x, pr, loaded, times);
}

/** Rule 3: the rake exists once and may load; each line fits its wagons; wagons and load fit the rake. */
function checkWagonsAndLoad(
  x: Ctx,
  pr: PlanRake,
  seenRakes: Set<string>,
): { capT: number; load: number; wagonsByDest: Map<string, number> } | null {
  const { bad } = x;
  const where = at.rake(pr.rakeId);
  const rk = x.rakesById.get(pr.rakeId);
  if (!rk) {
    bad(3, where, 'rake-unknown');
    return null;
  }
  if (seenRakes.has(rk.id)) bad(3, where, 'rake-twice');
  seenRakes.add(rk.id);
  if (rk.status === 'cancelled' || rk.status === 'dispatched') bad(3, where, `rake-${rk.status}`);
  const wt = x.wts.get(rk.wagonType);
  if (!wt) {
    bad(3, where, 'wagon-type-unknown', { wagonType: rk.wagonType });
    return null;
  }
  if (pr.wagonType !== rk.wagonType)
    bad(3, where, 'wagon-type-differs', { planned: pr.wagonType, actual: rk.wagonType });
  const capT = rk.wagons * wt.pccT;
  let load = 0;
  let wagons = 0;
  const wagonsByDest = new Map<string, number>();
  for (const l of pr.lines) {
    const lw = at.rakeOrder(pr.rakeId, l.order);
    const o = x.orders.get(l.order);
    if (!o) {
      bad(2, lw, 'order-unknown');
      continue;
    }
    if (l.product !== o.product || l.destination !== o.destination)
      bad(3, lw, 'line-differs', {
        product: l.product,
        destination: l.destination,
        orderProduct: o.product,
        orderDestination: o.destination,
      });
    if (o.modes === 'road') bad(6, lw, 'road-only-on-rake');
    if (!x.prods.get(o.product)?.wagonTypes.includes(rk.wagonType))
      bad(3, lw, 'wagons-may-not-carry', { wagonType: rk.wagonType, product: o.product });
    if (!Number.isInteger(l.wagons) || l.wagons < 1) bad(3, lw, 'wagons-not-whole', { wagons: l.wagons });
    const t = l.sources.reduce((a, s) => a + s.tonnes, 0);
    if (Math.abs(t - l.tonnes) > TOL_T) bad(0, lw, 'sources-differ', { sources: t, line: l.tonnes });
    if (t > l.wagons * wt.pccT + TOL_T) bad(3, lw, 'line-over-wagons', { tonnes: t, wagons: l.wagons, pcc: wt.pccT });
    // Every wagon allotted carries load (as the model allots them, ⌈t ÷ PCC⌉): empty wagons would
    // let a two-point rake meet its minimum wagons per destination without carrying anything. No
    // tolerance is added to t: 567 t in 63 t wagons fills 9, and a tenth would travel empty, while
    // 567.005 t does load a tenth (5 kg), as an order's odd kilograms may.
    const loadedWagons = t > 0 ? Math.max(1, Math.ceil(t / wt.pccT - 1e-9)) : 0;
    if (Number.isInteger(l.wagons) && l.wagons > loadedWagons)
      bad(3, lw, 'empty-wagons', { wagons: l.wagons, tonnes: t, empty: l.wagons - loadedWagons, pcc: wt.pccT });
    for (const s of l.sources) {
      if (s.tonnes < -TOL_T) bad(0, lw, 'negative-source', { stockyard: s.stockyard });
      draw(x, s.stockyard, o.product, s.tonnes);
    }
    deliver(x, o.id, 'rail', t);
    load += t;
    wagons += l.wagons;
    // Rule 4's minimum per destination counts wagons that carry load.
    const counted = Number.isInteger(l.wagons) ? Math.min(l.wagons, loadedWagons) : l.wagons;
    wagonsByDest.set(o.destination, (wagonsByDest.get(o.destination) ?? 0) + counted);
  }
  if (wagons > rk.wagons) bad(3, where, 'wagons-over-rake', { allotted: wagons, wagons: rk.wagons });
  if (load > capT + TOL_T) bad(3, where, 'load-over-capacity', { load, capacity: capT });
  x.loads.set(pr.rakeId, { load, capT });
  return { capT, load, wagonsByDest };
}

/** Rule 4: at most two destinations, on one corridor, each with the minimum wagons. */
function checkDestinations(x: Ctx, pr: PlanRake, wagonsByDest: Map<string, number>): void {
  const where = at.rake(pr.rakeId);
  const c = x.sc.costs;
  const dcodes = [...wagonsByDest.keys()];
  if (dcodes.length > 2) x.bad(4, where, 'too-many-destinations', { n: dcodes.length });
  if (dcodes.length === 2) {
    const [a, b] = dcodes.map((d) => x.dests.get(d));
    if (a && b && a.corridor !== b.corridor) x.bad(4, where, 'corridors-differ', { a: a.corridor, b: b.corridor });
    for (const [d, n] of wagonsByDest)
      if (n < c.minWagonsPerDestination)
        x.bad(4, where, 'two-point-min-wagons', { wagons: n, destination: d, min: c.minWagonsPerDestination });
  }
}

/** Rule 5 for one rake: its loading point handles the wagons and serves the yards, after placement, for as long as the load takes, in working hours. */
function checkLoading(x: Ctx, pr: PlanRake, load: number): { s: number; e: number; place: number } | null {
  const { bad } = x;
  const where = at.rake(pr.rakeId);
  const rk = x.rakesById.get(pr.rakeId)!;
  const lp = x.lps.get(pr.loadingPoint);
  const s = x.hOf(pr.loadingStart, where);
  const e = x.hOf(pr.loadingEnd, where);
  const place = x.hOf(rk.expectedPlacement, where);
  if (!lp) {
    bad(5, where, 'loading-point-unknown', { loadingPoint: pr.loadingPoint });
    return null;
  }
  if (!lp.wagonTypes.includes(rk.wagonType))
    bad(5, where, 'siding-wagon-type', { loadingPoint: lp.code, wagonType: rk.wagonType });
  for (const l of pr.lines)
    for (const src of l.sources) {
      if (!x.yards.has(src.stockyard)) bad(1, where, 'stockyard-unknown', { stockyard: src.stockyard });
      else if (!lp.stockyards.includes(src.stockyard))
        bad(5, where, 'siding-not-serving', { loadingPoint: lp.code, stockyard: src.stockyard });
    }
  if (s < place - TOL_H) bad(5, where, 'loading-before-placement', { hours: place - s });
  const horizonH = x.sc.horizon.days * 24;
  if (s < -TOL_H) bad(5, where, 'loading-before-horizon', { hours: -s });
  if (e > horizonH + TOL_H) bad(5, where, 'loading-after-horizon', { hours: e - horizonH });
  const dur = load / lp.loadingRateTph;
  if (Math.abs(e - s - dur) > TOL_H)
    bad(5, where, 'loading-duration', { hours: e - s, load, rate: lp.loadingRateTph, needed: dur });
  if (!withinHours(s, e, x.t0, x.off, lp.workStartH, lp.workEndH))
    bad(5, where, 'outside-working-hours', {
      start: pr.loadingStart,
      end: pr.loadingEnd,
      loadingPoint: lp.code,
      from: lp.workStartH,
      to: lp.workEndH,
    });
  x.intervals.set(lp.code, [...(x.intervals.get(lp.code) ?? []), [s, e, rk.id]]);
  return { s, e, place };
}

/** Rule 7 for one rake: freight, idle freight, two-point surcharge, demurrage, loading cost and each line's ETA and lateness. */
function priceRake(
  x: Ctx,
  pr: PlanRake,
  loaded: { capT: number; load: number; wagonsByDest: Map<string, number> },
  t: { e: number; place: number },
): void {
  const { bad, cost, claimed } = x;
  const c = x.sc.costs;
  const where = at.rake(pr.rakeId);
  const rk = x.rakesById.get(pr.rakeId)!;
  const lp = x.lps.get(pr.loadingPoint)!;
  const { capT, load } = loaded;
  const dcodes = [...loaded.wagonsByDest.keys()];
  const rates = dcodes.map((d) => railRs(x, x.dests.get(d)?.railDistanceKm ?? 0));
  const freight = pr.lines.reduce(
    (a, l) =>
      a + l.sources.reduce((y, z) => y + z.tonnes, 0) * railRs(x, x.dests.get(l.destination)?.railDistanceKm ?? 0),
    0,
  );
  const idle = Math.max(0, capT - load) * Math.max(0, ...rates);
  const two = c.twoPointSurchargeRs * Math.max(0, dcodes.length - 1);
  const dem = rk.wagons * Math.max(0, t.e - t.place - c.freeTimeH) * c.demurrageRsPerWagonH;
  const handling = load * (lp.handlingRsPerT ?? c.loadingRsPerT);
  for (const [name, got, want] of [
    ['rail-freight-differs', pr.railFreightRs, freight],
    ['idle-freight-differs', pr.idleFreightRs, idle],
    ['two-point-differs', pr.twoPointRs, two],
    ['demurrage-differs', pr.demurrageRs, dem],
    ['loading-cost-differs', pr.loadingRs, handling],
  ] as const) {
    if (!near(got, want)) bad(7, where, name, { got, want });
  }
  cost.railFreightRs += freight;
  cost.idleFreightRs += idle;
  cost.twoPointRs += two;
  cost.demurrageRs += dem;
  cost.loadingRs += handling;
  claimed.railFreightRs += pr.railFreightRs;
  claimed.idleFreightRs += pr.idleFreightRs;
  claimed.twoPointRs += pr.twoPointRs;
  claimed.demurrageRs += pr.demurrageRs;
  claimed.loadingRs += pr.loadingRs;
  for (const l of pr.lines) {
    const o = x.orders.get(l.order);
    const d = x.dests.get(l.destination);
    if (!o || !d) continue;
    const eta = t.e + d.railTransitH;
    const lw = at.rakeOrder(pr.rakeId, l.order);
    if (Math.abs(x.hOf(l.eta, where) - eta) > TOL_H) bad(7, lw, 'eta-rail', { eta: l.eta, transit: d.railTransitH });
    const days = daysLate(eta, x.hOf(o.dueDate, at.order(o.id)));
    const lr = l.tonnes * days * lateRs(x, o.priority);
    if (l.lateDays !== days || !near(l.latenessRs, lr))
      bad(7, lw, 'lateness-rail', { gotDays: l.lateDays, got: l.latenessRs, days, want: lr });
    cost.latenessRs += lr;
    claimed.latenessRs += l.latenessRs;
    tallyOnTime(x, l.tonnes, days);
  }
}

/** Rule 5: no loading point holds more rakes at once than it can. */
function checkSidingCapacity(x: Ctx): void {
  for (const [code, list] of x.intervals) {
    const lp = x.lps.get(code)!;
    for (const [s] of list) {
      const inUse = list.filter(([a, b]) => a <= s + 1e-9 && b > s + 1e-9);
      if (inUse.length > lp.maxRakes)
        x.bad(5, [{ kind: 'loadingPoint', id: code }], 'siding-over-capacity', {
          n: inUse.length,
          rakes: inUse.map((r) => r[2]),
          max: lp.maxRakes,
        });
    }
  }
}

/** Rule 6: road shipments — allowed, reachable, on their planning day, whole trucks, within each yard's daily capacity — and their costs. */
function checkRoad(x: Ctx, plan: Plan): void {
  const { sc, bad, cost, claimed } = x;
  const c = sc.costs;
  const roadByDay = new Map<string, number>();
  for (const r of plan.road) {
    const where = at.road(r.stockyard, r.date, r.order);
    const o = x.orders.get(r.order);
    const d = o ? x.dests.get(o.destination) : undefined;
    if (!o || !d) {
      bad(2, where, 'road-order-unknown');
      continue;
    }
    if (o.modes === 'rail') bad(6, where, 'rail-only-by-road');
    if (!d.roadPossible) bad(6, where, 'no-road', { destination: d.code });
    const yard = x.yards.get(r.stockyard);
    if (!yard) {
      bad(1, where, 'stockyard-unknown', { stockyard: r.stockyard });
      continue;
    }
    if (!(r.tonnes > 0)) {
      bad(0, where, 'road-tonnes-not-positive', { tonnes: r.tonnes });
      continue;
    }
    const dispatch = x.hOf(r.dispatch, where);
    const dayIdx = Math.floor(dispatch / 24);
    if (dayIdx < 0 || dayIdx >= sc.horizon.days) bad(6, where, 'dispatch-outside-horizon');
    // A dispatch that is no timestamp is already reported (rule 0) and has no planning day.
    if (Number.isFinite(dispatch) && localDate(x.t0 + dayIdx * 24 * H, x.off) !== r.date)
      bad(6, where, 'dispatch-wrong-day', { dispatch: r.dispatch, date: r.date });
    const k = `${r.stockyard}|${r.date}`;
    roadByDay.set(k, (roadByDay.get(k) ?? 0) + r.tonnes);
    if (r.trucks !== Math.ceil(r.tonnes / c.truckT - 1e-9))
      bad(6, where, 'trucks-differ', { trucks: r.trucks, tonnes: r.tonnes, truckT: c.truckT });
    draw(x, r.stockyard, o.product, r.tonnes);
    deliver(x, o.id, 'road', r.tonnes);
    const lane = sc.roadLanes.find((l) => l.stockyard === r.stockyard && l.destination === d.code);
    const f = r.tonnes * (lane ? lane.rsPerT : c.roadBaseRsPerT + c.roadRsPerTKm * d.roadDistanceKm);
    if (!near(r.freightRs, f)) bad(7, where, 'road-freight-differs', { got: r.freightRs, want: f });
    const eta = dispatch + d.roadTransitH;
    if (Math.abs(x.hOf(r.eta, where) - eta) > TOL_H) bad(7, where, 'eta-road', { eta: r.eta, transit: d.roadTransitH });
    const days = daysLate(eta, x.hOf(o.dueDate, at.order(o.id)));
    const lr = r.tonnes * days * lateRs(x, o.priority);
    if (r.lateDays !== days || !near(r.latenessRs, lr)) bad(7, where, 'lateness-road', { got: r.latenessRs, want: lr });
    cost.roadFreightRs += f;
    cost.latenessRs += lr;
    claimed.roadFreightRs += r.freightRs;
    claimed.latenessRs += r.latenessRs;
    tallyOnTime(x, r.tonnes, days);
  }
  for (const [k, t] of roadByDay) {
    const [y, date] = k.split('|') as [string, string];
    const o = sc.roadCapacity.find((rc) => rc.stockyard === y && rc.date === date);
    const cap = o ? o.capacityT : (x.yards.get(y)?.roadCapacityTPerDay ?? 0);
    if (t > cap + TOL_T) bad(6, at.road(y, date), 'road-over-capacity', { tonnes: t, capacity: cap });
  }
}

/** Rule 1: no stockyard gives more of a product than it holds above safety stock. */
function checkInventory(x: Ctx): void {
  for (const [k, t] of x.drawn) {
    const [y, p] = k.split('|') as [string, string];
    const usable = x.sc.inventory
      .filter((i) => i.stockyard === y && i.product === p)
      .reduce((a, i) => a + Math.max(0, i.onHandT - i.safetyStockT), 0);
    if (t > usable + TOL_T)
      x.bad(
        1,
        [
          { kind: 'stockyard', id: y },
          { kind: 'product', id: p },
        ],
        'stock-over-usable',
        { tonnes: t, usable },
      );
  }
}

/** Rule 2: every order accounted for (rail + road + unserved), unsplittable ones whole; unserved tonnes priced and explained. */
function checkOrders(x: Ctx, plan: Plan): void {
  const { sc, bad, cost, claimed } = x;
  const unserved = new Map<string, number>();
  for (const u of plan.unserved) {
    const o = x.orders.get(u.order);
    const uw: PlacePart[] = [{ kind: 'unserved', id: u.order }];
    if (!o) {
      bad(2, uw, 'order-unknown');
      continue;
    }
    if (!(u.tonnes > 0)) {
      bad(0, uw, 'unserved-not-positive', { tonnes: u.tonnes });
      continue;
    }
    if (!u.reason || !u.reason.trim()) bad(2, at.order(o.id), 'unserved-no-reason');
    unserved.set(o.id, (unserved.get(o.id) ?? 0) + u.tonnes);
    const pen = u.tonnes * sc.costs.unservedRsPerT[`p${o.priority}`];
    if (!near(u.penaltyRs, pen)) bad(7, at.order(o.id), 'unserved-penalty-differs', { got: u.penaltyRs, want: pen });
    cost.unservedRs += pen;
    claimed.unservedRs += u.penaltyRs;
    const df = u.tonnes * deferredRs(x, o);
    // A plan written before deferred freight was priced lacks the field: reported once, in the totals.
    if (typeof u.deferredFreightRs === 'number' && !near(u.deferredFreightRs, df))
      bad(7, at.order(o.id), 'deferred-freight-differs', { got: u.deferredFreightRs, want: df });
    cost.deferredFreightRs += df;
    claimed.deferredFreightRs += typeof u.deferredFreightRs === 'number' ? u.deferredFreightRs : 0;
  }
  for (const o of sc.orders) {
    const d = x.delivered.get(o.id) ?? { rail: 0, road: 0, shipments: 0 };
    const u = unserved.get(o.id) ?? 0;
    const tol = TOL_T + 1e-6 * o.quantityT;
    const where = at.order(o.id);
    if (d.rail + d.road > o.quantityT + tol)
      bad(2, where, 'order-over-shipped', { shipped: d.rail + d.road, ordered: o.quantityT });
    if (Math.abs(d.rail + d.road + u - o.quantityT) > tol)
      bad(2, where, 'order-unbalanced', { rail: d.rail, road: d.road, unserved: u, ordered: o.quantityT });
    if (!o.splittable && d.shipments > 1) bad(2, where, 'unsplittable-split', { shipments: d.shipments });
    if (!o.splittable && d.shipments === 1 && Math.abs(d.rail + d.road - o.quantityT) > tol)
      bad(2, where, 'unsplittable-part');
  }
}

/** Rule 7: each cost category and the total as the rules give them and as the plan's lines add up. */
function checkTotals(x: Ctx, plan: Plan): number {
  const { bad, cost, claimed } = x;
  const totalCost = Object.values(cost).reduce((a, b) => a + b, 0);
  for (const [k, want] of Object.entries(cost)) {
    const got = plan.summary.costs[k as keyof Costs];
    const where = at.field(`summary.costs.${k}`);
    if (typeof got !== 'number') {
      bad(7, where, 'cost-missing', { want });
      continue;
    }
    if (!near(got, want)) bad(7, where, 'cost-differs', { got, want });
    if (!near(claimed[k as keyof Costs], got))
      bad(7, where, 'cost-differs-lines', { got, lines: claimed[k as keyof Costs] });
  }
  if (!near(plan.summary.totalCost, totalCost))
    bad(7, at.field('summary.totalCost'), 'cost-differs', { got: plan.summary.totalCost, want: totalCost });
  return totalCost;
}

function near(got: number, want: number): boolean {
  return Number.isFinite(got) && Math.abs(got - want) <= Math.max(1, COST_REL * Math.abs(want));
}

function localDate(ms: number, offMin: number): string {
  return new Date(ms + offMin * 60_000).toISOString().slice(0, 10);
}

/** [s, e] (h from t0) inside one working window [ws, we] of the local day; 0–24 is round the clock. */
function withinHours(s: number, e: number, t0: number, offMin: number, ws: number, we: number): boolean {
  if (ws <= 0 && we >= 24) return true;
  const localMs = t0 + s * H + offMin * 60_000;
  const dayStartMs = Math.floor(localMs / (24 * H)) * 24 * H;
  const hod = (localMs - dayStartMs) / H;
  return hod >= ws - TOL_H && hod + (e - s) <= we + TOL_H;
}
