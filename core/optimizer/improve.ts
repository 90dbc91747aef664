import { deadlinePassed, type Deadline } from './deadline';
import type { Draft, DraftRoad } from './draft';
import {
  applyMove,
  fillMove,
  MIN_SAVING_RS,
  moveMove,
  roadMove,
  roadShiftMove,
  roadToRailMove,
  type Move,
  type MoveKind,
} from './moves';
import { idleRakeOptions, twoPointCandidates, unservedByDest } from './open-tonnes';
import { PlanState } from './plan-state';
import { railRate, roadAllowed, roadTonneCost, type Prep } from './prep';
import { wagonsOf } from './rake-lines';
import { rakeMove, reformMove, roadRakeMove, roadSecondDestMove, secondDestMove } from './rake-moves';

/**
 * The final improvement pass: single moves (moves.ts, rake-moves.ts) on a finished plan, each
 * priced by the cost rules and kept only when it makes the plan cheaper and keeps every rule. It
 * runs on whatever plan the solver (or a heuristic) returns, so a plan cut short by a busy machine
 * still gets the money a planner would pick up by hand. The pass repeats until a full sweep finds
 * no improving move (or the deadline passes), so after it no single move of these kinds improves
 * the plan. Between its sweeps it re-forms rakes (rake-moves.ts reformMove: a used rake with idle
 * wagons given a new load), the one change a rake whose own destinations have no open tonnes left
 * can make.
 */
export interface ImproveResult {
  draft: Draft;
  moves: Record<MoveKind, number>;
  /** Cost before − cost after [₹], as the cost rules price the plan. */
  savedRs: number;
  /**
   * Whether the last sweep of single moves found none and no re-form was applied after it (false:
   * stopped at the deadline before that).
   */
  complete: boolean;
}

/** Every single move (not re-forms) on the plan as it stands, best first within each sweep step. */
function* sweep(st: PlanState): Generator<() => Move | null> {
  const p = st.p;
  // Road lots first: cheap to test, and they free no rail capacity others need.
  // Checked as the sweep reaches each order, rake or destination (the generator is lazy): only
  // their own moves change what is checked, and the moves check it again.
  for (const o of p.orders) {
    if (!roadAllowed(p, o) || st.unserved(o) <= 1e-6) continue;
    for (const y of p.stockyards.keys()) for (let d = 0; d < p.sc.horizon.days; d++) yield () => roadMove(st, o, y, d);
  }
  // Road lots to a stockyard or day where they cost less (the lots as the sweep reaches them: a
  // lot taken off in full reads 0 t and is passed over).
  for (const lot of [...st.road])
    for (const y of p.stockyards.keys())
      for (let d = 0; d < p.sc.horizon.days; d++) yield () => roadShiftMove(st, lot, y, d);
  // Fill idle wagons of used rakes.
  for (const [dest, orders] of unservedByDest(st)) {
    for (const r of [...st.rakes.keys()]) {
      const rk = st.rakes.get(r);
      if (!rk?.lines.some((l) => p.orderById.get(l.orderId)!.destination === dest)) continue;
      for (const o of orders) yield () => fillMove(st, r, o);
    }
  }
  // Road lots into idle wagons of rakes serving their destination.
  const roadByDest = new Map<string, DraftRoad[]>();
  for (const d of st.road) {
    const dest = p.orderById.get(d.orderId)!.destination;
    roadByDest.set(dest, [...(roadByDest.get(dest) ?? []), d]);
  }
  for (const r of [...st.rakes.keys()]) {
    const dests = new Set(st.rakes.get(r)?.lines.map((l) => p.orderById.get(l.orderId)!.destination));
    for (const dest of dests) for (const lot of roadByDest.get(dest) ?? []) yield () => roadToRailMove(st, r, lot);
  }
  // Tonnes between rakes serving the same destination (read as the sweep reaches them: a sweep
  // that applies no move, the last, reads them exact).
  const servingDest = new Map<string, number[]>();
  for (const [r, rk] of st.rakes)
    for (const d of new Set(rk.lines.map((l) => p.orderById.get(l.orderId)!.destination)))
      servingDest.set(d, [...(servingDest.get(d) ?? []), r]);
  for (const a of [...st.rakes.keys()]) {
    const lines = st.rakes.get(a)?.lines.map((l) => l.orderId) ?? [];
    for (const id of lines)
      for (const b of servingDest.get(p.orderById.get(id)!.destination) ?? [])
        if (b !== a) yield () => moveMove(st, a, id, b);
  }
  // Whole rakes on idle rakes, for one destination, then two on a corridor (two-point rakes: one
  // destination's unserved tonnes rarely fill a rake), then from road lots; and a second destination
  // in a used single-destination rake's idle wagons, from unserved tonnes or road lots.
  const byDest = unservedByDest(st);
  // Read once a sweep: open tonnes only shrink as moves apply, so these bounds stay bounds.
  const idle = [...idleRakeOptions(st, byDest)];
  for (const { r, lp, open } of idle)
    for (const a of open)
      if (a.gainRs - a.freightRs >= MIN_SAVING_RS) yield () => rakeMove(st, r, lp, a.dest, a.orders);
  for (const { r, lp, open } of idle)
    for (const [a, b] of twoPointCandidates(p, open)) {
      yield () => rakeMove(st, r, lp, a.dest, a.orders, { dest: b.dest, candidates: b.orders });
    }
  // Whole rakes from a destination's road lots, where the road freight and lateness of a rake's
  // worth of them (the dearest first) exceed freight on the full rake (read as the sweep reaches them).
  for (const { r, lp } of idle) {
    const capT = p.rakes[r]!.capT;
    for (const [dest, lots] of roadByDest) {
      const d = p.dests.get(dest);
      if (d && roadWorthRs(p, lots, capT) - capT * railRate(p, d) >= MIN_SAVING_RS)
        yield () => roadRakeMove(st, r, lp, dest, lots);
    }
  }
  for (const r of [...st.rakes.keys()]) {
    const dests = new Set(st.rakes.get(r)?.lines.map((l) => p.orderById.get(l.orderId)!.destination));
    if (dests.size !== 1) continue;
    const [only] = dests;
    for (const [dest, orders] of byDest)
      if (dest !== only && p.dests.get(dest)!.corridor === p.dests.get(only!)!.corridor)
        yield () => secondDestMove(st, r, dest, orders);
    for (const [dest, lots] of roadByDest)
      if (dest !== only && p.dests.get(dest)?.corridor === p.dests.get(only!)!.corridor)
        yield () => roadSecondDestMove(st, r, dest, lots);
  }
}

/** What a rake's worth (`capT`) of the lots costs on the road, the dearest tonnes first [₹]: more than any rake for them saves. */
function roadWorthRs(p: Prep, lots: readonly DraftRoad[], capT: number): number {
  const perT = lots
    .filter((l) => l.tonnes > 1e-6)
    .map((l) => ({ t: l.tonnes, c: roadTonneCost(p, p.orderById.get(l.orderId)!, l.stockyard, l.day) }))
    .sort((x, y) => y.c - x.c);
  let room = capT;
  let rs = 0;
  for (const { t, c } of perT) {
    if (room <= 1e-9) break;
    rs += Math.min(room, t) * c;
    room -= t;
  }
  return rs;
}

/** Re-forms of the used rakes (rake-moves.ts reformMove), most idle wagons first: where a short pass gains most. */
function* reformSweep(st: PlanState): Generator<() => Move | null> {
  const idle = (r: number) => st.p.rakes[r]!.rake.wagons - wagonsOf(st.rakes.get(r)?.lines ?? []);
  const order = [...st.rakes.keys()].map((r) => ({ r, idle: idle(r) })).sort((a, b) => b.idle - a.idle || a.r - b.r);
  for (const { r } of order) yield () => reformMove(st, r);
}

/**
 * Improve a plan by sweeps of single moves and of re-forms in turn until neither improves it or
 * `deadline` passes. Each sweep applies every improving move as it finds it (each priced against
 * the plan as it then stands).
 */
export function improveDraft(p: Prep, draft: Draft, deadline?: Deadline): ImproveResult {
  const st = new PlanState(p, draft);
  const moves: Record<MoveKind, number> = { road: 0, rake: 0, fill: 0, move: 0, reform: 0 };
  let saved = 0;
  let complete = false;
  let n = 0;
  // Sweeps of single moves and of re-forms in turn, until a re-form sweep finds nothing after a
  // single-move sweep that found nothing. Re-forms after every single-move sweep, not only once
  // single moves are spent: a pass cut short (a busy machine) gains more from its first re-forms
  // than from its last single moves (bench/RESULTS.md).
  let reforming = false;
  let cleanSingles = false;
  outer: for (let round = 0; round < 1000; round++) {
    let improved = false;
    for (const evaluate of reforming ? reformSweep(st) : sweep(st)) {
      // A re-form prices a rake at every siding for every destination: the clock is read before each.
      if ((reforming || (++n & 63) === 0) && deadlinePassed(deadline)) break outer;
      const m = evaluate();
      if (!m || m.savingRs < MIN_SAVING_RS) continue;
      applyMove(st, m);
      moves[m.kind]++;
      saved += m.savingRs;
      improved = true;
      complete = false;
    }
    if (!reforming) complete = cleanSingles = !improved;
    else if (!improved && cleanSingles) break;
    reforming = !reforming;
  }
  return { draft: { ...st.draft(), ...(draft.cut ? { cut: draft.cut } : {}) }, moves, savedRs: saved, complete };
}
