import type { Draft } from '../draft';
import { lineTonnes } from '../draft';
import { key, type Prep } from '../prep';
import { patternCost, type OrderInfo, type Pattern, type RakeInfo } from './loading';
import type { RoadCol } from './master-rows';

/** What reading a master column vector as a plan, or a plan as one, needs of the master. */
export interface MasterColumns {
  orders: OrderInfo[];
  patterns: Pattern[];
  roadCols: Array<RoadCol | null>;
  /** Column index of pattern k = firstPatternCol + k. */
  firstPatternCol: number;
}

/** A draft's rakes as patterns (the warm start), priced as the whole-horizon model prices them; rakes off the model's slots are left out. */
export function draftPatterns(p: Prep, orders: OrderInfo[], rakes: RakeInfo[], draft: Draft): Pattern[] {
  const out: Pattern[] = [];
  const byId = new Map(orders.map((oi) => [oi.id, oi]));
  const byIdx = new Map(orders.map((oi) => [oi.o, oi]));
  for (const dr of draft.rakes) {
    const ri = rakes.find((x) => x.r === dr.rakeIdx);
    const slot = ri?.slots.find((s) => s.lp === dr.lp && Math.abs(s.startH - dr.startH) < 1e-6);
    if (!ri || !slot) continue;
    const lines = dr.lines.map((l) => ({ o: byId.get(l.orderId)!.o, wagons: l.wagons, tonnes: lineTonnes(l) }));
    const draws = new Map<string, number>();
    for (const l of dr.lines)
      for (const [y, t] of l.sources) {
        const k = key(y, byId.get(l.orderId)!.product);
        draws.set(k, (draws.get(k) ?? 0) + t);
      }
    const dests = [...new Set(lines.map((l) => byIdx.get(l.o)!.dest))];
    const rate = Math.max(...dests.map((k) => byIdx.get(lines.find((l) => byIdx.get(l.o)!.dest === k)!.o)!.rate));
    const cost = patternCost(
      p,
      ri,
      slot,
      rate,
      lines,
      new Map(lines.map((l) => [l.o, { oi: byIdx.get(l.o)! }])),
      dests.length,
    );
    out.push({ r: ri.r, lp: slot.lp, startH: slot.startH, sidRows: slot.sidRows, dests, lines, draws, cost });
  }
  return out;
}

/** The master's point for a draft whose rakes were added with addDraft. */
export function startVector(m: MasterColumns, draft: Draft, nCols: number): Float64Array {
  const x = new Float64Array(nCols);
  const byId = new Map(m.orders.map((oi) => [oi.id, oi]));
  const served = new Map<number, number>();
  for (const dr of draft.rakes) {
    const k = m.patterns.findIndex(
      (pt) =>
        pt.r === dr.rakeIdx &&
        pt.lp === dr.lp &&
        Math.abs(pt.startH - dr.startH) < 1e-6 &&
        pt.lines.length === dr.lines.length &&
        pt.lines.every((l, i) => l.o === byId.get(dr.lines[i]!.orderId)?.o),
    );
    if (k < 0) continue;
    x[m.firstPatternCol + k] = 1;
    for (const l of m.patterns[k]!.lines) served.set(l.o, (served.get(l.o) ?? 0) + l.tonnes);
  }
  for (const rd of draft.road) {
    const oi = byId.get(rd.orderId)!;
    const j = m.roadCols.findIndex((c) => c !== null && c.o === oi.o && c.y === rd.stockyard && c.d === rd.day);
    if (j < 0) continue;
    x[j]! += oi.splittable ? rd.tonnes : 1;
    served.set(oi.o, (served.get(oi.o) ?? 0) + rd.tonnes);
  }
  m.orders.forEach((oi, i) => {
    x[i] = Math.max(0, oi.q - (served.get(oi.o) ?? 0));
  });
  return x;
}

/** The plan of a column vector: loadings at 1 (stock split per yard from their draws), trucks above 0. */
export function columnsDraft(m: MasterColumns, x: Float64Array): Draft {
  const draft: Draft = { rakes: [], road: [] };
  m.patterns.forEach((pt, k) => {
    if (x[m.firstPatternCol + k]! < 0.5) return;
    const left = new Map(pt.draws);
    const lines = pt.lines.map((l) => {
      const oi = m.orders.find((o) => o.o === l.o)!;
      const sources = new Map<string, number>();
      let need = l.tonnes;
      for (const [k2, t] of left) {
        const [y, prod] = k2.split('|') as [string, string];
        if (prod !== oi.product || t <= 1e-9 || need <= 1e-9) continue;
        const take = Math.min(t, need);
        sources.set(y, take);
        left.set(k2, t - take);
        need -= take;
      }
      return { orderId: oi.id, wagons: l.wagons, sources };
    });
    draft.rakes.push({ rakeIdx: pt.r, lp: pt.lp, startH: pt.startH, lines });
  });
  m.roadCols.forEach((c, j) => {
    if (!c || x[j]! < 1e-6) return;
    const oi = m.orders.find((o) => o.o === c.o)!;
    draft.road.push({ orderId: oi.id, stockyard: c.y, day: c.d, tonnes: c.whole ? oi.q : x[j]! });
  });
  return draft;
}
