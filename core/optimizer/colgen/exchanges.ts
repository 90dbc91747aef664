import { railAllowed, roadAllowed, unservedTonneCost, type Prep } from '../prep';
import type { OrderInfo } from './loading';

/** The covering relation is found in cubic time: larger groups are cut into runs by due time (any subset of pairs is valid). */
const MAX_GROUP = 64;

/** Order `to` may take over tonnes meant for order `from` in any column, at no extra cost. */
export interface Exchange {
  to: OrderInfo;
  from: OrderInfo;
}

/**
 * Dual-optimal inequalities π_to ≤ π_from (Ben Amor, Desrosiers and Valério de Carvalho, 2006)
 * between splittable orders of one destination and product. Wherever a column carries a tonne of
 * `from` — a loading, a truck lot, an unserved tonne — the same column with that tonne given to `to`
 * costs no more when `to` is due no earlier, is charged no more a day late or a tonne unserved, and
 * may go by every mode `from` may. In the master they are columns (+1 on `to`'s tonnes, −1 on
 * `from`'s, cost 0) that keep the duals of such orders in order, which is where the master's duals
 * swing most from round to round.
 *
 * Only the covering relation is listed (no pair implied by two others). Any such column leaves the
 * master a relaxation of the plan's model, so the Lagrangian bound stays valid whether or not a
 * pair really holds in every loading (wagon-sized lines can make the master slightly weaker).
 */
export function exchanges(p: Prep, orders: OrderInfo[]): Exchange[] {
  const groups = new Map<string, OrderInfo[]>();
  for (const oi of orders) {
    if (!oi.splittable) continue;
    const k = `${oi.dest}\u0000${oi.product}`;
    groups.set(k, [...(groups.get(k) ?? []), oi]);
  }
  const unserved = (oi: OrderInfo) => unservedTonneCost(p, p.orders[oi.o]!);
  const modes = (oi: OrderInfo) => {
    const o = p.orders[oi.o]!;
    return { rail: railAllowed(o), road: roadAllowed(p, o) };
  };
  // a ⪯ b: a may take over b's tonnes.
  const covers = (a: OrderInfo, b: OrderInfo) => {
    const ma = modes(a),
      mb = modes(b);
    return (
      a.dueH >= b.dueH &&
      a.lateRate <= b.lateRate &&
      unserved(a) <= unserved(b) + 1e-9 &&
      (ma.rail || !mb.rail) &&
      (ma.road || !mb.road)
    );
  };
  const out: Exchange[] = [];
  for (const g of [...groups.values()].flatMap(chunks)) {
    // Identical orders cover each other both ways: keep one chain through them, in list order.
    const strictly = (a: OrderInfo, b: OrderInfo) => covers(a, b) && (!covers(b, a) || a.o > b.o);
    for (const a of g)
      for (const b of g) {
        if (a === b || !strictly(a, b)) continue;
        if (g.some((c) => c !== a && c !== b && strictly(a, c) && strictly(c, b))) continue;
        out.push({ to: a, from: b });
      }
    // Close each chain of identical orders: the last covers the first again.
    for (const a of g) {
      const same = g.filter((b) => covers(a, b) && covers(b, a));
      if (same.length > 1 && a === same[same.length - 1]) out.push({ to: same[0]!, from: a });
    }
  }
  return out;
}

function chunks(g: OrderInfo[]): OrderInfo[][] {
  if (g.length <= MAX_GROUP) return [g];
  const byDue = [...g].sort((a, b) => a.dueH - b.dueH || a.o - b.o);
  const out: OrderInfo[][] = [];
  for (let i = 0; i < byDue.length; i += MAX_GROUP) out.push(byDue.slice(i, i + MAX_GROUP));
  return out;
}
