import type { Destination, LoadingPoint, Order, Product, Rake, Stockyard, WagonType } from '../domain/entities';
import type { SidingOutage } from '../domain/plan-loop';
import type { Scenario } from '../domain/scenario';
import { PLANT_OFFSET_MIN } from '../domain/plant-time';

/**
 * The scenario indexed for planning: lookups by code, times as hours from the horizon start,
 * and every rate the cost rules need, computed once. Both the rule-based plan and the MILP use
 * this; the checker does not (it re-derives everything itself).
 */
export interface Prep {
  sc: Scenario;
  t0: number;
  /** Offset of the plant clock (IST) from UTC [min]: working hours and planning days are read on it, plan times written on it. */
  offsetMin: number;
  horizonH: number;
  products: Map<string, Product>;
  wagonTypes: Map<string, WagonType>;
  stockyards: Map<string, Stockyard>;
  lps: Map<string, LoadingPoint>;
  dests: Map<string, Destination>;
  /** Usable stock [t] by `stockyard|product`. */
  stock: Map<string, number>;
  /** Rakes placed before the horizon ends, in placement order, with placement [h]. */
  rakes: Array<{ rake: Rake; placeH: number; pccT: number; capT: number }>;
  orders: Order[];
  orderById: Map<string, Order>;
  dueH: Map<string, number>;
  /** Lane rates [₹/t] by `stockyard|destination` (the first lane listed wins). */
  laneRs: Map<string, number>;
  /** Road capacity overrides [t] by `stockyard|date` (the first listed wins). */
  roadCapT: Map<string, number>;
  /** Memo of `deferredFreightRate` by order: it is asked for every unserved order of every priced plan. */
  deferredRs: WeakMap<Order, number>;
  /** The scenario's content hash once computed (build-plan.ts): a plan of 50,000 orders hashes 10 MB of JSON. */
  hash?: string;
  /** What a re-plan closes beyond the scenario's rules, as given (passed on to the solver's workers). */
  closures?: Closures;
  /**
   * Windows [h] in which a loading point cannot load (closures), sorted by start; absent when none,
   * so the working-hours test of a normal solve does not even look it up.
   */
  blocked?: Map<string, Array<[number, number]>>;
  /** The first planning day whose trucks may leave (closures' `nowIso`); 0 without one. */
  firstRoadDay: number;
}

/**
 * Time a re-plan may not use, on top of the scenario's rules: siding outages (no loading at the
 * loading point from..to, on any berth) and "now" (nothing new loads, and no truck lot leaves,
 * before it). Every place that builds or checks a loading reads them through `inWorkingHours` and
 * `nextWorkingStart`, and road capacity through `roadCapacity`.
 */
export interface Closures {
  outages?: readonly SidingOutage[];
  nowIso?: string;
  /** Rakes whose decision is fixed (locked, or loading before now): explanations offer none of their wagons. */
  fixedRakes?: readonly string[];
}

export const key = (a: string, b: string) => `${a}|${b}`;

export function prepare(sc: Scenario, closures?: Closures): Prep {
  const t0 = Date.parse(sc.horizon.start);
  const hours = (iso: string) => (Date.parse(iso) - t0) / 3_600_000;
  const horizonH = sc.horizon.days * 24;
  const blocked = blockedWindows(sc, closures, hours);
  const nowH = closures?.nowIso === undefined ? -Infinity : timeOf(closures.nowIso, 'now', hours);
  const wagonTypes = new Map(sc.plant.wagonTypes.map((w) => [w.code, w]));
  const stock = new Map<string, number>();
  for (const inv of sc.inventory) {
    const k = key(inv.stockyard, inv.product);
    stock.set(k, (stock.get(k) ?? 0) + Math.max(0, inv.onHandT - inv.safetyStockT));
  }
  const rakes = sc.rakes
    .filter((r) => r.status !== 'cancelled' && r.status !== 'dispatched')
    .map((rake) => {
      const wt = wagonTypes.get(rake.wagonType);
      const pccT = wt?.pccT ?? 0;
      return { rake, placeH: hours(rake.expectedPlacement), pccT, capT: pccT * rake.wagons };
    })
    .filter((r) => r.placeH < horizonH && r.capT > 0)
    .sort((a, b) => a.placeH - b.placeH || a.rake.id.localeCompare(b.rake.id));
  return {
    sc,
    t0,
    offsetMin: PLANT_OFFSET_MIN,
    horizonH,
    products: new Map(sc.plant.products.map((p) => [p.code, p])),
    wagonTypes,
    stockyards: new Map(sc.plant.stockyards.map((s) => [s.code, s])),
    lps: new Map(sc.plant.loadingPoints.map((l) => [l.code, l])),
    dests: new Map(sc.plant.destinations.map((d) => [d.code, d])),
    stock,
    rakes,
    orders: sc.orders,
    orderById: new Map(sc.orders.map((o) => [o.id, o])),
    dueH: new Map(sc.orders.map((o) => [o.id, hours(o.dueDate)])),
    laneRs: firstByKey(sc.roadLanes.map((l) => [key(l.stockyard, l.destination), l.rsPerT])),
    roadCapT: firstByKey(sc.roadCapacity.map((c) => [key(c.stockyard, c.date), c.capacityT])),
    deferredRs: new WeakMap(),
    ...(closures ? { closures } : {}),
    ...(blocked.size ? { blocked } : {}),
    // Trucks of day d leave at 24d + ROAD_DISPATCH_OFFSET_H: none of a day whose trucks leave before now.
    firstRoadDay: Math.max(0, Math.ceil((nowH - ROAD_DISPATCH_OFFSET_H) / 24 - 1e-9)),
  };
}

function timeOf(iso: string, what: string, hours: (iso: string) => number): number {
  const h = hours(iso);
  if (!Number.isFinite(h)) throw new Error(`${what}: '${iso}' is not a timestamp`);
  return h;
}

/** Closed windows [h] by loading point: each outage, and every point before now. */
function blockedWindows(
  sc: Scenario,
  c: Closures | undefined,
  hours: (iso: string) => number,
): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  const add = (lp: string, a: number, b: number) => {
    if (b > a) out.set(lp, [...(out.get(lp) ?? []), [a, b]]);
  };
  for (const o of c?.outages ?? [])
    add(
      o.loadingPoint,
      timeOf(o.from, `outage at ${o.loadingPoint}`, hours),
      timeOf(o.to, `outage at ${o.loadingPoint}`, hours),
    );
  if (c?.nowIso !== undefined) {
    const nowH = timeOf(c.nowIso, 'now', hours);
    for (const lp of sc.plant.loadingPoints) add(lp.code, -Infinity, nowH);
  }
  for (const list of out.values()) list.sort((a, b) => a[0] - b[0]);
  return out;
}

/** A map keeping the first value listed for each key (what `Array.find` over the rows gives). */
function firstByKey<V>(entries: Array<[string, V]>): Map<string, V> {
  const out = new Map<string, V>();
  for (const [k, v] of entries) if (!out.has(k)) out.set(k, v);
  return out;
}

/** Hour h as isoAt writes it: whole seconds, the milliseconds dropped. */
export function asWritten(p: Prep, h: number): number {
  return (writtenMs(p, h) - p.t0) / 3_600_000;
}

/** Epoch milliseconds of hour h to the whole second, as plans write times. */
function writtenMs(p: Prep, h: number): number {
  const ms = p.t0 + Math.round(h * 3_600_000);
  return ms - (ms % 1000);
}

/** Hours from the horizon start → ISO timestamp on the plant clock. */
export function isoAt(p: Prep, h: number): string {
  const local = new Date(writtenMs(p, h) + p.offsetMin * 60_000).toISOString().slice(0, 19);
  if (p.offsetMin === 0) return `${local}Z`;
  const sign = p.offsetMin < 0 ? '-' : '+';
  const a = Math.abs(p.offsetMin);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Local clock hour [0, 24) at `h` hours from the horizon start. */
export function localHour(p: Prep, h: number): number {
  const ms = p.t0 + h * 3_600_000 + p.offsetMin * 60_000;
  return (((ms / 3_600_000) % 24) + 24) % 24;
}

/** Local date (YYYY-MM-DD) of planning day `d` (day d = [24d, 24d+24) h from the start). */
export function dayDate(p: Prep, d: number): string {
  return isoAt(p, d * 24).slice(0, 10);
}

/** Trucks of a planning day are assumed to leave 12 h into the day (documented in docs/optimizer.md). */
export const ROAD_DISPATCH_OFFSET_H = 12;

export function railRate(p: Prep, dest: Destination): number {
  return p.sc.costs.railBaseRsPerT + p.sc.costs.railRsPerTKm * dest.railDistanceKm;
}

export function roadRate(p: Prep, stockyard: string, dest: Destination): number {
  const lane = p.laneRs.get(key(stockyard, dest.code));
  return lane ?? p.sc.costs.roadBaseRsPerT + p.sc.costs.roadRsPerTKm * dest.roadDistanceKm;
}

export function handlingRate(p: Prep, lp: LoadingPoint): number {
  return lp.handlingRsPerT ?? p.sc.costs.loadingRsPerT;
}

export function latenessRate(p: Prep, priority: 1 | 2 | 3): number {
  return p.sc.costs.latenessRsPerTDay[`p${priority}`];
}

export function unservedRate(p: Prep, priority: 1 | 2 | 3): number {
  return p.sc.costs.unservedRsPerT[`p${priority}`];
}

/**
 * Freight an unserved tonne of `o` still costs when it ships after the horizon [₹/t]: the
 * cheapest rate among the modes the order allows and the plant can serve — rail (base + ₹/t·km ×
 * rail km) if rail is allowed and some wagon type of the plant may carry the product; road (the
 * cheapest lane or base + ₹/t·km × road km over the stockyards) if road is allowed and the
 * destination is reachable by road. 0 when neither mode is possible (or the destination is unknown).
 * Charged on unserved tonnes so that not shipping is never "cheaper" by the freight it only defers.
 */
export function deferredFreightRate(p: Prep, o: Order): number {
  let v = p.deferredRs.get(o);
  if (v === undefined) {
    v = deferredFreightRateOf(p, o);
    p.deferredRs.set(o, v);
  }
  return v;
}

function deferredFreightRateOf(p: Prep, o: Order): number {
  const dest = p.dests.get(o.destination);
  if (!dest) return 0;
  const rates: number[] = [];
  if (railAllowed(o) && [...p.wagonTypes.keys()].some((w) => carries(p, w, o.product))) rates.push(railRate(p, dest));
  if (roadAllowed(p, o)) for (const y of p.stockyards.keys()) rates.push(roadRate(p, y, dest));
  return rates.length ? Math.min(...rates) : 0;
}

/** Cost of a tonne of `o` trucked from `stockyard` on planning day `day` [₹/t]: lane rate + lateness. */
export function roadTonneCost(p: Prep, o: Order, stockyard: string, day: number): number {
  const dest = p.dests.get(o.destination)!;
  return (
    roadRate(p, stockyard, dest) +
    lateDays(day * 24 + ROAD_DISPATCH_OFFSET_H + dest.roadTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority)
  );
}

/** Cost of a tonne of `o` left unserved [₹/t]: its penalty plus the freight it still pays later. */
export function unservedTonneCost(p: Prep, o: Order): number {
  return unservedRate(p, o.priority) + deferredFreightRate(p, o);
}

/** Whole days late, "per day or part of a day": 0 when delivered by the due time. */
export function lateDays(etaH: number, dueH: number): number {
  const late = etaH - dueH;
  return late > 1e-6 ? Math.ceil(late / 24 - 1e-9) : 0;
}

export function roadCapacity(p: Prep, stockyard: string, day: number): number {
  if (day < p.firstRoadDay) return 0;
  const o = p.roadCapT.size ? p.roadCapT.get(key(stockyard, dayDate(p, day))) : undefined;
  return o ?? p.stockyards.get(stockyard)?.roadCapacityTPerDay ?? 0;
}

export const railAllowed = (o: Order) => o.modes !== 'road';
export function roadAllowed(p: Prep, o: Order): boolean {
  return o.modes !== 'rail' && (p.dests.get(o.destination)?.roadPossible ?? false);
}

/** Can this wagon type carry this product (the product–wagon matrix)? */
export function carries(p: Prep, wagonType: string, product: string): boolean {
  return p.products.get(product)?.wagonTypes.includes(wagonType) ?? false;
}

/** The closed window of `lp` that [startH, endH) overlaps, if any. */
function blockedAt(p: Prep, lp: string, startH: number, endH: number): [number, number] | undefined {
  return p.blocked?.get(lp)?.find(([a, b]) => a < endH - 1e-9 && b > startH + 1e-9);
}

/**
 * Whether a loading interval [startH, endH] lies in the loading point's working hours, clear of
 * its closed windows (Prep.blocked). Round-the-clock points accept anything open; others need the
 * whole interval inside one day's window.
 */
export function inWorkingHours(p: Prep, lp: LoadingPoint, startH: number, endH: number): boolean {
  if (p.blocked && blockedAt(p, lp.code, startH, endH)) return false;
  if (lp.workStartH <= 0 && lp.workEndH >= 24) return true;
  const h = localHour(p, startH);
  const hs = h < lp.workStartH - 1e-9 ? h + 24 : h; // only forward windows
  if (hs < lp.workStartH - 1e-9 || hs > lp.workEndH + 1e-9) return false;
  return hs + (endH - startH) <= lp.workEndH + 1e-6;
}

/**
 * Earliest start ≥ fromH at which a loading of `durH` hours fits the working hours and clears the
 * closed windows (or null). It may lie past the horizon: callers check the end.
 */
export function nextWorkingStart(p: Prep, lp: LoadingPoint, fromH: number, durH: number): number | null {
  let s = nextInHours(p, lp, fromH, durH);
  if (!p.blocked) return s;
  // Each window hit is left behind for good (s only grows), so this ends within their count.
  for (let hit = s === null ? undefined : blockedAt(p, lp.code, s, s + durH); hit;) {
    s = nextInHours(p, lp, hit[1], durH);
    hit = s === null ? undefined : blockedAt(p, lp.code, s, s + durH);
  }
  return s;
}

function nextInHours(p: Prep, lp: LoadingPoint, fromH: number, durH: number): number | null {
  if (lp.workStartH <= 0 && lp.workEndH >= 24) return fromH;
  if (durH > lp.workEndH - lp.workStartH + 1e-9) return null;
  const h = localHour(p, fromH);
  if (h >= lp.workStartH - 1e-9 && h + durH <= lp.workEndH + 1e-9) return fromH;
  const wait = h < lp.workStartH ? lp.workStartH - h : 24 - h + lp.workStartH;
  return fromH + wait;
}

export type { LoadingPoint, Order };
