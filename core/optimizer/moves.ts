import { lineTonnes, type DraftLine, type DraftRake, type DraftRoad } from './draft';
import { earliestFullStart, partialSlot, PlanState, rakeCost, rakeProblem } from './plan-state';
import {
  carries,
  handlingRate,
  key,
  lateDays,
  latenessRate,
  railAllowed,
  roadAllowed,
  roadTonneCost,
  unservedTonneCost,
  type Order,
  type Prep,
} from './prep';
import {
  MIN_SAVING_RS,
  openDests,
  openOrders,
  twoPointBoundRs,
  twoPointCandidates,
  unservedByDest,
} from './open-tonnes';

/**
 * The single moves of the final improvement pass (improve.ts) and of the explanations
 * (explain.ts), each priced by the cost rules against the plan as it stands:
 * - `road`: a road lot for unserved tonnes (one order, one stockyard, one day);
 * - `rake`: a whole rake, on a rake the plan left idle, for unserved tonnes of one destination or
 *   two on a corridor, or for one destination's road lots;
 * - `fill`: unserved tonnes or a road lot's into a used rake's idle wagons (its own destinations,
 *   or a second one on its corridor, from unserved tonnes or road lots);
 * - `move`: an order's tonnes from one rake to another that serves its destination, or a road lot
 *   to a stockyard or day where it costs less;
 * - `reform`: a used rake with idle wagons unloaded and formed again as the best whole rake
 *   (`rake`) at any siding: other destinations, or another siding (reformMove).
 */
export type MoveKind = 'road' | 'rake' | 'fill' | 'move' | 'reform';

export { MIN_SAVING_RS } from './open-tonnes';

/** An improving (or merely priced) move: what it changes and what it saves [₹]. */
export interface Move {
  kind: MoveKind;
  savingRs: number;
  rakes: Array<{ rakeIdx: number; next: DraftRake | null }>;
  /** Road lots added, in order (negative tonnes: taken off an existing lot). */
  road?: DraftRoad[];
}

const cloneRake = (r: DraftRake): DraftRake => ({
  ...r,
  lines: r.lines.map((l) => ({ ...l, sources: new Map(l.sources) })),
});

/** A copy of rake `r` with `draws` added to order `orderId`'s line (a new line if it has none). */
function withDraws(r: DraftRake, orderId: string, draws: Map<string, number>, pccT: number): DraftRake {
  const next = cloneRake(r);
  const line = next.lines.find((l) => l.orderId === orderId);
  if (line) for (const [y, x] of draws) line.sources.set(y, (line.sources.get(y) ?? 0) + x);
  else next.lines.push({ orderId, wagons: 0, sources: new Map(draws) });
  const l = line ?? next.lines[next.lines.length - 1]!;
  l.wagons = Math.ceil(lineTonnes(l) / pccT - 1e-9);
  return next;
}

/**
 * Take up to `t` t of `o` for a rake at `lp` from the stockyards it serves (most stock first),
 * beyond what `reserved` already holds there. Returns the draws.
 */
function drawAt(
  st: PlanState,
  lpYards: readonly string[],
  o: Order,
  t: number,
  reserved?: Map<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  const yards = lpYards
    .map((y) => ({ y, st: st.stock(y, o.product) - (reserved?.get(key(y, o.product)) ?? 0) }))
    .filter((x) => x.st > 1e-6)
    .sort((a, b) => b.st - a.st);
  for (const { y, st: have } of yards) {
    if (t <= 1e-9) break;
    const d = Math.min(have, t);
    out.set(y, d);
    t -= d;
  }
  return out;
}

const sumMap = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** The road lot for unserved tonnes of `o` from `y` on `day`, priced; null when no rule allows one. */
export function roadMove(st: PlanState, o: Order, y: string, day: number): Move | null {
  const p = st.p;
  const u = st.unserved(o);
  if (u <= 1e-6 || !roadAllowed(p, o)) return null;
  const t = Math.min(u, st.roadCapLeft(y, day), st.stock(y, o.product));
  if (t <= 1e-6) return null;
  if (!o.splittable && ((st.shipments.get(o.id) ?? 0) > 0 || t < o.quantityT - 1e-6)) return null;
  return {
    kind: 'road',
    savingRs: t * (unservedTonneCost(p, o) - roadTonneCost(p, o, y, day)),
    rakes: [],
    road: [{ orderId: o.id, stockyard: y, day, tonnes: t }],
  };
}

/**
 * Road lot `lot` moved to stockyard `y` on `day` (all of it, or of a splittable order as much as
 * that yard's stock and road capacity take), where a tonne's road freight and lateness cost less;
 * priced, or null.
 */
export function roadShiftMove(st: PlanState, lot: DraftRoad, y: string, day: number): Move | null {
  const p = st.p;
  if (lot.tonnes <= 1e-6 || (y === lot.stockyard && day === lot.day)) return null;
  const o = p.orderById.get(lot.orderId)!;
  // The lot's own stock is freed when it stays at its yard; another day's capacity is not its own.
  const stock = st.stock(y, o.product) + (y === lot.stockyard ? lot.tonnes : 0);
  const t = Math.min(lot.tonnes, st.roadCapLeft(y, day), stock);
  if (t <= 1e-6 || (!o.splittable && t < lot.tonnes - 1e-6)) return null;
  return {
    kind: 'move',
    savingRs: t * (roadTonneCost(p, o, lot.stockyard, lot.day) - roadTonneCost(p, o, y, day)),
    rakes: [],
    road: [
      { ...lot, tonnes: -t },
      { orderId: o.id, stockyard: y, day, tonnes: t },
    ],
  };
}

/** `o`'s unserved tonnes into rake `rakeIdx`'s idle wagons (as many as fit), priced; null when none fit. */
export function fillMove(st: PlanState, rakeIdx: number, o: Order): Move | null {
  const p = st.p;
  const r = st.rakes.get(rakeIdx);
  if (!r) return null;
  const u = st.unserved(o);
  if (u <= 1e-6 || !railAllowed(o)) return null;
  const pr = p.rakes[rakeIdx]!;
  if (!carries(p, pr.rake.wagonType, o.product)) return null;
  if (!r.lines.some((l) => p.orderById.get(l.orderId)!.destination === o.destination)) return null;
  const line = r.lines.find((l) => l.orderId === o.id);
  const lineT = line ? lineTonnes(line) : 0;
  const others = r.lines.reduce((a, l) => a + (l === line ? 0 : l.wagons), 0);
  const room = (pr.rake.wagons - others) * pr.pccT - lineT;
  const lp = p.lps.get(r.lp)!;
  const draws = drawAt(st, lp.stockyards, o, Math.min(u, room));
  const t = sumMap(draws);
  if (t <= 1e-6) return null;
  if (!o.splittable && ((st.shipments.get(o.id) ?? 0) > 0 || t < o.quantityT - 1e-6)) return null;
  const next = withDraws(r, o.id, draws, pr.pccT);
  if (rakeProblem(st, next)) return null;
  return {
    kind: 'fill',
    savingRs: t * unservedTonneCost(p, o) + rakeCost(p, r) - rakeCost(p, next),
    rakes: [{ rakeIdx, next }],
  };
}

/**
 * A road lot's tonnes (as many as fit) into rake `rakeIdx`'s idle wagons, which serve the lot's
 * destination, drawn from the siding's stockyards (the lot's stock is freed): the rake's freight
 * on its idle wagons is paid already. Priced, or null.
 */
export function roadToRailMove(st: PlanState, rakeIdx: number, lot: DraftRoad): Move | null {
  const p = st.p;
  const r = st.rakes.get(rakeIdx);
  if (!r || lot.tonnes <= 1e-6) return null;
  const o = p.orderById.get(lot.orderId)!;
  const pr = p.rakes[rakeIdx]!;
  if (!railAllowed(o) || !carries(p, pr.rake.wagonType, o.product)) return null;
  if (!r.lines.some((l) => p.orderById.get(l.orderId)!.destination === o.destination)) return null;
  const line = r.lines.find((l) => l.orderId === o.id);
  // An unsplittable order's one shipment is this lot: all of it moves, onto a rake not carrying it.
  if (!o.splittable && line) return null;
  const others = r.lines.reduce((a, l) => a + (l === line ? 0 : l.wagons), 0);
  const room = (pr.rake.wagons - others) * pr.pccT - (line ? lineTonnes(line) : 0);
  const want = Math.min(lot.tonnes, room);
  if (want <= 1e-6 || (!o.splittable && want < lot.tonnes - 1e-6)) return null;
  // The lot's yard gets back what the lot no longer takes (all of `want` whenever the siding serves it).
  const freed = new Map([[key(lot.stockyard, o.product), -want]]);
  const draws = drawAt(st, p.lps.get(r.lp)!.stockyards, o, want, freed);
  const t = sumMap(draws);
  if (t <= 1e-6 || (!o.splittable && t < lot.tonnes - 1e-6)) return null;
  const next = withDraws(r, o.id, draws, pr.pccT);
  if (rakeProblem(st, next)) return null;
  return {
    kind: 'fill',
    savingRs: t * roadTonneCost(p, o, lot.stockyard, lot.day) + rakeCost(p, r) - rakeCost(p, next),
    rakes: [{ rakeIdx, next }],
    road: [{ ...lot, tonnes: -t }],
  };
}

/**
 * The line of order `orderId` on rake `from` moved (all of it, or as much as fits) to rake `to`,
 * which already serves its destination, drawing from the same stockyards; priced, or null.
 */
export function moveMove(st: PlanState, from: number, orderId: string, to: number): Move | null {
  const p = st.p;
  const a = st.rakes.get(from);
  const b = st.rakes.get(to);
  if (!a || !b || from === to) return null;
  const o = p.orderById.get(orderId)!;
  const line = a.lines.find((l) => l.orderId === orderId);
  if (!line) return null;
  const pb = p.rakes[to]!;
  if (!carries(p, pb.rake.wagonType, o.product)) return null;
  if (!b.lines.some((l) => p.orderById.get(l.orderId)!.destination === o.destination)) return null;
  const lpB = p.lps.get(b.lp)!;
  const bLine = b.lines.find((l) => l.orderId === orderId);
  const bLineT = bLine ? lineTonnes(bLine) : 0;
  const others = b.lines.reduce((x, l) => x + (l === bLine ? 0 : l.wagons), 0);
  const room = (pb.rake.wagons - others) * pb.pccT - bLineT;
  const movable = [...line.sources].filter(([y]) => lpB.stockyards.includes(y));
  const t = Math.min(
    room,
    movable.reduce((x, [, v]) => x + v, 0),
  );
  const whole = lineTonnes(line);
  if (t <= 1e-6) return null;
  if (!o.splittable && t < whole - 1e-6) return null;
  const moved = new Map<string, number>();
  let left = t;
  for (const [y, v] of movable) {
    if (left <= 1e-9) break;
    const d = Math.min(v, left);
    moved.set(y, d);
    left -= d;
  }
  const nextA = cloneRake(a);
  const la = nextA.lines.find((l) => l.orderId === orderId)!;
  for (const [y, d] of moved) la.sources.set(y, la.sources.get(y)! - d);
  for (const [y, v] of la.sources) if (v <= 1e-9) la.sources.delete(y);
  const restA = lineTonnes(la);
  if (restA <= 1e-6) nextA.lines = nextA.lines.filter((l) => l !== la);
  else la.wagons = Math.ceil(restA / p.rakes[from]!.pccT - 1e-9);
  const nextB = cloneRake(b);
  const lb = nextB.lines.find((l) => l.orderId === orderId);
  if (lb) {
    for (const [y, d] of moved) lb.sources.set(y, (lb.sources.get(y) ?? 0) + d);
    lb.wagons = Math.ceil(lineTonnes(lb) / pb.pccT - 1e-9);
  } else nextB.lines.push({ orderId, wagons: Math.ceil(t / pb.pccT - 1e-9), sources: moved });
  const aEmpty = nextA.lines.length === 0;
  if (!aEmpty && rakeProblem(st, nextA)) return null;
  // B's loading grows: it is checked against the siding as it will be (A's new interval included).
  if (rakeProblem(st, nextB, { rakeIdx: from, next: aEmpty ? null : nextA })) return null;
  const saving = rakeCost(p, a) + rakeCost(p, b) - (aEmpty ? 0 : rakeCost(p, nextA)) - rakeCost(p, nextB);
  return {
    kind: 'move',
    savingRs: saving,
    rakes: [
      { rakeIdx: from, next: aEmpty ? null : nextA },
      { rakeIdx: to, next: nextB },
    ],
  };
}

/**
 * Lines of `dest`'s open orders (among `candidates`) for rake `rakeIdx` at siding `lp`, most
 * valuable per tonne first (what leaving a tonne costs less its handling and lateness, for a
 * loading ending at `endH`), as long as each adds value, in at most `wagons` wagons; `reserved`
 * holds (and is updated with) stock other lines of the same loading draw.
 */
function openLines(
  st: PlanState,
  rakeIdx: number,
  lp: { code: string; stockyards: readonly string[]; wagonTypes: readonly string[] },
  dest: string,
  candidates: readonly Order[],
  endH: number,
  wagons: number,
  reserved: Map<string, number>,
): DraftLine[] {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const open = openOrders(st, candidates, pr.rake.wagonType, lp, dest).orders;
  if (open.length === 0) return [];
  const d = p.dests.get(dest)!;
  const handling = handlingRate(p, p.lps.get(lp.code)!);
  const ranked = open
    .map((o) => ({
      o,
      v:
        unservedTonneCost(p, o) -
        handling -
        lateDays(endH + d.railTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority),
    }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v || a.o.id.localeCompare(b.o.id));
  const lines: DraftLine[] = [];
  for (const { o } of ranked) {
    if (wagons <= 0) break;
    const draws = drawAt(st, lp.stockyards, o, Math.min(st.unserved(o), wagons * pr.pccT), reserved);
    const t = sumMap(draws);
    if (t <= 1e-6 || (!o.splittable && t < o.quantityT - 1e-6)) continue;
    for (const [y, x] of draws) reserved.set(key(y, o.product), (reserved.get(key(y, o.product)) ?? 0) + x);
    const w = Math.ceil(t / pr.pccT - 1e-9);
    lines.push({ orderId: o.id, wagons: w, sources: draws });
    wagons -= w;
  }
  return lines;
}

/** Wagons the lines fill. */
export const wagonsOf = (lines: readonly DraftLine[]) => lines.reduce((a, l) => a + l.wagons, 0);

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
 * Lines of `dest` from road lots (`lots`) for rake `rakeIdx` at `lp`, most valuable tonnes first, in
 * at most `wagons` wagons, drawn from the siding's stockyards (the lots' stock freed): a lot's tonne
 * is worth its road freight and lateness less handling and its lateness by rail for a loading ending
 * at `endH`. With the lots taken off (negative tonnes) and the road freight and lateness they cost.
 */
function linesFromLots(
  st: PlanState,
  rakeIdx: number,
  lp: { code: string; stockyards: readonly string[] },
  dest: string,
  lots: readonly DraftRoad[],
  endH: number,
  wagons: number,
): { lines: DraftLine[]; off: DraftRoad[]; roadRs: number } {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const d = p.dests.get(dest)!;
  const handling = handlingRate(p, p.lps.get(lp.code)!);
  const ranked = lots
    .map((lot) => ({ lot, o: p.orderById.get(lot.orderId)! }))
    .filter(({ lot, o }) => lot.tonnes > 1e-6 && railAllowed(o) && carries(p, pr.rake.wagonType, o.product))
    .map((x) => ({
      ...x,
      v:
        roadTonneCost(p, x.o, x.lot.stockyard, x.lot.day) -
        handling -
        lateDays(endH + d.railTransitH, p.dueH.get(x.o.id)!) * latenessRate(p, x.o.priority),
    }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v || a.lot.orderId.localeCompare(b.lot.orderId));
  // Stock drawn by the new lines (positive) and freed by the lots taken off (negative).
  const reserved = new Map<string, number>();
  const lines = new Map<string, DraftLine>();
  const off: DraftRoad[] = [];
  let roadRs = 0;
  for (const { lot, o } of ranked) {
    const line = lines.get(o.id);
    const lineT = line ? lineTonnes(line) : 0;
    const others = [...lines.values()].reduce((a, l) => a + (l === line ? 0 : l.wagons), 0);
    const want = Math.min(lot.tonnes, (wagons - others) * pr.pccT - lineT);
    // An unsplittable order's one shipment is its lot: all of it moves.
    if (want <= 1e-6 || (!o.splittable && want < lot.tonnes - 1e-6)) continue;
    const k = key(lot.stockyard, o.product);
    const freed = new Map(reserved);
    freed.set(k, (freed.get(k) ?? 0) - want);
    const draws = drawAt(st, lp.stockyards, o, want, freed);
    const t = sumMap(draws);
    if (t <= 1e-6 || (!o.splittable && t < lot.tonnes - 1e-6)) continue;
    reserved.set(k, (reserved.get(k) ?? 0) - t);
    for (const [y, x] of draws) reserved.set(key(y, o.product), (reserved.get(key(y, o.product)) ?? 0) + x);
    const grown = line ?? { orderId: o.id, wagons: 0, sources: new Map<string, number>() };
    for (const [y, x] of draws) grown.sources.set(y, (grown.sources.get(y) ?? 0) + x);
    grown.wagons = Math.ceil(lineTonnes(grown) / pr.pccT - 1e-9);
    lines.set(o.id, grown);
    off.push({ ...lot, tonnes: -t });
    roadRs += t * roadTonneCost(p, o, lot.stockyard, lot.day);
  }
  return { lines: [...lines.values()], off, roadRs };
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

/** Apply a move; a road lot of negative tonnes takes that much off the lot. */
export function applyMove(st: PlanState, m: Move): void {
  for (const { rakeIdx, next } of m.rakes) st.setRake(rakeIdx, next);
  for (const d of m.road ?? []) st.addRoad(d);
}
