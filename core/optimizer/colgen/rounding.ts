import { key, unservedTonneCost, type Prep } from '../prep';
import { fillsEachDestination, patternCost, type OrderInfo, type Pattern, type RakeInfo } from './loading';
import type { Col } from './master-rows';

/** What rounding the master LP reads of the master. */
export interface LpPoint {
  p: Prep;
  orders: OrderInfo[];
  rakes: RakeInfo[];
  patterns: Pattern[];
  /** The LP's value of each pattern (index as `patterns`). */
  patternValues: Float64Array;
  /** The trucks the LP uses: master column, value, column (its first row the order's). */
  trucks: Array<{ j: number; value: number; col: Col; whole: boolean }>;
  rowUp: number[];
  rowIdx: Map<string, number>;
  /** A pattern's master column. */
  col: (pt: Pattern) => Col;
}

/** A rounded point: per rake its loading (a pattern index, or a new pattern cut to fit), the trucks' values, and the unserved tonnes per order. */
export interface RoundedPoint {
  loadings: Array<number | Pattern>;
  trucks: Map<number, number>;
  unserved: number[];
}

/**
 * A feasible point near the master LP's. Rakes by their largest loading value, each on its
 * largest loading that still fits the orders, stock, sidings and single shipments the ones before
 * it left; where none fits, its largest loading cut to what is left, when serving those tonnes
 * costs less than leaving them. Then the LP's trucks, largest first, as far as the rows hold
 * them (a whole truck only at a value of at least ½); the rest unserved.
 * Cutting and trucks matter on large after a dive: its LP spreads 99 rakes' worth over 117 rakes,
 * whole loadings alone placed 87 of them and left the trucks' tonnes unserved, and a MIP started
 * there found nothing cheaper at a low CPU share (bench/RESULTS.md).
 */
export function roundLp(m: LpPoint): RoundedPoint {
  const used = m.rowUp.map(() => 0);
  const room = (row: number) => m.rowUp[row]! - used[row]!;
  const fits = (c: Col) => c.rows.every((r, i) => c.vals[i]! <= room(r) + 1e-6);
  const take = (c: Col, times = 1) =>
    c.rows.forEach((r, i) => {
      used[r]! += times * c.vals[i]!;
    });
  const xv = m.patternValues;
  const byRake = new Map<number, number[]>();
  xv.forEach((v, k) => {
    if (v <= 1e-6) return;
    const r = m.patterns[k]!.r;
    const ks = byRake.get(r);
    if (ks) ks.push(k);
    else byRake.set(r, [k]);
  });
  const ranked = [...byRake.values()]
    .map((ks) => ks.sort((a, b) => xv[b]! - xv[a]!))
    .sort((a, b) => xv[b[0]!]! - xv[a[0]!]!);
  const loadings: Array<number | Pattern> = [];
  const byO = new Map(m.orders.map((oi) => [oi.o, oi]));
  const rakeOf = new Map(m.rakes.map((ri) => [ri.r, ri]));
  for (const ks of ranked) {
    const whole = ks.find((k) => fits(m.col(m.patterns[k]!)));
    if (whole !== undefined) {
      take(m.col(m.patterns[whole]!));
      loadings.push(whole);
      continue;
    }
    const cut = ks
      .map((k) => cutToFit(m, rakeOf.get(m.patterns[k]!.r)!, byO, m.patterns[k]!, room))
      .filter((c): c is { pt: Pattern; net: number } => c !== null && c.net < 0)
      .sort((a, b) => a.net - b.net)[0];
    if (!cut || !fits(m.col(cut.pt))) continue;
    take(m.col(cut.pt));
    loadings.push(cut.pt);
  }
  const trucks = new Map<number, number>();
  // A whole truck's value is a share of its order, a split one's tonnes: sorted by tonnes.
  const tonnes = (tr: LpPoint['trucks'][number]) => tr.value * tr.col.vals[0]!;
  for (const tr of [...m.trucks].sort((a, b) => tonnes(b) - tonnes(a))) {
    let t = tr.whole ? (tr.value >= 0.5 ? 1 : 0) : tr.value;
    tr.col.rows.forEach((r, i) => {
      t = Math.min(t, room(r) / tr.col.vals[i]!);
    });
    if (tr.whole ? t < 1 - 1e-9 : t <= 1e-6) continue;
    take(tr.col, t);
    trucks.set(tr.j, t);
  }
  const unserved = m.orders.map((oi) => Math.max(0, oi.q - used[m.rowIdx.get(`ord_${oi.o}`)!]!));
  return { loadings, trucks, unserved };
}

/**
 * Loading `pt` cut to what the rows have room for: each order's tonnes to what is left of it (an
 * unsplittable order whole or not at all), drawn from what is left at the siding's yards; a pair
 * of destinations that no longer fills the minimum wagons of each keeps the better one. With its
 * net: cost less the unserved cost of the tonnes it carries (below 0: it pays).
 */
function cutToFit(
  m: LpPoint,
  ri: RakeInfo,
  byO: Map<number, OrderInfo>,
  pt: Pattern,
  room: (row: number) => number,
): { pt: Pattern; net: number } | null {
  const slot = ri.slots.find((s) => s.lp === pt.lp && Math.abs(s.startH - pt.startH) < 1e-9);
  if (!slot) return null;
  const drawn = new Map<string, number>();
  const lines: Array<Pattern['lines'][number] & { from: Map<string, number> }> = [];
  for (const l of pt.lines) {
    const oi = byO.get(l.o)!;
    const single = m.rowIdx.get(`single_${oi.o}`);
    if (single !== undefined && room(single) < 1 - 1e-9) continue;
    const ys = ri.yards.get(pt.lp)?.get(oi.product) ?? [];
    const left = (y: string) => room(m.rowIdx.get(`inv_${key(y, oi.product)}`)!) - (drawn.get(key(y, oi.product)) ?? 0);
    const avail = ys.reduce((a, y) => a + Math.max(0, left(y)), 0);
    const want = Math.min(l.tonnes, room(m.rowIdx.get(`ord_${oi.o}`)!), avail);
    if (!oi.splittable && want < oi.q - 1e-6) continue;
    const t = oi.splittable ? Math.floor(want + 1e-9) : oi.q;
    if (t < Math.min(1, oi.q)) continue;
    let need = t;
    const from = new Map<string, number>();
    for (const y of ys) {
      const k = key(y, oi.product);
      const got = Math.min(Math.max(0, left(y)), need);
      if (got <= 0) continue;
      drawn.set(k, (drawn.get(k) ?? 0) + got);
      from.set(k, got);
      need -= got;
    }
    lines.push({ o: oi.o, wagons: Math.ceil(t / ri.pcc - 1e-9), tonnes: t, from });
  }
  const destOf = (o: number) => byO.get(o)!.dest;
  const options = [lines, ...(pt.dests.length > 1 ? pt.dests.map((k) => lines.filter((l) => destOf(l.o) === k)) : [])];
  let best: { pt: Pattern; net: number } | null = null;
  for (const ls of options) {
    const dests = [...new Set(ls.map((l) => destOf(l.o)))];
    if (!ls.length || !fillsEachDestination(m.p, ls, dests, destOf)) continue;
    const rate = Math.max(...ls.map((l) => byO.get(l.o)!.rate));
    const byOrder = new Map(ls.map((l) => [l.o, { oi: byO.get(l.o)! }]));
    const cost = patternCost(m.p, ri, slot, rate, ls, byOrder, dests.length);
    const left = ls.reduce((a, l) => a + l.tonnes * unservedTonneCost(m.p, m.p.orders[l.o]!), 0);
    const draws = new Map<string, number>();
    for (const l of ls) for (const [k, t] of l.from) draws.set(k, (draws.get(k) ?? 0) + t);
    const cutLines = ls.map(({ o, wagons, tonnes }) => ({ o, wagons, tonnes }));
    const cutPt: Pattern = { ...pt, dests, lines: cutLines, draws, cost };
    if (!best || cost - left < best.net) best = { pt: cutPt, net: cost - left };
  }
  return best;
}
