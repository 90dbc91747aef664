import type { WagonType } from '../../domain/entities';
import type { Plant } from '../../domain/scenario';
import type { PlantProfile } from '../plant';
import type { Rng } from '../prng';
import { byUrgency, type OpenOrder, type OrderBook } from './orders';
import { RakeJourney, type Portion } from './rake-journey';
import type { Recorder } from './recording';
import type { Stockyards } from './stock';

interface Candidate {
  corridor: string;
  wt: WagonType;
  dests: OpenOrder[][];
  score: number;
}

/**
 * Rail despatch. Each day the railways supply some rakes; the planner spends them on the
 * best-filled candidates first: per corridor, the wagon type and one or two destinations whose
 * waiting orders fill a rake best. Orders waiting a week go in a part-filled rake rather than wait on.
 */
export class RailDespatch {
  /** Indices into plant.wagonTypes of the wagon types each product may use. */
  private readonly productWagonIdx: Map<string, number[]>;
  private readonly railRakesPerDay: number;
  private readonly journey: RakeJourney;
  /** Corridor × wagon type pairs that found no stock today: skip them for the rest of the day. */
  private readonly blocked = new Set<string>();
  shippedT = 0;
  rakes = 0;

  constructor(
    private readonly plant: Plant,
    profile: PlantProfile,
    private readonly rng: Rng,
    rec: Recorder,
    private readonly railDailyT: number,
  ) {
    this.productWagonIdx = new Map(
      plant.products.map((p) => [
        p.code,
        plant.wagonTypes.map((w, k) => (p.wagonTypes.includes(w.code) ? k : -1)).filter((k) => k >= 0),
      ]),
    );
    this.journey = new RakeJourney(plant, profile, rng, rec);
    const meanRakeT =
      plant.wagonTypes.reduce((s, w) => s + w.pccT * w.wagonsPerRake, 0) / Math.max(1, plant.wagonTypes.length);
    // Railways supply a little more than the average need: rakes are short in peaks, idle in lulls.
    this.railRakesPerDay = railDailyT / (meanRakeT * 0.9);
  }

  day(
    d: number,
    dayStart: number,
    cal: { month: number; weekday: number },
    orders: OrderBook,
    stock: Stockyards,
  ): void {
    // Rakes are indented against the waiting tonnes: a long queue gets more rakes, within limits.
    let waiting = 0;
    for (const list of orders.railBacklog.values()) for (const o of list) waiting += o.remaining;
    const indent = Math.min(1.5, Math.max(0.85, 0.8 + (0.4 * waiting) / (7 * this.railDailyT)));
    const trend = 1 + 0.03 * (d / 365);
    let supply = this.rng.poisson(
      this.railRakesPerDay * trend * indent * (cal.month >= 6 && cal.month <= 9 ? 0.92 : 1),
    );
    let seq = 0;
    // A rake changes only its own corridor's queue: recompute just that corridor's candidate.
    const candidates = new Map<string, Candidate | null>();
    for (const [corridor, list] of orders.railBacklog) candidates.set(corridor, this.candidate(corridor, list, d));
    while (supply > 0) {
      let best: Candidate | null = null;
      for (const c of candidates.values()) if (c && (!best || c.score > best.score)) best = c;
      if (!best) break;
      if (this.load(best, dayStart, cal, ++seq, stock)) supply--;
      else {
        seq--;
        this.blocked.add(`${best.corridor}|${best.wt.code}`);
      }
      const list = (orders.railBacklog.get(best.corridor) ?? []).filter((o) => o.remaining > 0);
      orders.railBacklog.set(best.corridor, list);
      candidates.set(best.corridor, this.candidate(best.corridor, list, d));
    }
    this.blocked.clear();
  }

  private wagonIdx(product: string): number[] {
    return this.productWagonIdx.get(product) ?? [];
  }

  private candidate(corridor: string, list: OpenOrder[], d: number): Candidate | null {
    // One pass over the queue: tonnes by wagon type × destination, and each type's oldest order.
    const types = this.plant.wagonTypes.map((wt) => ({ wt, tonnes: new Map<string, number>(), oldest: Infinity }));
    for (const o of list) {
      if (o.remaining <= 0) continue;
      for (const k of this.wagonIdx(o.product)) {
        const type = types[k];
        if (!type) continue;
        type.tonnes.set(o.dest.code, (type.tonnes.get(o.dest.code) ?? 0) + o.remaining);
        if (o.createdDay < type.oldest) type.oldest = o.createdDay;
      }
    }
    let best: { k: number; wt: WagonType; dests: string[]; score: number } | null = null;
    types.forEach(({ wt, tonnes, oldest }, k) => {
      if (tonnes.size === 0 || this.blocked.has(`${corridor}|${wt.code}`)) return;
      const [first, second] = [...tonnes.entries()].sort((a, b) => b[1] - a[1]);
      if (!first) return;
      const capT = wt.pccT * wt.wagonsPerRake;
      const chosen = [first];
      if (second && first[1] < capT * 0.95 && second[1] >= 10 * wt.pccT) chosen.push(second);
      const fill = Math.min(1, chosen.reduce((sum, x) => sum + x[1], 0) / capT);
      const waited = d - oldest;
      if (fill < (waited >= 7 ? 0.5 : 0.88)) return;
      const score = fill + 0.03 * waited;
      if (!best || score > best.score) best = { k, wt, dests: chosen.map((x) => x[0]), score };
    });
    if (!best) return null;
    const { k, wt, dests, score } = best as { k: number; wt: WagonType; dests: string[]; score: number };
    const ordersFor = (code: string) =>
      list.filter((o) => o.remaining > 0 && o.dest.code === code && this.wagonIdx(o.product).includes(k));
    return { corridor, wt, dests: dests.map(ordersFor), score };
  }

  /** Place, load and send one rake for a candidate; false if no siding has the stock. */
  private load(
    c: Candidate,
    dayStart: number,
    cal: { month: number; weekday: number },
    seq: number,
    stock: Stockyards,
  ): boolean {
    const { wt } = c;
    const capT = wt.pccT * wt.wagonsPerRake;
    const need = new Map<string, number>();
    for (const os of c.dests) for (const o of os) need.set(o.product, (need.get(o.product) ?? 0) + o.remaining);
    // The siding whose yards hold most of the needed stock, then the one free soonest.
    const lp = this.plant.loadingPoints
      .filter((lp) => lp.wagonTypes.includes(wt.code))
      .map((lp) => ({
        lp,
        avail: [...need].reduce(
          (s, [p, t]) =>
            s +
            Math.min(
              t,
              lp.stockyards.reduce((a, y) => a + stock.stockOf(y, p), 0),
            ),
          0,
        ),
        free: this.journey.freeAt(lp.code),
      }))
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
          const take = Math.min(
            o.remaining - taken,
            stock.stockOf(y, o.product) - pending(portions, y, o.product),
            room,
          );
          if (take <= 0) continue;
          portions.push({ o, yard: y, t: take });
          groupT.set(key, groupNow + take);
          taken += take;
        }
        if ((wagons - wagonsUsed()) * wt.pccT - reserveT <= 0) break;
      }
      const destT = portions.slice(before).reduce((s, p) => s + p.t, 0);
      const first = os[0];
      if (k > 0 && destT < 10 * wt.pccT * 0.8) portions.splice(before);
      else if (destT > 0 && first) destCodes.push(first.dest.code);
    });
    const loadT = portions.reduce((s, p) => s + p.t, 0);
    if (loadT < capT * 0.45) return false;
    for (const p of portions) {
      p.o.remaining -= p.t;
      stock.add(p.yard, p.o.product, -p.t);
    }
    this.shippedT += loadT;
    this.rakes++;
    this.journey.record(lp.lp, wt, capacityT, portions, destCodes, dayStart, cal, seq);
    return true;
  }
}

/** Stock already promised to this rake from a yard. */
function pending(portions: Portion[], yard: string, product: string): number {
  let t = 0;
  for (const p of portions) if (p.yard === yard && p.o.product === product) t += p.t;
  return t;
}
