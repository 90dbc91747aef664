import { handlingRate, key, lateDays, type Prep } from '../prep';
import {
  fillsEachDestination,
  patternCost,
  type Duals,
  type OrderInfo,
  type Pattern,
  type RakeInfo,
  type Slot,
} from './loading';
import {
  destTable,
  filled,
  fractionalPair,
  items,
  pairLowerBound,
  type DestTable,
  type Fractional,
  type Item,
} from './wagon-tables';

/** One (slot, destination option) of a rake with its relaxed lowest reduced cost (exact.ts refines it). */
export interface Combo {
  rc: number;
  slot: Slot;
  dests: string[];
  rate: number;
}

export interface Priced {
  /** Lowest reduced cost of any loading of this rake (a lower bound on it), ≤ 0 means "none better than idle". */
  reducedCost: number;
  /** Loadings of the cheapest destination options with negative reduced cost, cheapest first. */
  patterns: Pattern[];
}

/**
 * The cheapest loading of one rake at the master's duals. Every choice of the whole-horizon model
 * for one rake is covered — slot, destination option (one destination, or a same-corridor pair
 * with the minimum wagons each), whole wagons per order, whole unsplittable orders — so the lowest
 * reduced cost is exact up to two relaxations that only lower it (the bound stays valid): demurrage
 * below free time is taken as 0, and stock per stockyard is left to the master's inventory rows.
 */
export function priceRake(p: Prep, ri: RakeInfo, d: Duals, maxPatterns = 1, combos?: Combo[]): Priced {
  const c = p.sc.costs;
  const mw = c.minWagonsPerDestination;
  // The cheapest loading per destination option (over slots): the best few become columns.
  const byOption = new Map<string, { rc: number; slot: Slot; dests: string[]; items: Item[]; rate: number }>();
  const runs = new Map<string, SidingRun>();
  const pairMemo = new Map<DestTable, Map<DestTable, { bv: number; b1: number }>>();
  const consider = (slot: Slot, rc: number, dests: string[], rate: number, its: () => Item[]) => {
    combos?.push({ rc, slot, dests, rate });
    const k = dests.join('+');
    if (rc < (byOption.get(k)?.rc ?? 0) - 1e-6) {
      byOption.set(k, { rc, slot, dests, items: its(), rate });
      bar = null;
    }
  };
  // The value an option must beat to matter: the maxPatterns-th best so far, or 0 (∞ when every
  // combo is wanted); recomputed only after an option improved.
  let bar: number | null = null;
  const barNow = () =>
    (bar ??= combos
      ? Infinity
      : byOption.size < maxPatterns
        ? 0
        : [...byOption.values()].map((o) => o.rc).sort((x, y) => x - y)[maxPatterns - 1]!);
  // Single destinations at every slot first: their values set the bar the pairs must beat.
  // Wagon tables are built only where a cheap bound on the option (st.fk) does not rule it out.
  const states: SlotState[] = [];
  // A later start at the same siding costs at least as much per tonne (lateness and demurrage only
  // grow), so it can only win through a lower fixed part (siding duals): skip it otherwise. Every
  // combo is wanted when exact.ts asks.
  const lowestFixed = new Map<string, number>();
  for (const slot of ri.slots) {
    const f = slotFixed(p, ri, d, slot);
    if (!combos && f >= (lowestFixed.get(slot.lp) ?? Infinity)) continue;
    lowestFixed.set(slot.lp, Math.min(f, lowestFixed.get(slot.lp) ?? Infinity));
    const st = slotState(p, ri, d, slot, runs);
    states.push(st);
    st.dests.forEach((k, i) => {
      const empty = st.rates[i]! * ri.cap + st.fixed;
      if (empty + st.fk(i).lb >= barNow()) return;
      const t = st.own(i);
      let w = 0;
      for (let j = 1; j <= ri.W; j++) if (t.best[j]! < t.best[w]!) w = j;
      if (w > 0) consider(slot, empty + t.best[w]!, [k], st.rates[i]!, () => t.pick(w));
    });
  }
  if (2 * mw <= ri.W) {
    for (const st of states) {
      // A pair can only matter if it beats the maxPatterns-th best option so far (or 0); pairs whose
      // lower bound does not are skipped, so the lowest reduced cost stays exact.
      const { slot, dests, rates, own, fixed } = st;
      for (const group of st.corridors) {
        // A pair at rate max(ra, rb) costs at least min(ra, rb)·cap + surcharge + fixed + both
        // destinations' load bounds (each tonne of the cheaper one credited at most the rate
        // difference), so at least the corridor's cheapest rate in their place. Sorted by load
        // bound, the pairs worth a closer look are a short prefix.
        const rmin = Math.min(...group.map((i) => rates[i]!));
        const m = group.map((i) => ({ i, v: st.fk(i).lb })).sort((x, y) => x.v - y.v);
        const base0 = rmin * ri.cap + c.twoPointSurchargeRs + fixed;
        for (let gi = 0; gi < m.length && base0 + m[gi]!.v + (m[gi + 1]?.v ?? Infinity) < barNow(); gi++) {
          for (let gj = gi + 1; gj < m.length && base0 + m[gi]!.v + m[gj]!.v < barNow(); gj++) {
            const i = Math.min(m[gi]!.i, m[gj]!.i),
              j = Math.max(m[gi]!.i, m[gj]!.i);
            const rate = Math.max(rates[i]!, rates[j]!);
            const base = rate * ri.cap + c.twoPointSurchargeRs + fixed;
            // The cheaper-rate destination at the dearer rate costs at least its own table less
            // (rate difference) × pcc per wagon; exact when the rates are equal.
            const [a, b] = rates[i]! <= rates[j]! ? [i, j] : [j, i];
            const delta = rate - rates[a]!;
            // Both destinations' orders sharing the rake's tonnes fractionally, then their wagon tables.
            if (base + fractionalPair(st.fk(a), delta, st.fk(b), ri.cap, barNow() - base) >= barNow()) continue;
            if (base + pairLowerBound(own(a), own(b), delta * ri.pcc, ri.W, mw) >= barNow()) continue;
            // A pair pays idle freight at its dearer destination's rate: both tables at that rate.
            const tl = st.table(i, rate),
              th = st.table(j, rate);
            const pm = th.prefixMin(mw);
            // Slots sharing both tables share the pair's best split too.
            let memo = pairMemo.get(tl);
            if (!memo) pairMemo.set(tl, (memo = new Map()));
            let split = memo.get(th);
            if (!split) {
              split = { bv: Infinity, b1: 0 };
              for (let w1 = mw; w1 <= ri.W - mw; w1++) {
                const v = tl.best[w1]! + pm.value[ri.W - w1]!;
                if (v < split.bv) {
                  split.bv = v;
                  split.b1 = w1;
                }
              }
              memo.set(th, split);
            }
            const { bv, b1 } = split;
            if (bv < Infinity)
              consider(slot, base + bv, [dests[i]!, dests[j]!], rate, () => [
                ...tl.pick(b1),
                ...th.pick(pm.arg[ri.W - b1]!),
              ]);
          }
        }
      }
    }
  }
  const ranked = [...byOption.values()].sort((a, b) => a.rc - b.rc);
  const patterns: Pattern[] = [];
  for (const b of ranked.slice(0, maxPatterns)) {
    const pt = buildPattern(p, ri, b.slot, b.dests, b.rate, b.items, d);
    if (pt) patterns.push(pt);
  }
  return { reducedCost: ranked[0]?.rc ?? 0, patterns };
}

interface SlotState {
  slot: Slot;
  /** Fixed part of the reduced cost at this slot: wait demurrage less the rake and siding duals. */
  fixed: number;
  /** Destinations with candidate orders here and their rail rates. */
  dests: string[];
  rates: number[];
  /** Indices into `dests`, one list per corridor (pairs form within one). */
  corridors: number[][];
  /** Destination i's orders as a fractional knapsack (its `lb`: a lower bound on its part of any loading), no table built. */
  fk: (i: number) => Fractional;
  /** Destination i's wagon table at its own rail rate, and at another option's. */
  own: (i: number) => DestTable;
  table: (i: number, rate: number) => DestTable;
}

/** A siding's candidate orders for one rake, by destination (dual-independent, built once per rake). */
interface SidingDests {
  dests: string[];
  rates: number[];
  orders: OrderInfo[][];
  corridors: number[][];
}
const sidingDests = new WeakMap<RakeInfo, Map<string, SidingDests>>();

function destsAt(p: Prep, ri: RakeInfo, lp: string): SidingDests {
  let byLp = sidingDests.get(ri);
  if (!byLp) sidingDests.set(ri, (byLp = new Map()));
  let sd = byLp.get(lp);
  if (sd) return sd;
  const byDest = new Map<string, OrderInfo[]>();
  for (const oi of ri.cands.get(lp)!) {
    const list = byDest.get(oi.dest);
    if (list) list.push(oi);
    else byDest.set(oi.dest, [oi]);
  }
  const dests = [...byDest.keys()];
  const byCorridor = new Map<string, number[]>();
  dests.forEach((k, i) => {
    const cor = p.dests.get(k)!.corridor;
    const list = byCorridor.get(cor);
    if (list) list.push(i);
    else byCorridor.set(cor, [i]);
  });
  sd = {
    dests,
    rates: dests.map((k) => byDest.get(k)![0]!.rate),
    orders: [...byDest.values()],
    corridors: [...byCorridor.values()],
  };
  byLp.set(lp, sd);
  return sd;
}

/**
 * One destination's orders at a run of a siding's slots where none changes lateness band and
 * demurrage either runs or not throughout: the same per-tonne costs, so the same wagon tables.
 */
interface Band {
  waiting: boolean;
  late: number[];
  fk: Fractional | null;
  tables: Map<number, DestTable>;
}

/** A siding's state while its slots are priced: the cheapest stock dual per product, the last slot's bands. */
interface SidingRun {
  stockCost: Map<string, number>;
  bands: Band[];
}

/** The fixed part of a loading's reduced cost at a slot: wait demurrage less the rake and siding duals. */
function slotFixed(p: Prep, ri: RakeInfo, d: Duals, slot: Slot): number {
  const c = p.sc.costs;
  let fixed = Math.max(0, ri.W * c.demurrageRsPerWagonH * (slot.startH - ri.placeH - c.freeTimeH)) - d.rake(ri.r);
  for (const row of slot.sidRows) fixed -= d.sid(row);
  return fixed;
}

/**
 * The per-tonne costs of every candidate order at one slot, and its destination tables. A slot
 * shares the previous slot's band of a destination when nothing changed; slots come in start
 * order per siding and lateness only grows with the start, so equal bands are always adjacent.
 */
function slotState(p: Prep, ri: RakeInfo, d: Duals, slot: Slot, runs: Map<string, SidingRun>): SlotState {
  const c = p.sc.costs;
  const demRate = ri.W * c.demurrageRsPerWagonH;
  const lp = p.lps.get(slot.lp)!;
  const wait = demRate * (slot.startH - ri.placeH - c.freeTimeH);
  const beta = demRate / lp.loadingRateTph;
  const waiting = wait >= 0;
  const perT = handlingRate(p, lp) + (waiting ? beta : 0);
  const fixed = slotFixed(p, ri, d, slot);
  const { dests, rates, orders, corridors } = destsAt(p, ri, slot.lp);
  let run = runs.get(slot.lp);
  if (!run) {
    const stockCost = new Map<string, number>();
    for (const [prod, ys] of ri.yards.get(slot.lp)!)
      stockCost.set(prod, Math.min(...ys.map((y) => -d.inv(key(y, prod)))));
    runs.set(slot.lp, (run = { stockCost, bands: [] }));
  }
  const { stockCost } = run;
  const end = slot.startH + slot.durH;
  const bands = orders.map((list, i) => {
    const prev = run.bands[i];
    let same = prev !== undefined && prev.waiting === waiting;
    for (let k = 0; same && k < list.length; k++)
      same = prev!.late[k] === lateDays(end + list[k]!.transitH, list[k]!.dueH);
    if (same) return prev!;
    const late = filled(list.length, 0);
    for (let k = 0; k < list.length; k++) late[k] = lateDays(end + list[k]!.transitH, list[k]!.dueH);
    return { waiting, late, fk: null, tables: new Map() };
  });
  run.bands = bands;
  // Per-tonne cost of order k of destination i here (before the option's idle-freight credit).
  const cT = (i: number, k: number) => {
    const oi = orders[i]![k]!;
    return oi.rate + bands[i]!.late[k]! * oi.lateRate + perT + stockCost.get(oi.product)! - d.order(oi.o);
  };
  const table = (i: number, rate: number): DestTable => {
    const band = bands[i]!;
    let t = band.tables.get(rate);
    if (!t)
      band.tables.set(
        rate,
        (t = destTable(
          items(
            orders[i]!,
            orders[i]!.map((_, k) => cT(i, k)),
            rate,
            ri,
            d,
          ),
          ri.W,
        )),
      );
    return t;
  };
  // Any loading's wagons cost at least the cheapest cap tonnes of the destination's orders taken
  // fractionally (a wagon at a loss costs ≥ 0; a whole order's one-shipment dual spread over its
  // tonnes): a fractional knapsack, no table built.
  const fk = (i: number): Fractional => {
    const band = bands[i]!;
    if (band.fk) return band.fk;
    const list = orders[i]!;
    // Sized exactly (a subarray view costs more to make than the copy it saves).
    let size = 0;
    for (const oi of list) if (oi.splittable || oi.q <= ri.cap + 1e-6) size++;
    const v = filled(size, 0),
      t = filled(size, 0);
    let n = 0;
    for (let k = 0; k < list.length; k++) {
      const oi = list[k]!;
      if (!oi.splittable && oi.q > ri.cap + 1e-6) continue;
      const vk = cT(i, k) - rates[i]! - (oi.splittable ? 0 : d.single(oi.o) / oi.q),
        tk = Math.min(oi.q, ri.cap);
      // Insertion sort: a destination has a handful of orders.
      let m = n++;
      for (; m > 0 && v[m - 1]! > vk; m--) {
        v[m] = v[m - 1]!;
        t[m] = t[m - 1]!;
      }
      v[m] = vk;
      t[m] = tk;
    }
    const out = { v, t, lb: 0 };
    out.lb = fractionalPair(out, 0, null, ri.cap);
    return (band.fk = out);
  };
  return { slot, fixed, dests, rates, corridors, fk, own: (i) => table(i, rates[i]!), table };
}

/**
 * The priced choice as a feasible loading: tonnes per order (a splittable order's wagons merged),
 * stock drawn from the yards the siding serves, cheapest dual first, trimmed to what they hold.
 * Its cost is the whole-horizon model's cost of that loading.
 */
function buildPattern(
  p: Prep,
  ri: RakeInfo,
  slot: Slot,
  dests: string[],
  rate: number,
  chosen: Item[],
  d: Duals,
): Pattern | null {
  const byOrder = new Map<number, { oi: OrderInfo; wagons: number; tonnes: number }>();
  for (const it of chosen) {
    const cur = byOrder.get(it.oi.o);
    const wagons = it.count * it.wagons,
      tonnes = it.count * it.tonnes;
    if (cur) {
      cur.wagons += wagons;
      cur.tonnes += tonnes;
    } else byOrder.set(it.oi.o, { oi: it.oi, wagons, tonnes });
  }
  const yardsByProd = ri.yards.get(slot.lp)!;
  const left = new Map<string, number>();
  const draws = new Map<string, number>();
  const lines: Pattern['lines'] = [];
  for (const line of [...byOrder.values()].sort((a, b) => a.oi.dueH - b.oi.dueH)) {
    const ys = [...yardsByProd.get(line.oi.product)!].sort(
      (a, b) => -d.inv(key(a, line.oi.product)) + d.inv(key(b, line.oi.product)),
    );
    const avail = ys.reduce(
      (a, y) => a + (left.get(key(y, line.oi.product)) ?? p.stock.get(key(y, line.oi.product)) ?? 0),
      0,
    );
    let t = Math.min(line.tonnes, avail);
    if (!line.oi.splittable && t < line.oi.q - 1e-6) continue;
    // Whole tonnes of a splittable order; an unsplittable one ships whole, fractional tonnes included
    // (flooring it would ship part of it).
    t = line.oi.splittable ? Math.floor(t + 1e-9) : line.oi.q;
    if (t < Math.min(1, line.oi.q)) continue;
    let need = t;
    for (const y of ys) {
      const k = key(y, line.oi.product);
      const have = left.get(k) ?? p.stock.get(k) ?? 0;
      const take = Math.min(have, need);
      if (take <= 0) continue;
      left.set(k, have - take);
      draws.set(k, (draws.get(k) ?? 0) + take);
      need -= take;
    }
    lines.push({ o: line.oi.o, wagons: Math.ceil(t / ri.pcc - 1e-9), tonnes: t });
  }
  if (!lines.length || !fillsEachDestination(p, lines, dests, (o) => byOrder.get(o)!.oi.dest)) return null;
  return {
    r: ri.r,
    lp: slot.lp,
    startH: slot.startH,
    sidRows: slot.sidRows,
    dests,
    lines,
    draws,
    cost: patternCost(p, ri, slot, rate, lines, byOrder, dests.length),
  };
}
