import type { DemandRow, LoadingEventRow, RakePlacementRow, ShipmentRow, TripRow } from '../domain/history';
import type { Destination, LoadingPoint, WagonType } from '../domain/entities';
import type { Plant } from '../domain/scenario';
import { RAIL_TERMINAL_H } from './bokaro';
import { buildPlantProfile, profileFromPlant, type PlantProfile, type PlantSize } from './plant';
import { createRng, type Rng } from './prng';
import { demandFactor, loadingFactor, placementDelayFactor, transitFactor } from './seasons';
import { DAY_MS, HOUR_MS, istCalendar, istDate, istMidnight, planStartForSeed, toIst } from './time';

export interface HistoryTables {
  demand: DemandRow[];
  rake_placements: RakePlacementRow[];
  trips: TripRow[];
  loading_events: LoadingEventRow[];
  shipments: ShipmentRow[];
}

/** What really happened, before recording defects: used to check the chain balances. */
export interface HistoryTruth {
  orderedT: number;
  shippedRailT: number;
  shippedRoadT: number;
  /** Open order tonnes at the end of the period. */
  backlogT: number;
  openingStockT: number;
  producedT: number;
  closingStockT: number;
  rakes: number;
}

/** Saleable steel per day for a Bokaro-size plant [t/day]. */
const DAILY_OUTPUT_T = 12_500;
const MEAN_ORDER_T = 220;
/** Share of rows with a value not recorded, and of rows with an outlier, per measured column. */
const MISSING = 0.02;
const OUTLIER = 0.006;

/**
 * Years of plant history as one simulated chain: orders arrive (with the seasons of DOMAIN.md),
 * production feeds the stockyards, road orders go by truck within each yard's capacity, rail
 * orders are clubbed by corridor into rakes, rakes are placed (late, more so in the monsoon),
 * loaded at a siding, and travel (slower in the monsoon and on busy corridors). The history ends
 * the day before the seed's plan start. Two years take about a second.
 */
export function generateHistory(opts: HistoryOptions): HistoryTables {
  return simulateHistory(opts).tables;
}

interface OpenOrder {
  id: string;
  dest: Destination;
  product: string;
  remaining: number;
  priority: 1 | 2 | 3;
  dueMs: number;
  createdDay: number;
}

export interface HistoryOptions {
  seed: number;
  days: number;
  /** Another plant (e.g. an imported one); default the Bokaro demo plant. */
  plant?: Plant;
  /** Use a built-in plant: `large` matches the large scenarios. Ignored when `plant` is given. */
  plantSize?: PlantSize;
}

export function simulateHistory(opts: HistoryOptions): { tables: HistoryTables; truth: HistoryTruth; from: string; to: string } {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new Error(`history days must be a whole number ≥ 1, got ${opts.days}`);
  const profile = opts.plant ? profileFromPlant(opts.plant) : buildPlantProfile(opts.plantSize ?? 'bokaro');
  const sim = new Simulation(profile, createRng(opts.seed).fork('history'));
  const end = istMidnight(istDate(planStartForSeed(opts.seed)));
  const start = end - opts.days * DAY_MS;
  for (let d = 0; d < opts.days; d++) sim.day(d, start + d * DAY_MS);
  return { tables: sim.tables, truth: sim.truth(), from: istDate(start), to: istDate(end - DAY_MS) };
}

export class Simulation {
  readonly tables: HistoryTables = { demand: [], rake_placements: [], trips: [], loading_events: [], shipments: [] };
  private readonly plant: Plant;
  private readonly defects: Rng;
  private readonly pairs: { dest: Destination; product: string; baseT: number; railShare: number }[] = [];
  private readonly stock = new Map<string, number>();
  private readonly holders = new Map<string, string[]>();
  private readonly meanDemand = new Map<string, number>();
  private readonly recentDemand = new Map<string, number[]>();
  private readonly railBacklog = new Map<string, OpenOrder[]>();
  private roadBacklog: OpenOrder[] = [];
  private readonly wagonTypes: Map<string, WagonType>;
  private readonly productWagons: Map<string, string[]>;
  /** Indices into plant.wagonTypes of the wagon types each product may use. */
  private readonly productWagonIdx: Map<string, number[]>;
  private readonly lpFree = new Map<string, number[]>();
  private readonly corridorLoad = new Map<string, number[]>();
  private readonly laneFactor = new Map<string, number>();
  private readonly railRakesPerDay: number;
  private readonly railDailyT: number;
  private orderSeq = 0;
  private ordered = 0;
  private shippedRail = 0;
  private shippedRoad = 0;
  private produced = 0;
  private readonly openingStock: number;
  private rakeCount = 0;
  /** Corridor × wagon type pairs that found no stock today: skip them for the rest of the day. */
  private readonly blocked = new Set<string>();

  constructor(private readonly profile: PlantProfile, private readonly rng: Rng) {
    this.plant = profile.plant;
    this.defects = rng.fork('defects');
    this.wagonTypes = new Map(this.plant.wagonTypes.map((w) => [w.code, w]));
    this.productWagons = new Map(this.plant.products.map((p) => [p.code, p.wagonTypes.filter((w) => this.wagonTypes.has(w))]));
    this.productWagonIdx = new Map(this.plant.products.map((p) => [p.code, this.plant.wagonTypes.map((w, k) => (p.wagonTypes.includes(w.code) ? k : -1)).filter((k) => k >= 0)]));
    for (const lp of this.plant.loadingPoints) this.lpFree.set(lp.code, new Array<number>(lp.maxRakes).fill(0));
    for (const c of this.plant.corridors) { this.railBacklog.set(c.code, []); this.corridorLoad.set(c.code, []); }

    // Base demand per destination × product, scaled so the plant's output is sold.
    let weightSum = 0;
    const raw: { dest: Destination; product: string; w: number }[] = [];
    for (const dest of this.plant.destinations) {
      for (const product of profile.destinationProducts.get(dest.code) ?? []) {
        const w = (profile.destinationWeight.get(dest.code) ?? 1) * (profile.productShare.get(product) ?? 0);
        if (w > 0) { raw.push({ dest, product, w }); weightSum += w; }
      }
    }
    let railT = 0;
    for (const r of raw) {
      const baseT = (DAILY_OUTPUT_T * r.w) / weightSum;
      const railShare = 1 - roadProbability(r.dest, MEAN_ORDER_T, 2);
      this.pairs.push({ dest: r.dest, product: r.product, baseT, railShare });
      this.meanDemand.set(r.product, (this.meanDemand.get(r.product) ?? 0) + baseT);
      railT += baseT * railShare;
    }
    for (const d of this.plant.destinations) this.laneFactor.set(d.code, rng.uniform(0.9, 1.12));
    const meanRakeT = this.plant.wagonTypes.reduce((s, w) => s + w.pccT * w.wagonsPerRake, 0) / Math.max(1, this.plant.wagonTypes.length);
    // Railways supply a little more than the average need: rakes are short in peaks, idle in lulls.
    this.railDailyT = railT;
    this.railRakesPerDay = railT / (meanRakeT * 0.9);

    // Stockyards start with about six days of each product.
    let opening = 0;
    for (const p of this.plant.products) {
      const ys = this.plant.stockyards.filter((y) => profile.stockyardProducts.get(y.code)?.includes(p.code)).map((y) => y.code);
      this.holders.set(p.code, ys);
      const each = Math.round((6 * (this.meanDemand.get(p.code) ?? 0)) / Math.max(1, ys.length));
      for (const y of ys) { this.stock.set(`${y}|${p.code}`, each); opening += each; }
      this.recentDemand.set(p.code, []);
    }
    this.openingStock = opening;
  }

  truth(): HistoryTruth {
    let backlog = 0;
    for (const list of this.railBacklog.values()) for (const o of list) backlog += o.remaining;
    for (const o of this.roadBacklog) backlog += o.remaining;
    let closing = 0;
    for (const v of this.stock.values()) closing += v;
    return {
      orderedT: this.ordered, shippedRailT: this.shippedRail, shippedRoadT: this.shippedRoad, backlogT: backlog,
      openingStockT: this.openingStock, producedT: this.produced, closingStockT: closing, rakes: this.rakeCount,
    };
  }

  day(d: number, dayStart: number): void {
    const cal = istCalendar(dayStart + 12 * HOUR_MS);
    this.orders(d, dayStart, cal);
    this.produce();
    this.road(dayStart, cal.weekday);
    this.rail(d, dayStart, cal);
  }

  private orders(d: number, dayStart: number, cal: { month: number; weekday: number; dayOfMonth: number }): void {
    const date = istDate(dayStart);
    const trend = 1 + 0.03 * (d / 365);
    const dayTotals = new Map<string, number>();
    for (const pair of this.pairs) {
      const expected = pair.baseT * trend * demandFactor(pair.product, cal.month, cal.weekday, cal.dayOfMonth);
      // Some days a buyer places nothing; other days a lumpy order: a right-skewed day total.
      let tonnes = this.rng.chance(0.12) ? 0 : Math.round((expected / 0.88) * this.rng.lognormal(1, 0.4) / 1.083);
      if (tonnes > 0 && this.defects.chance(OUTLIER / 2)) tonnes *= 4; // a project's bulk order
      this.tables.demand.push({ date, destination: pair.dest.code, product: pair.product, corridor: pair.dest.corridor, tonnes: this.missing(tonnes) });
      if (tonnes <= 0) continue;
      dayTotals.set(pair.product, (dayTotals.get(pair.product) ?? 0) + tonnes);
      this.ordered += tonnes;
      const n = Math.min(6, Math.max(1, Math.round(tonnes / MEAN_ORDER_T)));
      let left = tonnes;
      for (let k = 0; k < n; k++) {
        const q = k === n - 1 ? left : Math.max(1, Math.min(left - (n - k - 1), Math.round((tonnes / n) * this.rng.uniform(0.6, 1.4))));
        left -= q;
        const priority = this.rng.weighted([1, 2, 3] as const, [0.2, 0.5, 0.3]);
        const order: OpenOrder = {
          id: `SO-${date.replaceAll('-', '')}-${String(++this.orderSeq).padStart(6, '0')}`,
          dest: pair.dest, product: pair.product, remaining: q, priority,
          dueMs: dayStart + this.rng.int(4, 15) * DAY_MS + 18 * HOUR_MS, createdDay: d,
        };
        const railable = (this.productWagons.get(pair.product) ?? []).length > 0;
        if (!railable || this.rng.chance(roadProbability(pair.dest, q, priority))) this.roadBacklog.push(order);
        else this.railBacklog.get(pair.dest.corridor)?.push(order);
      }
    }
    for (const [p, list] of this.recentDemand) {
      list.push(dayTotals.get(p) ?? 0);
      if (list.length > 7) list.shift();
    }
  }

  /**
   * Mills produce to the order book (half the long-run mean, half the last week's orders), more
   * when stock runs below about a week's orders and less above it; output goes to the yards with
   * least stock, as a despatch controller would route it.
   */
  private produce(): void {
    for (const p of this.plant.products) {
      const ys = this.holders.get(p.code) ?? [];
      if (ys.length === 0) continue;
      const mean = this.meanDemand.get(p.code) ?? 0;
      const recent = this.recentDemand.get(p.code) ?? [];
      const recentMean = recent.length > 0 ? recent.reduce((a, b) => a + b, 0) / recent.length : mean;
      const stock = ys.reduce((s, y) => s + this.stockOf(y, p.code), 0);
      const target = 7 * mean;
      const steer = Math.min(1.3, Math.max(0.6, 1 + (0.5 * (target - stock)) / Math.max(1, target)));
      const out = Math.round((0.5 * mean + 0.5 * recentMean) * steer * this.rng.uniform(0.93, 1.07));
      let left = out;
      const level = (target + out) / ys.length;
      const gaps = ys.map((y) => Math.max(0, level - this.stockOf(y, p.code)));
      const gapSum = gaps.reduce((a, b) => a + b, 0);
      ys.forEach((y, i) => {
        const t = i === ys.length - 1 ? left : Math.round(gapSum > 0 ? (out * gaps[i]) / gapSum : out / ys.length);
        this.addStock(y, p.code, t);
        left -= t;
      });
      this.produced += out;
    }
  }

  private addStock(yard: string, product: string, t: number): void {
    const key = `${yard}|${product}`;
    this.stock.set(key, (this.stock.get(key) ?? 0) + t);
  }

  private stockOf(yard: string, product: string): number {
    return this.stock.get(`${yard}|${product}`) ?? 0;
  }

  private road(dayStart: number, weekday: number): void {
    const date = istDate(dayStart);
    const cap = new Map(this.plant.stockyards.map((y) => [y.code, Math.round(y.roadCapacityTPerDay * (weekday === 0 ? 0.5 : 1))]));
    this.roadBacklog.sort(byUrgency);
    for (const o of this.roadBacklog) {
      for (const y of [...(this.holders.get(o.product) ?? [])].sort((a, b) => this.stockOf(b, o.product) - this.stockOf(a, o.product))) {
        if (o.remaining <= 0) break;
        const take = Math.min(o.remaining, this.stockOf(y, o.product), cap.get(y) ?? 0);
        if (take <= 0) continue;
        o.remaining -= take;
        cap.set(y, (cap.get(y) ?? 0) - take);
        this.addStock(y, o.product, -take);
        this.shippedRoad += take;
        const km = o.dest.roadDistanceKm;
        let cost = (250 + 3.2 * km) * (this.laneFactor.get(o.dest.code) ?? 1) * (take < 50 ? 1.12 : 1) * this.rng.lognormal(1, 0.05);
        if (this.defects.chance(OUTLIER)) cost *= 1.7; // spot truck hire at a festival or strike
        this.tables.shipments.push({
          date, orderId: o.id, stockyard: y, destination: o.dest.code, corridor: o.dest.corridor, product: o.product,
          priority: o.priority, mode: 'road', tonnes: take, distanceKm: km, costRsPerT: this.missing(round1(cost)),
        });
      }
    }
    this.roadBacklog = this.roadBacklog.filter((o) => o.remaining > 0);
  }

  /**
   * Each day the railways supply some rakes; the planner spends them on the best-filled
   * candidates first: per corridor, the wagon type and one or two destinations whose waiting
   * orders fill a rake best. Orders waiting a week go in a part-filled rake rather than wait on.
   */
  private rail(d: number, dayStart: number, cal: { month: number; weekday: number }): void {
    // Rakes are indented against the waiting tonnes: a long queue gets more rakes, within limits.
    let waiting = 0;
    for (const list of this.railBacklog.values()) for (const o of list) waiting += o.remaining;
    const indent = Math.min(1.5, Math.max(0.85, 0.8 + (0.4 * waiting) / (7 * this.railDailyT)));
    const trend = 1 + 0.03 * (d / 365);
    let supply = this.rng.poisson(this.railRakesPerDay * trend * indent * (cal.month >= 6 && cal.month <= 9 ? 0.92 : 1));
    let seq = 0;
    // A rake changes only its own corridor's queue: recompute just that corridor's candidate.
    const candidates = new Map<string, Candidate | null>();
    for (const [corridor, list] of this.railBacklog) candidates.set(corridor, this.candidate(corridor, list, d));
    while (supply > 0) {
      let best: Candidate | null = null;
      for (const c of candidates.values()) if (c && (!best || c.score > best.score)) best = c;
      if (!best) break;
      if (this.load(best, dayStart, cal, ++seq)) supply--;
      else { seq--; this.blocked.add(`${best.corridor}|${best.wt.code}`); }
      const list = this.railBacklog.get(best.corridor)!.filter((o) => o.remaining > 0);
      this.railBacklog.set(best.corridor, list);
      candidates.set(best.corridor, this.candidate(best.corridor, list, d));
    }
    this.blocked.clear();
  }

  private candidate(corridor: string, list: OpenOrder[], d: number): Candidate | null {
    // One pass over the queue: tonnes by wagon type × destination, and each type's oldest order.
    const types = this.plant.wagonTypes;
    const tonnes = types.map(() => new Map<string, number>());
    const oldest = types.map(() => Infinity);
    for (const o of list) {
      if (o.remaining <= 0) continue;
      for (const k of this.productWagonIdx.get(o.product)!) {
        const m = tonnes[k];
        m.set(o.dest.code, (m.get(o.dest.code) ?? 0) + o.remaining);
        if (o.createdDay < oldest[k]) oldest[k] = o.createdDay;
      }
    }
    let best: { k: number; dests: string[]; score: number } | null = null;
    types.forEach((wt, k) => {
      if (tonnes[k].size === 0 || this.blocked.has(`${corridor}|${wt.code}`)) return;
      const dests = [...tonnes[k].entries()].sort((a, b) => b[1] - a[1]);
      const capT = wt.pccT * wt.wagonsPerRake;
      const chosen = [dests[0]];
      if (dests.length > 1 && dests[0][1] < capT * 0.95 && dests[1][1] >= 10 * wt.pccT) chosen.push(dests[1]);
      const fill = Math.min(1, chosen.reduce((sum, x) => sum + x[1], 0) / capT);
      const waited = d - oldest[k];
      if (fill < (waited >= 7 ? 0.5 : 0.88)) return;
      const score = fill + 0.03 * waited;
      if (!best || score > best.score) best = { k, dests: chosen.map((x) => x[0]), score };
    });
    if (!best) return null;
    const { k, dests, score } = best as { k: number; dests: string[]; score: number };
    const wt = types[k];
    const ordersFor = (code: string) => list.filter((o) => o.remaining > 0 && o.dest.code === code && this.productWagonIdx.get(o.product)!.includes(k));
    return { corridor, wt, dests: dests.map(ordersFor), score };
  }

  /** Place, load and send one rake for a candidate; false if no siding has the stock. */
  private load(c: Candidate, dayStart: number, cal: { month: number; weekday: number }, seq: number): boolean {
    const { wt } = c;
    const capT = wt.pccT * wt.wagonsPerRake;
    const need = new Map<string, number>();
    for (const os of c.dests) for (const o of os) need.set(o.product, (need.get(o.product) ?? 0) + o.remaining);
    // The siding whose yards hold most of the needed stock, then the one free soonest.
    const lp = this.plant.loadingPoints
      .filter((lp) => lp.wagonTypes.includes(wt.code))
      .map((lp) => ({ lp, avail: [...need].reduce((s, [p, t]) => s + Math.min(t, lp.stockyards.reduce((a, y) => a + this.stockOf(y, p), 0)), 0), free: Math.min(...this.lpFree.get(lp.code)!) }))
      .sort((a, b) => b.avail - a.avail || a.free - b.free)[0];
    if (!lp || lp.avail < capT * 0.45) return false;

    // Fill by urgency, drawing stock from the siding's yards. History records no wagons, so a
    // wagon here carries one destination's product (several small orders of it may share one).
    const wagons = wt.wagonsPerRake - (this.rng.chance(0.15) ? this.rng.int(1, 3) : 0);
    const capacityT = wagons * wt.pccT;
    const portions: Portion[] = [];
    const destCodes: string[] = [];
    const groupT = new Map<string, number>();
    const wagonsUsed = () => [...groupT.values()].reduce((s, t) => s + Math.ceil(t / wt.pccT), 0);
    c.dests.forEach((os, k) => {
      // A two-point rake keeps the minimum 10 wagons for its second destination.
      const reserveT = c.dests.length > 1 && k === 0 ? 10 * wt.pccT : 0;
      const before = portions.length;
      for (const o of [...os].sort(byUrgency)) {
        const key = `${o.dest.code}|${o.product}`;
        let taken = 0;
        for (const y of lp.lp.stockyards) {
          // Room: whole free wagons, plus what is left in this group's part-filled wagon.
          const groupNow = groupT.get(key) ?? 0;
          const partRoom = groupNow > 0 ? Math.ceil(groupNow / wt.pccT) * wt.pccT - groupNow : 0;
          const room = (wagons - wagonsUsed()) * wt.pccT + partRoom - reserveT;
          const take = Math.min(o.remaining - taken, this.stockOf(y, o.product) - this.pending(portions, y, o.product), room);
          if (take <= 0) continue;
          portions.push({ o, yard: y, t: take });
          groupT.set(key, groupNow + take);
          taken += take;
        }
        if ((wagons - wagonsUsed()) * wt.pccT - reserveT <= 0) break;
      }
      const destT = portions.slice(before).reduce((s, p) => s + p.t, 0);
      if (k > 0 && destT < 10 * wt.pccT * 0.8) portions.splice(before);
      else if (destT > 0) destCodes.push(os[0].dest.code);
    });
    const loadT = portions.reduce((s, p) => s + p.t, 0);
    if (loadT < capT * 0.45) return false;
    for (const p of portions) { p.o.remaining -= p.t; this.addStock(p.yard, p.o.product, -p.t); }
    this.shippedRail += loadT;
    this.rakeCount++;
    this.recordRake(lp.lp, wt, capacityT, portions, destCodes, dayStart, cal, seq);
    return true;
  }

  private recordRake(lp: LoadingPoint, wt: WagonType, capacityT: number, portions: Portion[], destCodes: string[], dayStart: number, cal: { month: number; weekday: number }, seq: number): void {
    const date = istDate(dayStart);
    const rakeId = `RK-${date.replaceAll('-', '')}-${String(seq).padStart(2, '0')}`;
    // Placement: promised within the day; actual later (BCN rakes are scarcest, BOXN plentiful).
    const promised = dayStart + this.rng.uniform(1, 23) * HOUR_MS;
    const typeFactor = wt.code === 'BCN' ? 1.6 : wt.code === 'BOXN' ? 0.8 : 1;
    let delayH = this.rng.lognormal(3.5 * typeFactor * placementDelayFactor(cal.month, cal.weekday), 0.75) - 1.5;
    if (this.defects.chance(OUTLIER)) delayH += this.rng.uniform(36, 96); // rake held at a yard upstream
    const actual = promised + delayH * HOUR_MS;
    this.tables.rake_placements.push({ rakeId, wagonType: wt.code, loadingPoint: lp.code, promisedAt: toIst(promised), actualAt: toIst(actual), delayH: this.missing(round1(delayH)) });

    // Loading: at the siding's first free berth, within its working hours.
    const slots = this.lpFree.get(lp.code)!;
    const slot = slots.indexOf(Math.min(...slots));
    let t = withinHours(Math.max(actual, slots[slot]), lp);
    const monthOfLoading = istCalendar(t).month;
    const byProduct = new Map<string, number>();
    for (const p of portions) byProduct.set(p.o.product, (byProduct.get(p.o.product) ?? 0) + p.t);
    for (const [product, tonnes] of byProduct) {
      const family = this.plant.products.find((x) => x.code === product)?.family ?? '';
      const productFactor = family === 'HR_PLATE' ? 0.85 : family === 'HR_COIL' ? 1.05 : 0.95;
      let rate = lp.loadingRateTph * productFactor * loadingFactor(monthOfLoading) * this.rng.lognormal(1, 0.1);
      if (this.defects.chance(OUTLIER)) rate /= this.rng.uniform(2, 3.5); // crane breakdown
      const hours = tonnes / rate;
      const missing = this.defects.chance(MISSING);
      this.tables.loading_events.push({
        date: istDate(t), rakeId, loadingPoint: lp.code, product, wagonType: wt.code, tonnes,
        hours: missing ? null : round2(hours), rateTph: missing ? null : round1(rate),
      });
      t += hours * HOUR_MS;
    }
    slots[slot] = t;

    // Transit to each destination; busy corridors run slower.
    const dispatch = t;
    const dispatchCal = istCalendar(dispatch);
    const corridor = this.plant.destinations.find((x) => x.code === destCodes[0])!.corridor;
    const load = this.corridorLoad.get(corridor)!;
    const recent = load.filter((x) => x > dispatch - 7 * DAY_MS).length;
    load.push(dispatch);
    if (load.length > 64) load.splice(0, load.length - 64);
    const spec = this.profile.corridors.get(corridor) ?? { speedKmph: 27, congestion: 1.1 };
    const busy = 1 + (spec.congestion - 1) * Math.min(2, recent / 5);
    destCodes.forEach((code, k) => {
      const dest = this.plant.destinations.find((x) => x.code === code)!;
      const destT = portions.filter((p) => p.o.dest.code === code).reduce((s, p) => s + p.t, 0);
      let transit = (RAIL_TERMINAL_H + dest.railDistanceKm / spec.speedKmph) * transitFactor(dispatchCal.month) * busy * this.rng.lognormal(1, 0.08 * spec.congestion) + (k === 1 ? 6 : 0);
      if (this.defects.chance(OUTLIER)) transit *= this.rng.uniform(1.8, 3); // breakdown, diversion
      this.tables.trips.push({
        date: istDate(dispatch), rakeId, corridor: dest.corridor, destination: code, distanceKm: dest.railDistanceKm,
        wagonType: wt.code, month: dispatchCal.month, loadT: destT, transitH: this.missing(round1(transit)),
      });
    });

    // Freight per tonne: chargeable weight is the full rake, so a short load pays idle freight.
    const loadT = portions.reduce((s, p) => s + p.t, 0);
    const twoPointRs = destCodes.length > 1 ? 15_000 : 0;
    for (const p of portions) {
      let cost = ((150 + 1.45 * p.o.dest.railDistanceKm) * Math.max(capacityT, loadT)) / loadT + twoPointRs / loadT;
      cost *= this.rng.lognormal(1, 0.02);
      if (this.defects.chance(OUTLIER / 2)) cost *= 1.5;
      this.tables.shipments.push({
        date: istDate(dispatch), orderId: p.o.id, stockyard: p.yard, destination: p.o.dest.code, corridor: p.o.dest.corridor,
        product: p.o.product, priority: p.o.priority, mode: 'rail', tonnes: p.t, distanceKm: p.o.dest.railDistanceKm, costRsPerT: this.missing(round1(cost)),
      });
    }
  }

  /** Stock already promised to this rake from a yard. */
  private pending(portions: Portion[], yard: string, product: string): number {
    let t = 0;
    for (const p of portions) if (p.yard === yard && p.o.product === product) t += p.t;
    return t;
  }

  /** A few per cent of measured values were never recorded. */
  private missing(v: number): number | null {
    return this.defects.chance(MISSING) ? null : v;
  }
}

/** A buyer chooses road for short hauls, small lots and urgent orders. */
export function roadProbability(dest: Destination, tonnes: number, priority: number): number {
  if (!dest.roadPossible) return 0;
  const z = 2.6 - 0.0065 * dest.roadDistanceKm - 0.005 * tonnes + (priority === 1 ? 0.4 : 0);
  return 1 / (1 + Math.exp(-z));
}

interface Candidate { corridor: string; wt: WagonType; dests: OpenOrder[][]; score: number }
interface Portion { o: OpenOrder; yard: string; t: number }

function byUrgency(a: OpenOrder, b: OpenOrder): number {
  return a.priority - b.priority || a.dueMs - b.dueMs;
}

/** Move a start time into the siding's working hours. */
function withinHours(t: number, lp: LoadingPoint): number {
  if (lp.workStartH <= 0 && lp.workEndH >= 24) return t;
  const midnight = istMidnight(istDate(t));
  const h = (t - midnight) / HOUR_MS;
  if (h < lp.workStartH) return midnight + lp.workStartH * HOUR_MS;
  if (h >= lp.workEndH) return midnight + DAY_MS + lp.workStartH * HOUR_MS;
  return t;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
