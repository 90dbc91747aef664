import { earliestFullStart, partialSlot, type PlanState } from './plan-state';
import {
  carries,
  handlingRate,
  lateDays,
  latenessRate,
  railAllowed,
  railRate,
  unservedTonneCost,
  type Order,
  type Prep,
} from './prep';

/**
 * The unserved tonnes a whole rake could carry ("open" orders), and upper bounds on what a whole
 * rake for them saves: the final pass (improve.ts) and the explanations (explain.ts,
 * idle-rakes.ts) price a whole rake (rake-moves.ts) only where its bound says it may pay or beat
 * another, since a sweep over every idle rake, siding and destination (and pair of destinations)
 * would price hundreds of thousands.
 */

/** A move must save at least this much [₹]: plan figures are rounded to the paisa. */
export const MIN_SAVING_RS = 1;

/** Open orders (openOrders) and what leaving a tonne of each costs, dearest first. */
interface Open {
  orders: readonly Order[];
  leave: readonly number[];
}

const openCache = new WeakMap<
  readonly Order[],
  { st: PlanState; version: number; byKey: Map<string, Map<string, Map<string, Open>>> }
>();

/**
 * The unserved orders among `candidates` a whole rake of `wagonType` at `lp` could take for
 * `dest`: rail allowed, carried by the wagons, not yet shipped if unsplittable, with stock at a
 * stockyard the siding serves; dearest to leave first. Shared by every idle rake of that wagon
 * type until the plan changes (a sweep prices each idle rake at every siding for every destination).
 */
export function openOrders(
  st: PlanState,
  candidates: readonly Order[],
  wagonType: string,
  lp: { code: string; stockyards: readonly string[] },
  dest: string,
): Open {
  let c = openCache.get(candidates);
  if (!c || c.st !== st || c.version !== st.version)
    openCache.set(candidates, (c = { st, version: st.version, byKey: new Map() }));
  // By destination, siding and wagon type (nested maps: a sweep asks hundreds of thousands of times).
  let atDest = c.byKey.get(dest);
  if (!atDest) c.byKey.set(dest, (atDest = new Map()));
  let atLp = atDest.get(lp.code);
  if (!atLp) atDest.set(lp.code, (atLp = new Map()));
  let open = atLp.get(wagonType);
  if (!open) {
    const p = st.p;
    const list = candidates
      .filter(
        (o) =>
          o.destination === dest &&
          railAllowed(o) &&
          carries(p, wagonType, o.product) &&
          st.unserved(o) > 1e-6 &&
          (o.splittable || (st.shipments.get(o.id) ?? 0) === 0) &&
          lp.stockyards.some((y) => st.stock(y, o.product) > 1e-6),
      )
      .map((o) => ({ o, leave: unservedTonneCost(p, o) }))
      .sort((a, b) => b.leave - a.leave);
    open = { orders: list.map((x) => x.o), leave: list.map((x) => x.leave) };
    atLp.set(wagonType, open);
  }
  return open;
}

/** A destination a whole rake could serve (openDests), with an upper bound on what it saves. */
export interface OpenDest {
  dest: string;
  corridor: string;
  orders: readonly Order[];
  /**
   * What leaving its best rake's worth of open tonnes costs, less handling and the lateness they
   * would have arriving from a loading that ended when it starts (none ends sooner) [₹].
   */
  gainRs: number;
  /** Freight on the full rake at its rate [₹]. */
  freightRs: number;
}

/**
 * The destinations of `byDest` (unserved orders by destination) with an open order a whole rake
 * `rakeIdx` at `lpCode` could take (openOrders), when it can be loaded there in full (null: no slot).
 * A rake for one of them saves at most gainRs − freightRs; a two-point rake for two at most their
 * gains less the cheaper freight and the surcharge (twoPointBoundRs).
 */
export function openDests(
  st: PlanState,
  rakeIdx: number,
  lpCode: string,
  byDest: ReadonlyMap<string, readonly Order[]>,
): OpenDest[] | null {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const lp = p.lps.get(lpCode)!;
  if (!lp.wagonTypes.includes(pr.rake.wagonType)) return null;
  // A rake that cannot load in full here may part-load (partialSlot): it carries at most that, and
  // still pays freight on every wagon (idle freight on the empty ones).
  const full = earliestFullStart(st, rakeIdx, lpCode);
  const part = full === null ? partialSlot(st, rakeIdx, lpCode) : null;
  const start = full ?? part?.start;
  if (start === undefined) return null;
  const carryT = part ? part.maxT : pr.capT;
  const handling = handlingRate(p, lp);
  const out: OpenDest[] = [];
  for (const [dest, orders] of byDest) {
    const open = openOrders(st, orders, pr.rake.wagonType, lp, dest);
    if (open.orders.length === 0) continue;
    const d = p.dests.get(dest)!;
    const worth: Array<{ t: number; v: number }> = [];
    let total = 0;
    for (const [i, o] of open.orders.entries()) {
      const v =
        open.leave[i]! - handling - lateDays(start + d.railTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority);
      if (v <= 0) continue;
      worth.push({ t: st.unserved(o), v });
      total += st.unserved(o);
    }
    // The best rake's worth: all of it when it fits (most destinations), else the dearest first.
    if (total > carryT) worth.sort((x, y) => y.v - x.v);
    let room = carryT;
    let gainRs = 0;
    for (const { t, v } of worth) {
      if (room <= 1e-9) break;
      gainRs += Math.min(room, t) * v;
      room -= t;
    }
    out.push({ dest, corridor: d.corridor, orders, gainRs, freightRs: pr.capT * railRate(p, d) });
  }
  return out;
}

/** At most what a two-point rake for `a` then `b` (openDests, same rake and siding) saves [₹]. */
export const twoPointBoundRs = (p: Prep, a: OpenDest, b: OpenDest): number =>
  a.gainRs + b.gainRs - Math.min(a.freightRs, b.freightRs) - p.sc.costs.twoPointSurchargeRs;

/**
 * The ordered pairs of `open` (one rake and siding) on one corridor whose two-point rake may save
 * at least `atLeastRs` (twoPointBoundRs). By corridor, most valuable first: a destination's
 * partners are read until even the corridor's cheapest freight leaves too little.
 */
export function* twoPointCandidates(
  p: Prep,
  open: readonly OpenDest[],
  atLeastRs = MIN_SAVING_RS,
): Generator<[OpenDest, OpenDest]> {
  const byCorridor = new Map<string, OpenDest[]>();
  for (const x of open) byCorridor.set(x.corridor, [...(byCorridor.get(x.corridor) ?? []), x]);
  const surcharge = p.sc.costs.twoPointSurchargeRs;
  for (const list of byCorridor.values()) {
    list.sort((x, y) => y.gainRs - x.gainRs);
    const cheapest = Math.min(...list.map((x) => x.freightRs));
    for (const a of list)
      for (const b of list) {
        if (a.gainRs + b.gainRs - cheapest - surcharge < atLeastRs) break;
        if (b !== a && twoPointBoundRs(p, a, b) >= atLeastRs) yield [a, b];
      }
  }
}

/** An idle rake `r`, a siding that could load it in full, and the destinations open to it there. */
export interface IdleRakeOption {
  r: number;
  lp: string;
  open: OpenDest[];
}

/**
 * Idle rakes and the sidings that could load one in full (wagon type, a slot ending within the
 * horizon), with the destinations a whole rake there could serve (openDests): where whole-rake
 * moves are tried. Lazy: each rake's list is read as it is reached.
 */
export function* idleRakeOptions(
  st: PlanState,
  byDest: ReadonlyMap<string, readonly Order[]>,
): Generator<IdleRakeOption> {
  for (let r = 0; r < st.p.rakes.length; r++) {
    if (st.rakes.has(r)) continue;
    for (const lp of st.p.lps.keys()) {
      const open = openDests(st, r, lp, byDest);
      if (open) yield { r, lp, open };
    }
  }
}

/** Unserved orders by destination (known destinations only). */
export function unservedByDest(st: PlanState): Map<string, Order[]> {
  const out = new Map<string, Order[]>();
  for (const o of st.p.orders) {
    if (st.unserved(o) <= 1e-6 || !st.p.dests.has(o.destination)) continue;
    const list = out.get(o.destination);
    if (list) list.push(o);
    else out.set(o.destination, [o]);
  }
  return out;
}
