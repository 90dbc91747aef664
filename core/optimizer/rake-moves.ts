import { lineTonnes, type DraftLine, type DraftRake, type DraftRoad } from './draft';
import type { Move } from './moves';
import { earliestFullStart, partialSlot, PlanState, rakeCost, rakeProblem } from './plan-state';
import { unservedTonneCost, type Order, type Prep } from './prep';
import { MIN_SAVING_RS, openDests, twoPointBoundRs, twoPointCandidates, unservedByDest } from './open-tonnes';
import { cloneRake, linesFromLots, openLines, wagonsOf } from './rake-lines';

/** What leaving the tonnes of `lines` unserved costs [₹]. */
const leaveCost = (p: Prep, lines: readonly DraftLine[]) =>
  lines.reduce((a, l) => a + lineTonnes(l) * unservedTonneCost(p, p.orderById.get(l.orderId)!), 0);

/**
 * Where idle rake `rakeIdx` could load at `lpCode`: its earliest full loading, else the start that
 * lets it load the most (partialSlot); `wagons` is how many it may fill, `endFull` when they are loaded.
 */
function idleRakeSlot(st: PlanState, rakeIdx: number, lpCode: string) {
  if (st.rakes.has(rakeIdx)) return null;
  const pr = st.p.rakes[rakeIdx]!;
  const lp = st.p.lps.get(lpCode)!;
  if (!lp.wagonTypes.includes(pr.rake.wagonType)) return null;
  const start = earliestFullStart(st, rakeIdx, lpCode);
  if (start !== null) return { pr, lp, start, wagons: pr.rake.wagons, endFull: start + pr.capT / lp.loadingRateTph };
  const part = partialSlot(st, rakeIdx, lpCode);
  if (!part) return null;
  const wagons = Math.round(part.maxT / pr.pccT);
  return { pr, lp, start: part.start, wagons, endFull: part.start + part.maxT / lp.loadingRateTph };
}

/**
 * A whole rake on the idle rake `rakeIdx` at siding `lpCode` for unserved tonnes: `dest`'s open
 * orders first, and with `second` (a destination on the same corridor) that one's in the wagons
 * left, at least the minimum wagons each (a two-point rake); priced, or null.
 */
export function rakeMove(
  st: PlanState,
  rakeIdx: number,
  lpCode: string,
  dest: string,
  candidates: readonly Order[],
  second?: { dest: string; candidates: readonly Order[] },
): Move | null {
  const p = st.p;
  const at = idleRakeSlot(st, rakeIdx, lpCode);
  if (!at) return null;
  const { lp, start, endFull, wagons } = at;
  const reserved = new Map<string, number>();
  const lines = openLines(st, rakeIdx, lp, dest, candidates, endFull, wagons, reserved);
  if (lines.length === 0) return null;
  if (second) {
    const min = p.sc.costs.minWagonsPerDestination;
    const left = wagons - wagonsOf(lines);
    if (wagonsOf(lines) < min || left < min) return null;
    const more = openLines(st, rakeIdx, lp, second.dest, second.candidates, endFull, left, reserved);
    if (wagonsOf(more) < min) return null;
    lines.push(...more);
  }
  const next: DraftRake = { rakeIdx, lp: lpCode, startH: start, lines };
  if (rakeProblem(st, next)) return null;
  return { kind: 'rake', savingRs: leaveCost(p, lines) - rakeCost(p, next), rakes: [{ rakeIdx, next }] };
}

/**
 * Where used rake `rakeIdx` could take `dest` as a second destination: it serves one other
 * destination, on `dest`'s corridor, with at least the minimum wagons idle. Its loading, siding,
 * idle wagons and the end of a full loading; null when it could not.
 */
function secondDestRoom(st: PlanState, rakeIdx: number, dest: string) {
  const p = st.p;
  const r = st.rakes.get(rakeIdx);
  if (!r) return null;
  const dests = new Set(r.lines.map((l) => p.orderById.get(l.orderId)!.destination));
  if (dests.size !== 1 || dests.has(dest)) return null;
  if (p.dests.get([...dests][0]!)!.corridor !== p.dests.get(dest)!.corridor) return null;
  const pr = p.rakes[rakeIdx]!;
  const min = p.sc.costs.minWagonsPerDestination;
  const left = pr.rake.wagons - wagonsOf(r.lines);
  if (left < min) return null;
  const lp = p.lps.get(r.lp)!;
  return { r, lp, left, min, endFull: r.startH + pr.capT / lp.loadingRateTph };
}

/**
 * A second destination for a used single-destination rake: `dest`'s open orders (same corridor)
 * in its idle wagons, at least the minimum wagons (a two-point rake); priced, or null.
 */
export function secondDestMove(
  st: PlanState,
  rakeIdx: number,
  dest: string,
  candidates: readonly Order[],
): Move | null {
  const at = secondDestRoom(st, rakeIdx, dest);
  if (!at) return null;
  const { r, lp, left, endFull, min } = at;
  const p = st.p;
  const more = openLines(st, rakeIdx, lp, dest, candidates, endFull, left, new Map());
  if (wagonsOf(more) < min) return null;
  const next = cloneRake(r);
  next.lines.push(...more);
  if (rakeProblem(st, next)) return null;
  return {
    kind: 'fill',
    savingRs: leaveCost(p, more) + rakeCost(p, r) - rakeCost(p, next),
    rakes: [{ rakeIdx, next }],
  };
}

/**
 * A second destination for a used single-destination rake from road lots: `lots` (of `dest`, on
 * its corridor) taken off into its idle wagons (linesFromLots), at least the minimum wagons (a
 * two-point rake); priced, or null.
 */
export function roadSecondDestMove(
  st: PlanState,
  rakeIdx: number,
  dest: string,
  lots: readonly DraftRoad[],
): Move | null {
  const at = secondDestRoom(st, rakeIdx, dest);
  if (!at) return null;
  const { r, lp, left, endFull, min } = at;
  const p = st.p;
  const { lines, off, roadRs } = linesFromLots(st, rakeIdx, lp, dest, lots, endFull, left);
  if (wagonsOf(lines) < min) return null;
  const next = cloneRake(r);
  next.lines.push(...lines);
  if (rakeProblem(st, next)) return null;
  return {
    kind: 'fill',
    savingRs: roadRs + rakeCost(p, r) - rakeCost(p, next),
    rakes: [{ rakeIdx, next }],
    road: off,
  };
}

/**
 * A whole rake on the idle rake `rakeIdx` at siding `lpCode` from `dest`'s road lots, taken off
 * into it (linesFromLots); priced, or null.
 */
export function roadRakeMove(
  st: PlanState,
  rakeIdx: number,
  lpCode: string,
  dest: string,
  lots: readonly DraftRoad[],
): Move | null {
  const p = st.p;
  const at = idleRakeSlot(st, rakeIdx, lpCode);
  if (!at) return null;
  const { lp, start, endFull, wagons } = at;
  const { lines, off, roadRs } = linesFromLots(st, rakeIdx, lp, dest, lots, endFull, wagons);
  if (lines.length === 0) return null;
  const next: DraftRake = { rakeIdx, lp: lpCode, startH: start, lines };
  if (rakeProblem(st, next)) return null;
  return { kind: 'rake', savingRs: roadRs - rakeCost(p, next), rakes: [{ rakeIdx, next }], road: off };
}

/**
 * A used rake with idle wagons unloaded and formed again as the best whole rake of `rakeMove`
 * (one destination, or two on a corridor, at any siding it can load at in full), when the new
 * rake saves more than the old one did; priced, or null. The plan's other rakes stay: this is
 * the move that changes a rake's destination, which filling its idle wagons cannot when its
 * own destinations have no open tonnes left.
 */
export function reformMove(st: PlanState, rakeIdx: number): Move | null {
  const p = st.p;
  const old = st.rakes.get(rakeIdx);
  if (!old || wagonsOf(old.lines) >= p.rakes[rakeIdx]!.rake.wagons) return null;
  // What the rake saves as loaded: a new loading must save more.
  const keeps = leaveCost(p, old.lines) - rakeCost(p, old);
  // Priced with the rake idle (its tonnes open, its siding time free), then put back as it was.
  st.setRake(rakeIdx, null);
  try {
    const byDest = unservedByDest(st);
    // Every option with what it saves at most (openDests' bounds), tried dearest bound first
    // until no bound left beats the best found.
    const options: Array<{ boundRs: number; move: () => Move | null }> = [];
    for (const lp of p.lps.keys()) {
      const open = openDests(st, rakeIdx, lp, byDest);
      if (!open) continue;
      for (const a of open)
        options.push({ boundRs: a.gainRs - a.freightRs, move: () => rakeMove(st, rakeIdx, lp, a.dest, a.orders) });
      for (const [a, b] of twoPointCandidates(p, open, keeps + MIN_SAVING_RS))
        options.push({
          boundRs: twoPointBoundRs(p, a, b),
          move: () => rakeMove(st, rakeIdx, lp, a.dest, a.orders, { dest: b.dest, candidates: b.orders }),
        });
    }
    options.sort((x, y) => y.boundRs - x.boundRs);
    let best: Move | null = null;
    for (const o of options) {
      if (o.boundRs < Math.max(keeps + MIN_SAVING_RS, best?.savingRs ?? -Infinity)) break;
      const m = o.move();
      if (m && m.savingRs >= keeps + MIN_SAVING_RS && (!best || m.savingRs > best.savingRs)) best = m;
    }
    return best ? { ...best, kind: 'reform', savingRs: best.savingRs - keeps } : null;
  } finally {
    st.setRake(rakeIdx, old);
  }
}
