import { lineTonnes, type Draft, type DraftRake, type DraftRoad } from './draft';
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
  roadCapacity,
  type Order,
  type Prep,
} from './prep';

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
  /** partialSlot by `rake|siding`, cleared with startCache. */
  readonly partialCache = new Map<string, { start: number; maxT: number } | null>();
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
    this.partialCache.clear();
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

  /** Add a road lot, or merge it into the same order's lot from that yard that day (negative tonnes take off it). */
  addRoad(d: DraftRoad): void {
    const same = this.road.find((x) => x.orderId === d.orderId && x.stockyard === d.stockyard && x.day === d.day);
    if (same) {
      this.takeRoad(same, -1);
      same.tonnes += d.tonnes;
      // A lot taken off in full is no shipment any more.
      if (same.tonnes > 1e-6) this.takeRoad(same, 1);
      else this.road.splice(this.road.indexOf(same), 1);
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

/**
 * Where no full loading of rake `rakeIdx` fits at `lpCode` (placed near the horizon's end, a
 * shift's end or a busy siding's next rake), the start that lets it load the most, and that most
 * [t], whole wagons; null when not one wagon fits. DOMAIN.md asks only that the loading itself
 * (load ÷ rate) fit, so a part-loaded rake is a plan the checker passes.
 */
export function partialSlot(st: PlanState, rakeIdx: number, lpCode: string): { start: number; maxT: number } | null {
  const k = `${rakeIdx}|${lpCode}`;
  let v = st.partialCache.get(k);
  if (v === undefined) {
    v = earliestFullStart(st, rakeIdx, lpCode) === null ? partialSlotOf(st, rakeIdx, lpCode) : null;
    st.partialCache.set(k, v);
  }
  return v;
}

function partialSlotOf(st: PlanState, rakeIdx: number, lpCode: string): { start: number; maxT: number } | null {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const lp = p.lps.get(lpCode)!;
  const rate = lp.loadingRateTph;
  const wagonH = pr.pccT / rate;
  const others = st.intervals(lpCode, rakeIdx);
  const from = Math.max(0, pr.placeH);
  const fits = (s: number, d: number) =>
    s + d <= p.horizonH + 1e-9 && inWorkingHours(p, lp, s, s + d) && sidingFits(lp.maxRakes, others, s, s + d);
  let best: { start: number; wagons: number } | null = null;
  for (const c0 of [from, ...others.map(([, e]) => e).filter((e) => e > from)]) {
    const s = nextWorkingStart(p, lp, c0, wagonH);
    if (s === null || !fits(s, wagonH + 1 / 60)) continue;
    // Whole wagons: the most that fit from s (fitting is monotone in the loading's length).
    let lo = 1;
    let hi = pr.rake.wagons;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(s, mid * wagonH + 1 / 60)) lo = mid;
      else hi = mid - 1;
    }
    if (!best || lo > best.wagons) best = { start: s, wagons: lo };
  }
  return best && { start: best.start, maxT: best.wagons * pr.pccT };
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
