import type { DraftRake } from './draft';
import type { Move } from './moves';
import { idleRakeOptions, MIN_SAVING_RS, twoPointCandidates, unservedByDest, type IdleRakeOption } from './open-tonnes';
import type { PlanState } from './plan-state';
import { railAllowed, type Order, type Prep } from './prep';
import { rakeMove, secondDestMove } from './rake-moves';

const rakeMovesCache = new WeakMap<PlanState, Map<string, Move[]>>();
/**
 * Every whole-rake move on an idle rake for one destination's unserved orders, once per plan
 * state: the unserved tonnes' reasons and the idle rakes' both read them, and on a starved plan
 * (a third of the rakes idle) they are most of its pricing.
 */
export function rakeMoves(st: PlanState, dest: string): Move[] {
  let byDest = rakeMovesCache.get(st);
  if (!byDest) rakeMovesCache.set(st, (byDest = new Map()));
  let out = byDest.get(dest);
  if (!out) {
    const orders = st.p.orders.filter((o) => o.destination === dest && st.unserved(o) > 1e-6);
    byDest.set(dest, (out = destRakeMoves(st, dest, orders)));
  }
  return out;
}

/**
 * Every whole-rake move for a destination's unserved `orders`, over every idle rake and siding. A
 * rake and siding are priced only when some unserved order there is one its wagons carry and the
 * siding's stockyards hold (explaining a large plan prices thousands of pairs otherwise).
 */
export function destRakeMoves(st: PlanState, dest: string, orders: readonly Order[]): Move[] {
  const out: Move[] = [];
  const open = orders.filter((o) => railAllowed(o) && st.unserved(o) > 1e-6);
  if (open.length === 0) return out;
  const lpHolds = lpProducts(st);
  for (let r = 0; r < st.p.rakes.length; r++) {
    if (st.rakes.has(r)) continue;
    const wt = st.p.rakes[r]!.rake.wagonType;
    const products = new Set(
      open.filter((o) => st.p.products.get(o.product)?.wagonTypes.includes(wt)).map((o) => o.product),
    );
    if (products.size === 0) continue;
    for (const lp of st.p.lps.values()) {
      const held = lpHolds.get(lp.code)!;
      if (!lp.wagonTypes.includes(wt) || ![...products].some((x) => held.has(x))) continue;
      const m = rakeMove(st, r, lp.code, dest, open);
      if (m) out.push(m);
    }
  }
  return out;
}

const twoPointCache = new WeakMap<PlanState, Map<string, Move[]>>();
/**
 * The two-point moves that save money, by each destination they serve, once per plan state: a
 * destination's unserved orders as the second in the idle wagons of a rake loading for another on
 * its corridor, or two destinations' on an idle rake (either first). Whole rakes are priced only
 * where the final pass's bound (open-tonnes.ts twoPointCandidates) says they may pay.
 */
export function twoPointMoves(st: PlanState, dest: string): Move[] {
  let byDest = twoPointCache.get(st);
  if (!byDest) {
    const out = new Map<string, Move[]>();
    twoPointCache.set(st, out);
    const add = (m: Move | null) => {
      if (!m || m.savingRs < MIN_SAVING_RS) return;
      for (const d of destsOf(st.p, m.rakes[0]!.next!)) out.set(d, [...(out.get(d) ?? []), m]);
    };
    const p = st.p;
    const unserved = unservedOrdersByDest(st);
    for (const [r, rk] of st.rakes) {
      const [only, other] = destsOf(p, rk);
      if (other !== undefined) continue;
      for (const [d, orders] of unserved)
        if (d !== only && p.dests.get(d)!.corridor === p.dests.get(only!)!.corridor)
          add(secondDestMove(st, r, d, orders));
    }
    for (const { r, lp, open } of idleOptionsOf(st))
      for (const [a, b] of twoPointCandidates(p, open))
        add(rakeMove(st, r, lp, a.dest, a.orders, { dest: b.dest, candidates: b.orders }));
    byDest = out;
  }
  return byDest.get(dest) ?? [];
}

const unservedCache = new WeakMap<PlanState, Map<string, Order[]>>();
const unservedOrdersByDest = (st: PlanState) => {
  let m = unservedCache.get(st);
  if (!m) unservedCache.set(st, (m = unservedByDest(st)));
  return m;
};

const idleOptionsCache = new WeakMap<PlanState, IdleRakeOption[]>();
/** Idle rakes, their sidings and open destinations (open-tonnes.ts idleRakeOptions), once per plan state. */
export const idleOptionsOf = (st: PlanState) => {
  let m = idleOptionsCache.get(st);
  if (!m) idleOptionsCache.set(st, (m = [...idleRakeOptions(st, unservedOrdersByDest(st))]));
  return m;
};

/** A loading's destinations, in the order of its lines. */
export const destsOf = (p: Prep, r: DraftRake) => [
  ...new Set(r.lines.map((l) => p.orderById.get(l.orderId)!.destination)),
];

const lpProductsCache = new WeakMap<PlanState, Map<string, Set<string>>>();
/** Products with stock left at some stockyard each siding serves. */
function lpProducts(st: PlanState): Map<string, Set<string>> {
  let m = lpProductsCache.get(st);
  if (!m) {
    m = new Map();
    for (const lp of st.p.lps.values())
      m.set(
        lp.code,
        new Set([...st.p.products.keys()].filter((x) => lp.stockyards.some((y) => st.stock(y, x) > 1e-6))),
      );
    lpProductsCache.set(st, m);
  }
  return m;
}
