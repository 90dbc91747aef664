import { lineTonnes, type DraftRake, type DraftRoad } from './draft';
import { PlanState, rakeCost, rakeProblem } from './plan-state';
import { carries, key, railAllowed, roadAllowed, roadTonneCost, unservedTonneCost, type Order } from './prep';
import { cloneRake, drawAt, sumMap, withDraws } from './rake-lines';

/**
 * The single moves of the final improvement pass (improve.ts) and of the explanations
 * (explain.ts, idle-rakes.ts), each priced by the cost rules against the plan as it stands:
 * - `road`: a road lot for unserved tonnes (one order, one stockyard, one day);
 * - `rake`: a whole rake, on a rake the plan left idle, for unserved tonnes of one destination or
 *   two on a corridor, or for one destination's road lots;
 * - `fill`: unserved tonnes or a road lot's into a used rake's idle wagons (its own destinations,
 *   or a second one on its corridor, from unserved tonnes or road lots);
 * - `move`: an order's tonnes from one rake to another that serves its destination, or a road lot
 *   to a stockyard or day where it costs less;
 * - `reform`: a used rake with idle wagons unloaded and formed again as the best whole rake
 *   (`rake`) at any siding: other destinations, or another siding (reformMove).
 * The whole-rake moves (`rake`, a second destination's `fill`, `reform`) are in rake-moves.ts.
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

/** Apply a move; a road lot of negative tonnes takes that much off the lot. */
export function applyMove(st: PlanState, m: Move): void {
  for (const { rakeIdx, next } of m.rakes) st.setRake(rakeIdx, next);
  for (const d of m.road ?? []) st.addRoad(d);
}
