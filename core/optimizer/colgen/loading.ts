import { carries, handlingRate, key, lateDays, latenessRate, railAllowed, railRate, type Prep } from '../prep';
import { rakeSlots, type ModelOptions } from '../model';

/**
 * A rake's whole loading as one column of the master problem: siding, start slot, destination
 * option and tonnes per order, with its cost as the whole-horizon model (model.ts) prices it.
 */
export interface Pattern {
  r: number;
  lp: string;
  startH: number;
  /** Master rows of the siding-capacity times its full-rake loading covers. */
  sidRows: number[];
  dests: string[];
  lines: Array<{ o: number; wagons: number; tonnes: number }>;
  /** Tonnes drawn by `stockyard|product`. */
  draws: Map<string, number>;
  cost: number;
}

/** An order as the pricing sees it (index into Prep.orders). */
export interface OrderInfo {
  o: number;
  id: string;
  dest: string;
  product: string;
  q: number;
  splittable: boolean;
  rate: number;
  lateRate: number;
  dueH: number;
  transitH: number;
}

export interface Slot {
  lp: string;
  startH: number;
  durH: number;
  sidRows: number[];
}

/** What the pricing of one rake needs, computed once. */
export interface RakeInfo {
  r: number;
  W: number;
  cap: number;
  pcc: number;
  placeH: number;
  slots: Slot[];
  /** Candidate orders by siding: rail allowed, product fits the wagons, stock at a yard the siding serves. */
  cands: Map<string, OrderInfo[]>;
  /** Yards with stock per product, by siding. */
  yards: Map<string, Map<string, string[]>>;
}

/** Row duals of the master the pricing reads (HiGHS' sign convention: reduced cost = c − Σ a·dual). */
export interface Duals {
  rake: (r: number) => number;
  order: (o: number) => number;
  single: (o: number) => number;
  inv: (yardProduct: string) => number;
  sid: (row: number) => number;
}

export function rakeInfos(
  p: Prep,
  orders: OrderInfo[],
  opts: ModelOptions,
  sidRow: (lp: string, startH: number, durH: number) => number[],
): RakeInfo[] {
  const out: RakeInfo[] = [];
  for (let r = 0; r < p.rakes.length; r++) {
    const pr = p.rakes[r]!;
    // In start order per siding: slotState shares wagon tables between adjacent slots.
    const slots = rakeSlots(p, r, opts)
      .map((s) => ({ ...s, sidRows: sidRow(s.lp, s.startH, s.durH) }))
      .sort((a, b) => (a.lp < b.lp ? -1 : a.lp > b.lp ? 1 : a.startH - b.startH));
    if (!slots.length) continue;
    const cands = new Map<string, OrderInfo[]>();
    const yards = new Map<string, Map<string, string[]>>();
    for (const code of new Set(slots.map((s) => s.lp))) {
      const lp = p.lps.get(code)!;
      const byProduct = new Map<string, string[]>();
      for (const prod of p.products.keys()) {
        const ys = lp.stockyards.filter((y) => (p.stock.get(key(y, prod)) ?? 0) > 1e-6);
        if (ys.length) byProduct.set(prod, ys);
      }
      yards.set(code, byProduct);
      cands.set(
        code,
        orders.filter(
          (o) => railAllowed(p.orders[o.o]!) && carries(p, pr.rake.wagonType, o.product) && byProduct.has(o.product),
        ),
      );
    }
    out.push({ r, W: pr.rake.wagons, cap: pr.capT, pcc: pr.pccT, placeH: pr.placeH, slots, cands, yards });
  }
  return out;
}

/** The whole-horizon model's cost of one loading [₹] (lateness from a full-rake loading, as there). */
export function patternCost(
  p: Prep,
  ri: RakeInfo,
  slot: Slot,
  rate: number,
  lines: Pattern['lines'],
  byOrder: Map<number, { oi: OrderInfo }>,
  nDests: number,
): number {
  const c = p.sc.costs;
  const lp = p.lps.get(slot.lp)!;
  const load = lines.reduce((a, l) => a + l.tonnes, 0);
  let cost = rate * (ri.cap - load) + handlingRate(p, lp) * load + (nDests > 1 ? c.twoPointSurchargeRs : 0);
  const demRate = ri.W * c.demurrageRsPerWagonH;
  cost += Math.max(0, demRate * (slot.startH - ri.placeH - c.freeTimeH) + (demRate / lp.loadingRateTph) * load);
  for (const l of lines) {
    const oi = byOrder.get(l.o)!.oi;
    cost += l.tonnes * (oi.rate + lateDays(slot.startH + slot.durH + oi.transitH, oi.dueH) * oi.lateRate);
  }
  return cost;
}

export function orderInfos(p: Prep): OrderInfo[] {
  return p.orders
    .map((o, i) => {
      const dest = p.dests.get(o.destination);
      return {
        o: i,
        id: o.id,
        dest: o.destination,
        product: o.product,
        q: o.quantityT,
        splittable: o.splittable,
        rate: dest ? railRate(p, dest) : 0,
        lateRate: latenessRate(p, o.priority),
        dueH: p.dueH.get(o.id)!,
        transitH: dest?.railTransitH ?? 0,
      };
    })
    .filter((oi) => p.dests.has(oi.dest) && p.products.has(oi.product));
}

/**
 * Whether a loading for `dests` gives each destination of a pair at least the minimum wagons
 * (rule 4); a single destination always does.
 */
export function fillsEachDestination(
  p: Prep,
  lines: Pattern['lines'],
  dests: string[],
  destOf: (o: number) => string,
): boolean {
  const mw = p.sc.costs.minWagonsPerDestination;
  return (
    dests.length < 2 ||
    dests.every((k) => lines.filter((l) => destOf(l.o) === k).reduce((a, l) => a + l.wagons, 0) >= mw)
  );
}
