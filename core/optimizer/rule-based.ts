import { deadlinePassed, type Deadline } from './deadline';
import type { Draft, DraftLine, DraftRake } from './draft';
import { carries, key, railAllowed, type Order, type Prep } from './prep';
import { roadPass } from './road-fill';
import { SidingSchedule } from './siding-schedule';

/** A planner by hand does not send a rake less than half full; such loads wait for road or the next plan. */
const MIN_RULE_UTILISATION = 0.5;

/**
 * The plan a planner would make by hand (DOMAIN.md): orders by priority then due date; the next
 * free compatible rake is filled for that order's destination from the stockyard holding the
 * most stock among those feeding the siding; what rail cannot take goes by road, earliest day
 * and cheapest lane first. It is the yardstick of every optimised plan and its fallback.
 * With a `deadline` it stops when that passes, between orders: what it planned stands, and the
 * orders it never reached are left unserved, named in `cut`.
 */
export function ruleBasedDraft(p: Prep, deadline?: Deadline): Draft {
  const stock = new Map(p.stock);
  const rem = new Map(p.orders.map((o) => [o.id, o.quantityT]));
  const sched = new SidingSchedule(p);
  const usedRakes = new Set<number>();
  const rakes: DraftRake[] = [];
  // Sorted on keys computed once; the default collator is what String#localeCompare uses,
  // without its per-call set-up (50,000 orders: 0.2 s instead of 1.2 s).
  const byId = new Intl.Collator().compare;
  const sorted = p.orders
    .map((o) => ({ o, pr: o.priority, due: Date.parse(o.dueDate) }))
    .sort((a, b) => a.pr - b.pr || a.due - b.due || byId(a.o.id, b.o.id))
    .map((x) => x.o);
  // Each destination's orders in that order: a rake is filled from its destination's list only.
  const byDest = new Map<string, Order[]>();
  for (const o of sorted) {
    const list = byDest.get(o.destination);
    if (list) list.push(o);
    else byDest.set(o.destination, [o]);
  }
  const triedDest = new Set<string>();
  const notReached = new Set<string>();
  let cutAt: string | null = null;

  for (let i = 0; i < sorted.length; i++) {
    const o = sorted[i]!;
    if (usedRakes.size === p.rakes.length) break;
    if ((i & 63) === 0 && deadlinePassed(deadline)) {
      cutAt = `${i.toLocaleString('en-IN')} of ${sorted.length.toLocaleString('en-IN')} orders`;
      for (let j = i; j < sorted.length; j++) notReached.add(sorted[j]!.id);
      break;
    }
    if (!railAllowed(o) || (rem.get(o.id) ?? 0) <= 1e-6 || !p.dests.has(o.destination)) continue;
    for (let ri = 0; ri < p.rakes.length; ri++) {
      const pr = p.rakes[ri]!;
      if (usedRakes.has(ri) || !carries(p, pr.rake.wagonType, o.product)) continue;
      if (triedDest.has(`${ri}|${o.destination}`)) continue;
      triedDest.add(`${ri}|${o.destination}`);
      const attempt = fillRake(p, ri, o, byDest.get(o.destination)!, rem, stock, sched);
      if (!attempt) continue;
      usedRakes.add(ri);
      rakes.push(attempt);
      break;
    }
  }

  const { road, stoppedAt } = roadPass(p, sorted, rem, stock, deadline);
  if (stoppedAt !== null) {
    cutAt ??= `rail for every order, road for ${stoppedAt.toLocaleString('en-IN')} of ${sorted.length.toLocaleString('en-IN')}`;
    for (const o of sorted.slice(stoppedAt)) notReached.add(o.id);
  }
  const cut =
    cutAt === null
      ? undefined
      : {
          orders: notReached,
          reason: `not planned: the rule-based pass stopped at the time limit (${deadline!.limitS} s) after ${cutAt}, before reaching this order`,
        };
  return { rakes, road, ...(cut ? { cut } : {}) };
}

/** Fill rake `ri` for `lead`'s destination; book its siding. Null when no siding can load it. */
function fillRake(
  p: Prep,
  ri: number,
  lead: Order,
  destOrders: Order[],
  rem: Map<string, number>,
  stock: Map<string, number>,
  sched: SidingSchedule,
): DraftRake | null {
  const pr = p.rakes[ri]!;
  const lps = [...p.lps.values()].filter(
    (lp) =>
      lp.wagonTypes.includes(pr.rake.wagonType) &&
      lp.stockyards.some((y) => (stock.get(key(y, lead.product)) ?? 0) > 1e-6),
  );
  // The siding that can start a full loading earliest.
  let best: { lp: (typeof lps)[number]; start: number } | null = null;
  for (const lp of lps) {
    const s = sched.earliest(lp, Math.max(0, pr.placeH), pr.capT / lp.loadingRateTph);
    if (s !== null && (!best || s < best.start)) best = { lp, start: s };
  }
  if (!best) return null;
  const lp = best.lp;
  const windowH = lp.workStartH <= 0 && lp.workEndH >= 24 ? Infinity : lp.workEndH - lp.workStartH;
  let capLeft = Math.min(pr.capT, windowH * lp.loadingRateTph);
  let wagonsLeft = pr.rake.wagons;
  const lines: DraftLine[] = [];
  const taken = new Map<string, number>();
  for (const o of destOrders) {
    if (!railAllowed(o) || !carries(p, pr.rake.wagonType, o.product)) continue;
    const need = rem.get(o.id) ?? 0;
    if (need <= 1e-6 || wagonsLeft <= 0) continue;
    const yards = lp.stockyards
      .map((y) => ({ y, st: (stock.get(key(y, o.product)) ?? 0) - (taken.get(key(y, o.product)) ?? 0) }))
      .filter((x) => x.st > 1e-6)
      .sort((a, b) => b.st - a.st);
    const avail = yards.reduce((a, x) => a + x.st, 0);
    const room = Math.min(capLeft, wagonsLeft * pr.pccT);
    let t = Math.min(need, room, avail);
    if (!o.splittable && t < need - 1e-6) continue;
    if (t <= 1e-6) continue;
    const wagons = Math.ceil(t / pr.pccT - 1e-9);
    const sources = new Map<string, number>();
    for (const { y, st } of yards) {
      const d = Math.min(st, t);
      if (d <= 1e-9) continue;
      sources.set(y, d);
      taken.set(key(y, o.product), (taken.get(key(y, o.product)) ?? 0) + d);
      t -= d;
    }
    const loaded = [...sources.values()].reduce((a, b) => a + b, 0);
    lines.push({ orderId: o.id, wagons, sources });
    capLeft -= loaded;
    wagonsLeft -= wagons;
  }
  const loadT = lines.reduce((a, l) => a + [...l.sources.values()].reduce((x, y) => x + y, 0), 0);
  if (loadT < MIN_RULE_UTILISATION * pr.capT) return null;
  const dur = loadT / lp.loadingRateTph;
  const start = sched.earliest(lp, Math.max(0, pr.placeH), dur);
  if (start === null) return null;
  sched.book(lp.code, start, start + dur);
  for (const l of lines) {
    const o = p.orderById.get(l.orderId)!;
    for (const [y, t] of l.sources) {
      stock.set(key(y, o.product), (stock.get(key(y, o.product)) ?? 0) - t);
      rem.set(o.id, (rem.get(o.id) ?? 0) - t);
    }
  }
  return { rakeIdx: ri, lp: lp.code, startH: start, lines };
}
