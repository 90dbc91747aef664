import { deadlinePassed, type Deadline } from './deadline';
import { lineTonnes, type Draft, type DraftLine, type DraftRake, type DraftRoad } from './draft';
import {
  asWritten,
  carries,
  handlingRate,
  inWorkingHours,
  key,
  lateDays,
  latenessRate,
  nextWorkingStart,
  railAllowed,
  railRate,
  roadAllowed,
  roadCapacity,
  roadTonneCost,
  unservedTonneCost,
  type Order,
  type Prep,
} from './prep';

/**
 * The final improvement pass: single moves on a finished plan, each priced by the cost rules and
 * kept only when it makes the plan cheaper and keeps every rule. It runs on whatever plan the
 * solver (or a heuristic) returns, so a plan cut short by a busy machine still gets the money a
 * planner would pick up by hand:
 * - `road`: a road lot for unserved tonnes (one order, one stockyard, one day);
 * - `rake`: a whole single-destination rake, on a rake the plan left idle, for unserved tonnes;
 * - `fill`: unserved tonnes into a used rake's idle wagons (its own destinations);
 * - `move`: an order's tonnes from one rake to another that serves its destination.
 * The pass repeats until a full sweep finds no improving move (or the deadline passes), so after
 * it no single move of these kinds improves the plan.
 */
export type MoveKind = 'road' | 'rake' | 'fill' | 'move';

export interface ImproveResult {
  draft: Draft;
  moves: Record<MoveKind, number>;
  /** Cost before − cost after [₹], as the cost rules price the plan. */
  savedRs: number;
  /** Whether the last sweep found no improving move (false: stopped at the deadline). */
  complete: boolean;
}

/** A move must save at least this much [₹]: plan figures are rounded to the paisa. */
export const MIN_SAVING_RS = 1;

/** Cost of one rake's loading by the cost rules (build-plan.ts prices the same way) [₹]. */
export function rakeCost(p: Prep, r: DraftRake): number {
  const lines = r.lines.filter((l) => lineTonnes(l) > 1e-6);
  if (lines.length === 0) return 0;
  const pr = p.rakes[r.rakeIdx]!;
  const lp = p.lps.get(r.lp)!;
  const c = p.sc.costs;
  const load = lines.reduce((a, l) => a + lineTonnes(l), 0);
  const endH = asWritten(p, r.startH + load / lp.loadingRateTph);
  const dests = new Set<string>();
  let cost = 0;
  let maxRate = 0;
  for (const l of lines) {
    const o = p.orderById.get(l.orderId)!;
    const dest = p.dests.get(o.destination)!;
    const t = lineTonnes(l);
    const rate = railRate(p, dest);
    dests.add(dest.code);
    maxRate = Math.max(maxRate, rate);
    cost += t * (rate + lateDays(endH + dest.railTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority));
  }
  cost += Math.max(0, pr.capT - load) * maxRate + c.twoPointSurchargeRs * (dests.size - 1);
  cost += pr.rake.wagons * Math.max(0, endH - pr.placeH - c.freeTimeH) * c.demurrageRsPerWagonH;
  return cost + load * handlingRate(p, lp);
}

/** Loading end of a rake [h], as the plan writes it. */
export function rakeEndH(p: Prep, r: DraftRake): number {
  const load = r.lines.reduce((a, l) => a + lineTonnes(l), 0);
  return asWritten(p, r.startH + load / p.lps.get(r.lp)!.loadingRateTph);
}

/**
 * What a plan uses, kept up to date as moves apply: stock and road capacity left, tonnes shipped
 * and shipments per order, and every rake's loading interval per siding.
 */
export class PlanState {
  readonly rakes = new Map<number, DraftRake>();
  readonly road: DraftRoad[] = [];
  readonly stockLeft: Map<string, number>;
  readonly roadLeft = new Map<string, number>();
  readonly shipped = new Map<string, number>();
  readonly shipments = new Map<string, number>();
  /** earliestFullStart by `rake|siding`, cleared whenever a rake's loading changes. */
  readonly startCache = new Map<string, number | null>();
  /** Counts every change to stock or shipments: what is derived from them is valid for one version. */
  version = 0;
  /** Loading intervals by siding, with their rakes, cleared whenever a rake's loading changes. */
  private readonly byLp = new Map<string, Array<[number, number, number]>>();

  constructor(
    readonly p: Prep,
    draft: Draft,
  ) {
    this.stockLeft = new Map(p.stock);
    for (const r of draft.rakes) {
      const lines = r.lines.filter((l) => lineTonnes(l) > 1e-6).map((l) => ({ ...l, sources: new Map(l.sources) }));
      if (lines.length) this.rakes.set(r.rakeIdx, { ...r, lines });
    }
    for (const r of this.rakes.values()) for (const l of r.lines) this.take(l.orderId, l.sources, 1);
    for (const d of draft.road) {
      if (d.tonnes <= 1e-6) continue;
      this.road.push({ ...d });
      this.takeRoad(d, 1);
    }
  }

  private take(orderId: string, sources: Map<string, number>, sign: 1 | -1): void {
    const prod = this.p.orderById.get(orderId)!.product;
    this.version++;
    let t = 0;
    for (const [y, x] of sources) {
      this.stockLeft.set(key(y, prod), (this.stockLeft.get(key(y, prod)) ?? 0) - sign * x);
      t += x;
    }
    this.shipped.set(orderId, (this.shipped.get(orderId) ?? 0) + sign * t);
    this.shipments.set(orderId, (this.shipments.get(orderId) ?? 0) + sign);
  }

  private takeRoad(d: DraftRoad, sign: 1 | -1): void {
    const k = `${d.stockyard}|${d.day}`;
    this.roadLeft.set(k, this.roadCapLeft(d.stockyard, d.day) - sign * d.tonnes);
    this.take(d.orderId, new Map([[d.stockyard, d.tonnes]]), sign);
  }

  roadCapLeft(y: string, day: number): number {
    return this.roadLeft.get(`${y}|${day}`) ?? roadCapacity(this.p, y, day);
  }

  stock(y: string, product: string): number {
    return this.stockLeft.get(key(y, product)) ?? 0;
  }

  /** Tonnes of an order not shipped. */
  unserved(o: Order): number {
    return Math.max(0, o.quantityT - (this.shipped.get(o.id) ?? 0));
  }

  /** Replace rake `rakeIdx`'s loading (null: the rake goes unused). */
  setRake(rakeIdx: number, next: DraftRake | null): void {
    this.startCache.clear();
    this.byLp.clear();
    const old = this.rakes.get(rakeIdx);
    if (old) for (const l of old.lines) this.take(l.orderId, l.sources, -1);
    this.rakes.delete(rakeIdx);
    const lines = next?.lines.filter((l) => lineTonnes(l) > 1e-6) ?? [];
    if (next && lines.length) {
      this.rakes.set(rakeIdx, { ...next, lines });
      for (const l of lines) this.take(l.orderId, l.sources, 1);
    }
  }

  addRoad(d: DraftRoad): void {
    const same = this.road.find((x) => x.orderId === d.orderId && x.stockyard === d.stockyard && x.day === d.day);
    if (same) {
      this.takeRoad(same, -1);
      same.tonnes += d.tonnes;
      this.takeRoad(same, 1);
    } else {
      this.road.push({ ...d });
      this.takeRoad(d, 1);
    }
  }

  /** Loading intervals at a siding, without rake `except`, with `instead` in place of that rake's loading. */
  intervals(
    lp: string,
    except: number,
    instead?: { rakeIdx: number; next: DraftRake | null },
  ): Array<[number, number]> {
    if (!instead) {
      let all = this.byLp.get(lp);
      if (!all) {
        all = [...this.rakes.values()]
          .filter((r) => r.lp === lp)
          .map((r) => [r.startH, rakeEndH(this.p, r), r.rakeIdx]);
        this.byLp.set(lp, all);
      }
      return all.filter(([, , i]) => i !== except).map(([a, b]) => [a, b]);
    }
    const out: Array<[number, number]> = [];
    for (const r0 of this.rakes.values()) {
      const r = instead && r0.rakeIdx === instead.rakeIdx ? instead.next : r0;
      if (r && r.lp === lp && r.rakeIdx !== except) out.push([r.startH, rakeEndH(this.p, r)]);
    }
    if (instead?.next && !this.rakes.has(instead.rakeIdx) && instead.next.lp === lp && instead.rakeIdx !== except)
      out.push([instead.next.startH, rakeEndH(this.p, instead.next)]);
    return out;
  }

  draft(): Draft {
    return {
      rakes: [...this.rakes.values()].sort((a, b) => a.startH - b.startH),
      road: this.road.filter((d) => d.tonnes > 1e-6),
    };
  }
}

/** Does [s, e) keep the siding within its rake limit, given the other loadings there? */
export function sidingFits(maxRakes: number, others: Array<[number, number]>, s: number, e: number): boolean {
  const over = others.filter(([a, b]) => a < e - 1e-9 && b > s + 1e-9);
  const points = [s, ...over.map(([a]) => a).filter((a) => a > s)];
  return points.every((t) => over.filter(([a, b]) => a <= t + 1e-9 && b > t + 1e-9).length < maxRakes);
}

/**
 * Why a rake's loading breaks a rule, or null when it keeps every rule of DOMAIN.md (3–5) and
 * ends within the horizon. Stock and road are checked by the moves themselves.
 */
export function rakeProblem(
  st: PlanState,
  r: DraftRake,
  instead?: { rakeIdx: number; next: DraftRake | null },
): string | null {
  const p = st.p;
  const pr = p.rakes[r.rakeIdx]!;
  const lp = p.lps.get(r.lp)!;
  const c = p.sc.costs;
  if (!lp.wagonTypes.includes(pr.rake.wagonType)) return `${lp.code} cannot handle ${pr.rake.wagonType} wagons`;
  let wagons = 0;
  let load = 0;
  const byDest = new Map<string, number>();
  for (const l of r.lines) {
    const o = p.orderById.get(l.orderId)!;
    const t = lineTonnes(l);
    if (!railAllowed(o)) return `order ${o.id} may not go by rail`;
    if (!carries(p, pr.rake.wagonType, o.product)) return `${pr.rake.wagonType} wagons may not carry ${o.product}`;
    if (!Number.isInteger(l.wagons) || l.wagons < 1 || t > l.wagons * pr.pccT + 1e-6)
      return `order ${o.id}: ${t} t in ${l.wagons} wagons`;
    for (const y of l.sources.keys()) if (!lp.stockyards.includes(y)) return `${lp.code} does not serve ${y}`;
    wagons += l.wagons;
    load += t;
    byDest.set(o.destination, (byDest.get(o.destination) ?? 0) + l.wagons);
  }
  if (wagons > pr.rake.wagons) return `${wagons} wagons allotted, the rake has ${pr.rake.wagons}`;
  if (load > pr.capT + 1e-6) return 'over capacity';
  if (byDest.size > 2) return 'more than two destinations';
  if (byDest.size === 2) {
    const [a, b] = [...byDest.keys()].map((d) => p.dests.get(d)!);
    if (a!.corridor !== b!.corridor) return 'two destinations on different corridors';
    if ([...byDest.values()].some((n) => n < c.minWagonsPerDestination))
      return `fewer than ${c.minWagonsPerDestination} wagons for a destination of a two-point rake`;
  }
  if (r.startH < pr.placeH - 1e-6 || r.startH < -1e-6) return 'loading starts before placement';
  const endH = rakeEndH(p, r);
  if (endH > p.horizonH + 1e-6) return 'loading ends after the horizon';
  if (!inWorkingHours(p, lp, r.startH, endH)) return `outside ${lp.code}'s working hours`;
  if (!sidingFits(lp.maxRakes, st.intervals(lp.code, r.rakeIdx, instead), r.startH, endH))
    return `${lp.code} holds ${lp.maxRakes} rake(s) then`;
  return null;
}

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
 * Earliest start ≥ the rake's placement at which a full loading of `durH` h fits the siding's
 * working hours and rake limit and ends within the horizon; null when none.
 */
export function earliestFullStart(st: PlanState, rakeIdx: number, lpCode: string): number | null {
  const k = `${rakeIdx}|${lpCode}`;
  let v = st.startCache.get(k);
  if (v === undefined) {
    v = earliestFullStartOf(st, rakeIdx, lpCode);
    st.startCache.set(k, v);
  }
  return v;
}

function earliestFullStartOf(st: PlanState, rakeIdx: number, lpCode: string): number | null {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const lp = p.lps.get(lpCode)!;
  const dur = pr.capT / lp.loadingRateTph;
  const others = st.intervals(lpCode, rakeIdx);
  const from = Math.max(0, pr.placeH);
  const candidates = [from, ...others.map(([, e]) => e).filter((e) => e > from)].sort((a, b) => a - b);
  for (const c0 of candidates) {
    const s = nextWorkingStart(p, lp, c0, dur);
    if (s === null) return null;
    if (s + dur > p.horizonH + 1e-9) continue;
    if (inWorkingHours(p, lp, s, s + dur) && sidingFits(lp.maxRakes, others, s, s + dur)) return s;
  }
  return null;
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

/** Unserved orders by destination. */
function unservedByDest(st: PlanState): Map<string, Order[]> {
  const out = new Map<string, Order[]>();
  for (const o of st.p.orders) {
    if (st.unserved(o) <= 1e-6 || !st.p.dests.has(o.destination)) continue;
    const list = out.get(o.destination);
    if (list) list.push(o);
    else out.set(o.destination, [o]);
  }
  return out;
}

/** Every move of the four kinds on the plan as it stands, best first within each sweep step. */
function* sweep(st: PlanState): Generator<() => Move | null> {
  const p = st.p;
  // Road lots first: cheap to test, and they free no rail capacity others need.
  // Checked as the sweep reaches each order, rake or destination (the generator is lazy): only
  // their own moves change what is checked, and the moves check it again.
  for (const o of p.orders) {
    if (!roadAllowed(p, o) || st.unserved(o) <= 1e-6) continue;
    for (const y of p.stockyards.keys()) for (let d = 0; d < p.sc.horizon.days; d++) yield () => roadMove(st, o, y, d);
  }
  // Fill idle wagons of used rakes.
  for (const [dest, orders] of unservedByDest(st)) {
    for (const r of [...st.rakes.keys()]) {
      const rk = st.rakes.get(r);
      if (!rk?.lines.some((l) => p.orderById.get(l.orderId)!.destination === dest)) continue;
      for (const o of orders) yield () => fillMove(st, r, o);
    }
  }
  // Tonnes between rakes serving the same destination.
  for (const a of [...st.rakes.keys()]) {
    const lines = st.rakes.get(a)?.lines.map((l) => l.orderId) ?? [];
    for (const id of lines) for (const b of [...st.rakes.keys()]) if (b !== a) yield () => moveMove(st, a, id, b);
  }
  // Whole rakes on idle rakes.
  const byDest = unservedByDest(st);
  for (let r = 0; r < p.rakes.length; r++) {
    if (st.rakes.has(r)) continue;
    for (const lp of p.lps.values()) {
      if (!lp.wagonTypes.includes(p.rakes[r]!.rake.wagonType)) continue;
      for (const [dest, orders] of byDest)
        yield () => (rakeMayPay(st, r, lp.code, dest, orders) ? rakeMove(st, r, lp.code, dest, orders) : null);
    }
  }
}

/**
 * Improve a plan by single moves until none improves it or `deadline` passes. Each sweep applies
 * every improving move as it finds it (each priced against the plan as it then stands).
 */
export function improveDraft(p: Prep, draft: Draft, deadline?: Deadline): ImproveResult {
  const st = new PlanState(p, draft);
  const moves: Record<MoveKind, number> = { road: 0, rake: 0, fill: 0, move: 0 };
  let saved = 0;
  let complete = false;
  let n = 0;
  outer: for (let round = 0; round < 1000; round++) {
    let improved = false;
    for (const evaluate of sweep(st)) {
      if ((++n & 63) === 0 && deadlinePassed(deadline)) break outer;
      const m = evaluate();
      if (!m || m.savingRs < MIN_SAVING_RS) continue;
      applyMove(st, m);
      moves[m.kind]++;
      saved += m.savingRs;
      improved = true;
    }
    if (!improved) {
      complete = true;
      break;
    }
  }
  return { draft: { ...st.draft(), ...(draft.cut ? { cut: draft.cut } : {}) }, moves, savedRs: saved, complete };
}
