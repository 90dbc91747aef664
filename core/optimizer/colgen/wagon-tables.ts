import type { Duals, OrderInfo, RakeInfo } from './loading';

// The pricing's knapsacks over one destination's wagons: exact tables (cheapest use of exactly w
// wagons) and the fractional bounds that rule most slots and pairs out before a table is built.

/**
 * One order's wagons as knapsack items: `count` wagons of `tonnes` each at `cost` each (a
 * splittable order's full wagons, or its last part wagon), or one whole unsplittable order.
 */
export interface Item {
  oi: OrderInfo;
  count: number;
  wagons: number;
  tonnes: number;
  cost: number;
}

/** Cheapest use of exactly w wagons (w = 0..W) among one destination's items, with the choice. */
export interface DestTable {
  best: number[];
  pick: (w: number) => Item[];
  /** Cheapest use of at least `min` and at most w wagons (w = 0..W), with the count that achieves it. */
  prefixMin: (min: number) => { value: number[]; arg: number[] };
}

/**
 * A plain array of n copies of x. The pricing makes millions of short arrays a run; a typed array
 * of a rake's wagons is allocated outside the heap, 2.5–4 µs against 0.1–0.2 µs (bench/RESULTS.md).
 */
export function filled(n: number, x: number): number[] {
  return new Array<number>(n).fill(x);
}

function withPrefixMin(best: number[], pick: (w: number) => Item[]): DestTable {
  const cache = new Map<number, { value: number[]; arg: number[] }>();
  const prefixMin = (min: number) => {
    let pm = cache.get(min);
    if (pm) return pm;
    const value = filled(best.length, Infinity);
    const arg = filled(best.length, 0);
    for (let w = Math.max(1, min); w < best.length; w++) {
      value[w] = value[w - 1]!;
      arg[w] = arg[w - 1]!;
      if (w >= min && best[w]! < value[w]!) {
        value[w] = best[w]!;
        arg[w] = w;
      }
    }
    cache.set(min, (pm = { value, arg }));
    return pm;
  };
  return { best, pick, prefixMin };
}

/** Working arrays of destTable, reused: only `best`, `split` and `take` outlive a call (its `pick`). */
let scratchPrefix = new Float64Array(0);
let scratchB = new Float64Array(0);

export function destTable(items: Item[], W: number): DestTable {
  // Unit wagons cheapest first, expanded lazily: only the W cheapest wagons can matter.
  const units: Item[] = [],
    blocks: Item[] = [];
  for (const it of items) (it.wagons === 1 ? units : blocks).push(it);
  units.sort((a, b) => a.cost - b.cost);
  if (scratchPrefix.length < W + 1) {
    scratchPrefix = new Float64Array(W + 1);
    scratchB = new Float64Array(W + 1);
  }
  const prefix = scratchPrefix;
  prefix.fill(Infinity, 0, W + 1);
  prefix[0] = 0;
  let nUnits = 0;
  for (const u of units) {
    for (let k = 0; k < u.count && nUnits < W; k++, nUnits++) prefix[nUnits + 1] = prefix[nUnits]! + u.cost;
    if (nUnits >= W) break;
  }
  const unitPick = (n: number): Item[] => {
    const out: Item[] = [];
    for (const u of units) {
      if (n <= 0) break;
      const k = Math.min(n, u.count);
      out.push({ ...u, count: k });
      n -= k;
    }
    return out;
  };
  if (!blocks.length) return withPrefixMin(Array.from(prefix.subarray(0, W + 1)), unitPick);
  // 0/1 knapsack over whole orders (unsplittable, several wagons each): exactly w wagons.
  const B = scratchB;
  B.fill(Infinity, 0, W + 1);
  B[0] = 0;
  const take = filled(blocks.length * (W + 1), 0); // take[b·(W+1) + w]: block b taken at capacity w
  for (let b = 0; b < blocks.length; b++) {
    const { wagons, cost } = blocks[b]!;
    for (let w = W; w >= wagons; w--) {
      if (B[w - wagons]! + cost < B[w]!) {
        B[w] = B[w - wagons]! + cost;
        take[b * (W + 1) + w] = 1;
      }
    }
  }
  const best = filled(W + 1, Infinity);
  const split = filled(W + 1, 0);
  for (let wb = 0; wb <= W; wb++) {
    if (B[wb] === Infinity) continue;
    for (let w = wb; w <= Math.min(W, wb + nUnits); w++) {
      const v = B[wb]! + prefix[w - wb]!;
      if (v < best[w]!) {
        best[w] = v;
        split[w] = wb;
      }
    }
  }
  const pick = (w: number): Item[] => {
    const out = unitPick(w - split[w]!);
    // Walk the knapsack back: block b was taken at capacity c if take[b][c] is set (last block first).
    let c = split[w]!;
    for (let b = blocks.length - 1; b >= 0 && c > 0; b--)
      if (take[b * (W + 1) + c]) {
        out.push(blocks[b]!);
        c -= blocks[b]!.wagons;
      }
    return out;
  };
  return withPrefixMin(best, pick);
}

/** A destination's loadable orders as (per-tonne value, tonnes) at its own rate, cheapest first, and the best cap tonnes' value. */
export interface Fractional {
  v: number[];
  t: number[];
  lb: number;
}

/**
 * The cheapest `cap` tonnes of one destination (b null) or of two sharing the rake, taken
 * fractionally; `a`'s tonnes credited `shift` each (a pair pays the dearer destination's rate).
 * With `atLeast`, it may stop as soon as the value cannot fall below it (the tonnes left all at
 * the next, cheapest remaining value) and return a lower bound ≥ atLeast: the pairs' filter
 * rejects ~96 % of the pairs it sees, most of them after a few orders.
 */
export function fractionalPair(
  a: Fractional,
  shift: number,
  b: Fractional | null,
  cap: number,
  atLeast = Infinity,
): number {
  let i = 0,
    j = 0,
    left = cap,
    sum = 0;
  const na = a.v.length,
    nb = b ? b.v.length : 0;
  while (left > 1e-9) {
    const va = i < na ? a.v[i]! - shift : Infinity,
      vb = j < nb ? b!.v[j]! : Infinity;
    const v = Math.min(va, vb);
    if (v >= 0) break;
    if (sum + left * v >= atLeast) return sum + left * v;
    const take = Math.min(left, va <= vb ? a.t[i++]! : b!.t[j++]!);
    sum += take * v;
    left -= take;
  }
  return sum;
}

/**
 * Lower bound on a pair's best split (wagon costs only): `a` (cheaper rate) from its own-rate
 * table less `shift` per wagon — a wagon carries at most pcc t, each t credited the rate
 * difference — and `b` at the pair's rate, each with at least `mw` wagons.
 */
export function pairLowerBound(ta: DestTable, tb: DestTable, shift: number, W: number, mw: number): number {
  const pm = tb.prefixMin(mw).value;
  let lb = Infinity;
  for (let w = mw; w <= W - mw; w++) {
    const v = ta.best[w]! - w * shift + pm[W - w]!;
    if (v < lb) lb = v;
  }
  return lb;
}

/** Knapsack items of one destination's orders at the option's rail rate (its idle-freight credit). */
export function items(list: OrderInfo[], cT: number[], rate: number, ri: RakeInfo, d: Duals): Item[] {
  const out: Item[] = [];
  for (let k = 0; k < list.length; k++) {
    const oi = list[k]!;
    const v = cT[k]! - rate; // each tonne loaded is a tonne less of idle freight at the option's rate
    if (!oi.splittable) {
      if (oi.q > ri.cap + 1e-6) continue;
      out.push({
        oi,
        count: 1,
        wagons: Math.ceil(oi.q / ri.pcc - 1e-9),
        tonnes: oi.q,
        cost: oi.q * v - d.single(oi.o),
      });
      continue;
    }
    const maxT = Math.min(oi.q, ri.cap);
    const full = Math.floor(maxT / ri.pcc + 1e-9);
    const rem = maxT - full * ri.pcc;
    // A wagon at a loss carries as little as the rules allow (1 t) for the bound.
    if (full > 0) out.push({ oi, count: full, wagons: 1, tonnes: ri.pcc, cost: v < 0 ? ri.pcc * v : v });
    if (rem > 1e-6) out.push({ oi, count: 1, wagons: 1, tonnes: rem, cost: v < 0 ? rem * v : Math.min(rem, 1) * v });
  }
  return out;
}
