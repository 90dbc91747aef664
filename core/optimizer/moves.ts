import { lineTonnes, type DraftLine, type DraftRake, type DraftRoad } from './draft';
import { earliestFullStart, PlanState, rakeCost, rakeProblem } from './plan-state';
import {
  carries,
  handlingRate,
  key,
  lateDays,
  latenessRate,
  railAllowed,
  railRate,
  roadAllowed,
  roadTonneCost,
  unservedTonneCost,
  type Order,
} from './prep';

/**
 * The single moves of the final improvement pass (improve.ts) and of the explanations
 * (explain.ts), each priced by the cost rules against the plan as it stands:
 * - `road`: a road lot for unserved tonnes (one order, one stockyard, one day);
 * - `rake`: a whole single-destination rake, on a rake the plan left idle, for unserved tonnes;
 * - `fill`: unserved tonnes into a used rake's idle wagons (its own destinations);
 * - `move`: an order's tonnes from one rake to another that serves its destination.
 */
export type MoveKind = 'road' | 'rake' | 'fill' | 'move';

/** A move must save at least this much [₹]: plan figures are rounded to the paisa. */
export const MIN_SAVING_RS = 1;

/** An improving (or merely priced) move: what it changes and what it saves [₹]. */
export interface Move {
  kind: MoveKind;
  savingRs: number;
  rakes: Array<{ rakeIdx: number; next: DraftRake | null }>;
  road?: DraftRoad;
}

const cloneRake = (r: DraftRake): DraftRake => ({
  ...r,
  lines: r.lines.map((l) => ({ ...l, sources: new Map(l.sources) })),
});

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
    road: { orderId: o.id, stockyard: y, day, tonnes: t },
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
  const next = cloneRake(r);
  const nl = next.lines.find((l) => l.orderId === o.id);
  if (nl) {
    for (const [y, x] of draws) nl.sources.set(y, (nl.sources.get(y) ?? 0) + x);
    nl.wagons = Math.ceil(lineTonnes(nl) / pr.pccT - 1e-9);
  } else next.lines.push({ orderId: o.id, wagons: Math.ceil(t / pr.pccT - 1e-9), sources: draws });
  if (rakeProblem(st, next)) return null;
  return {
    kind: 'fill',
    savingRs: t * unservedTonneCost(p, o) + rakeCost(p, r) - rakeCost(p, next),
    rakes: [{ rakeIdx, next }],
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
 * A whole rake for one destination on the idle rake `rakeIdx` at siding `lpCode`: its unserved
 * orders there that the wagons carry, most valuable per tonne first (what leaving a tonne costs
 * less its handling and lateness), as long as each adds value; priced, or null.
 */
export function rakeMove(
  st: PlanState,
  rakeIdx: number,
  lpCode: string,
  dest: string,
  candidates: readonly Order[],
): Move | null {
  const p = st.p;
  if (st.rakes.has(rakeIdx)) return null;
  const pr = p.rakes[rakeIdx]!;
  const lp = p.lps.get(lpCode)!;
  if (!lp.wagonTypes.includes(pr.rake.wagonType)) return null;
  const start = earliestFullStart(st, rakeIdx, lpCode);
  if (start === null) return null;
  const open = openOrders(st, candidates, pr.rake.wagonType, lp, dest);
  if (open.length === 0) return null;
  const d = p.dests.get(dest)!;
  const endFull = start + pr.capT / lp.loadingRateTph;
  const handling = handlingRate(p, lp);
  const ranked = open
    .map((o) => ({
      o,
      v:
        unservedTonneCost(p, o) -
        handling -
        lateDays(endFull + d.railTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority),
    }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v || a.o.id.localeCompare(b.o.id));
  const lines: DraftLine[] = [];
  const reserved = new Map<string, number>();
  let wagonsLeft = pr.rake.wagons;
  for (const { o } of ranked) {
    if (wagonsLeft <= 0) break;
    const draws = drawAt(st, lp.stockyards, o, Math.min(st.unserved(o), wagonsLeft * pr.pccT), reserved);
    const t = sumMap(draws);
    if (t <= 1e-6 || (!o.splittable && t < o.quantityT - 1e-6)) continue;
    for (const [y, x] of draws) reserved.set(key(y, o.product), (reserved.get(key(y, o.product)) ?? 0) + x);
    const w = Math.ceil(t / pr.pccT - 1e-9);
    lines.push({ orderId: o.id, wagons: w, sources: draws });
    wagonsLeft -= w;
  }
  if (lines.length === 0) return null;
  const next: DraftRake = { rakeIdx, lp: lpCode, startH: start, lines };
  if (rakeProblem(st, next)) return null;
  const leave = lines.reduce((a, l) => a + lineTonnes(l) * unservedTonneCost(p, p.orderById.get(l.orderId)!), 0);
  return { kind: 'rake', savingRs: leave - rakeCost(p, next), rakes: [{ rakeIdx, next }] };
}

const openCache = new WeakMap<
  readonly Order[],
  { st: PlanState; version: number; byKey: Map<string, readonly Order[]> }
>();

/**
 * The unserved orders among `candidates` a whole rake of `wagonType` at `lp` could take for
 * `dest`: rail allowed, carried by the wagons, not yet shipped if unsplittable, with stock at a
 * stockyard the siding serves; dearest to leave first. Shared by every idle rake of that wagon
 * type until the plan changes (a sweep prices each idle rake at every siding for every destination).
 */
function openOrders(
  st: PlanState,
  candidates: readonly Order[],
  wagonType: string,
  lp: { code: string; stockyards: readonly string[] },
  dest: string,
): readonly Order[] {
  let c = openCache.get(candidates);
  if (!c || c.st !== st || c.version !== st.version)
    openCache.set(candidates, (c = { st, version: st.version, byKey: new Map() }));
  const k = `${wagonType}|${lp.code}|${dest}`;
  let open = c.byKey.get(k);
  if (!open) {
    const p = st.p;
    const list = candidates.filter(
      (o) =>
        o.destination === dest &&
        railAllowed(o) &&
        carries(p, wagonType, o.product) &&
        st.unserved(o) > 1e-6 &&
        (o.splittable || (st.shipments.get(o.id) ?? 0) === 0) &&
        lp.stockyards.some((y) => st.stock(y, o.product) > 1e-6),
    );
    const leave = new Map(list.map((o) => [o, unservedTonneCost(p, o)]));
    open = list.sort((a, b) => leave.get(b)! - leave.get(a)!);
    c.byKey.set(k, open);
  }
  return open;
}

/**
 * Whether a whole rake for `dest` on idle rake `rakeIdx` at `lpCode` could save anything: its
 * saving is at most what leaving its best capacity's worth of open tonnes costs, less handling,
 * against freight on the full rake at the destination's rate (rakeCost never charges less). Most
 * (rake, siding, destination) triples of a sweep fail it, and rakeMove prices none of those.
 */
export function rakeMayPay(
  st: PlanState,
  rakeIdx: number,
  lpCode: string,
  dest: string,
  candidates: readonly Order[],
): boolean {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const lp = p.lps.get(lpCode)!;
  const handling = handlingRate(p, lp);
  let room = pr.capT;
  let gain = -pr.capT * railRate(p, p.dests.get(dest)!);
  for (const o of openOrders(st, candidates, pr.rake.wagonType, lp, dest)) {
    const v = unservedTonneCost(p, o) - handling;
    if (room <= 1e-9 || v <= 0) break;
    const t = Math.min(room, st.unserved(o));
    gain += t * v;
    room -= t;
  }
  return gain >= MIN_SAVING_RS;
}

export function applyMove(st: PlanState, m: Move): void {
  for (const { rakeIdx, next } of m.rakes) st.setRake(rakeIdx, next);
  if (m.road) st.addRoad(m.road);
}
