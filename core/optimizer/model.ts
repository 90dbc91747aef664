import type { Draft } from './draft';
import { LpModel, type Term } from './lp-text';
import {
  ROAD_DISPATCH_OFFSET_H, carries, handlingRate, inWorkingHours, key, lateDays, latenessRate, railAllowed, railRate, roadAllowed,
  roadCapacity, roadRate, unservedRate, deferredFreightRate, type LoadingPoint, type Prep,
} from './prep';

/** Options of the time discretisation and the reductions (docs/optimizer.md explains each). */
export interface ModelOptions {
  /** Grid of loading start times [h]. */
  slotH: number;
  /** Longest a rake may wait at the plant for a siding [h]. */
  maxWaitH: number;
  /** Keep at most this many candidate orders per rake (best ranked); Infinity keeps all. */
  maxOrdersPerRake: number;
  /** Only these rakes (indices into Prep.rakes); all when absent. */
  rakeSubset?: number[];
  /** Only these road days; all when absent. */
  roadDays?: number[];
  /** Stock, road capacity and siding bookings left by earlier subproblems. */
  residual?: Residual;
  /** Orders kept as candidates of a rake whatever the ranking (a warm start's orders). */
  mustInclude?: Map<number, Set<string>>;
  /** Extra start times (a warm start's), so its loadings exist as slots in the model. */
  extraStarts?: Array<{ r: number; lp: string; startH: number }>;
}

export interface Residual {
  stock: Map<string, number>;
  roadLeft: Map<string, number>;
  orderLeft: Map<string, number>;
  /** Intervals already booked at each loading point [h]. */
  booked: Map<string, Array<[number, number]>>;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { slotH: 3, maxWaitH: 12, maxOrdersPerRake: Infinity };

interface YVar { col: number; r: number; lp: string; startH: number; durH: number }
interface XVar { col: number; o: string; r: number; y: string }
interface NVar { col: number; o: string; r: number }
interface RoadVar { col: number; o: string; y: string; d: number; perUnitT: number }

export interface BuiltModel {
  lp: LpModel;
  y: YVar[];
  x: XVar[];
  n: NVar[];
  road: RoadVar[];
  /** Integer columns by `rake|destination`, `rake|corridor`, `rake|order` (warm starts). */
  dCols: Map<string, number>;
  kCols: Map<string, number>;
  wCols: Map<string, number>;
  /** Integer columns of each rake (its slots, wagons, destinations, corridors), and road binaries. */
  rakeInts: Map<number, number[]>;
  roadInts: number[];
  /** Counts before and after each reduction, for the docs and the benchmark. */
  reductions: string[];
}

/**
 * Build the dispatch MILP (docs/optimizer.md, "Formulation"). Names: y_r_l_s (rake r starts
 * loading at siding l in slot s), x_o_r_y (tonnes of order o on rake r from stockyard y),
 * n_o_r (wagons), d_r_k (rake r serves destination k), k_r_c (corridor), t_r (two-point),
 * dem_r, idle_r, ld_r_l (load at siding l), b_o_r_k (lateness band), w_o_r (unsplittable on r),
 * rd_o_y_d (road tonnes), rb_o_y_d (unsplittable by road), u_o (unserved).
 */
export function buildModel(p: Prep, opts: ModelOptions = DEFAULT_MODEL_OPTIONS): BuiltModel {
  const m = new LpModel();
  const c = p.sc.costs;
  const reductions: string[] = [];
  const res = opts.residual;
  const stockOf = (y: string, prod: string) => res ? (res.stock.get(key(y, prod)) ?? 0) : (p.stock.get(key(y, prod)) ?? 0);
  const qty = (id: string) => res ? (res.orderLeft.get(id) ?? 0) : p.orderById.get(id)!.quantityT;
  const orders = p.orders.filter((o) => qty(o.id) > 1e-6 && p.dests.has(o.destination) && p.products.has(o.product));
  const oi = new Map(orders.map((o, i) => [o.id, i]));
  const yardIdx = new Map([...p.stockyards.keys()].map((y, i) => [y, i]));
  const lpIdx = new Map([...p.lps.keys()].map((l, i) => [l, i]));
  const destIdx = new Map([...p.dests.keys()].map((d, i) => [d, i]));
  const corrIdx = new Map(p.sc.plant.corridors.map((k, i) => [k.code, i]));

  const inv = new Map<string, Term[]>(); // stockyard|product → draws
  const orderTerms = new Map<string, Term[]>();
  const singleShipment = new Map<string, Term[]>();
  const push = (mp: Map<string, Term[]>, k: string, t: Term) => { const a = mp.get(k); if (a) a.push(t); else mp.set(k, [t]); };
  const Y: YVar[] = [];
  const X: XVar[] = [];
  const N: NVar[] = [];
  const RD: RoadVar[] = [];
  const sidingUse = new Map<string, YVar[]>();
  const dCols = new Map<string, number>();
  const kCols = new Map<string, number>();
  const wCols = new Map<string, number>();
  let pairsAll = 0;
  let pairsKept = 0;

  const rakeIdxs = opts.rakeSubset ?? p.rakes.map((_, i) => i);
  for (const r of rakeIdxs) {
    const pr = p.rakes[r]!;
    const wt = pr.rake.wagonType;
    const W = pr.rake.wagons;
    const cap = pr.capT;
    // Sidings and start slots.
    const lps = [...p.lps.values()].filter((lp) => lp.wagonTypes.includes(wt));
    const ys: YVar[] = [];
    for (const lp of lps) {
      const dur = cap / lp.loadingRateTph;
      const from = Math.max(0, pr.placeH);
      const starts = [from];
      for (let t = Math.ceil((from + 1e-9) / opts.slotH) * opts.slotH; t <= from + opts.maxWaitH && t < p.horizonH; t += opts.slotH) starts.push(t);
      for (const e of opts.extraStarts ?? []) if (e.r === r && e.lp === lp.code && e.startH >= from - 1e-9 && !starts.some((t) => Math.abs(t - e.startH) < 1e-6)) starts.push(e.startH);
      for (const s of starts) {
        if (s >= p.horizonH || !inWorkingHours(p, lp, s, s + dur)) continue;
        if (res && blocked(res, lp, s, s + dur)) continue;
        const col = m.addVar(`y_${r}_${lpIdx.get(lp.code)}_${Math.round(s * 3600)}`, 'B');
        ys.push({ col, r, lp: lp.code, startH: s, durH: dur });
      }
    }
    if (ys.length === 0) continue;
    Y.push(...ys);
    for (const yv of ys) sidingUse.set(yv.lp, [...(sidingUse.get(yv.lp) ?? []), yv]);
    const used: Term[] = ys.map((yv) => [1, yv.col]);
    m.addRow(`one_${r}`, used, '<=', 1);
    const usedLps = [...new Set(ys.map((yv) => yv.lp))].map((code) => p.lps.get(code)!);

    // Candidate orders: rail allowed, product fits the wagons, stock reachable through a siding.
    const reach = (prod: string) => [...new Set(usedLps.flatMap((lp) => lp.stockyards))].filter((y) => stockOf(y, prod) > 1e-6);
    let cands = orders.filter((o) => railAllowed(o) && carries(p, wt, o.product) && reach(o.product).length > 0);
    pairsAll += cands.length;
    if (cands.length > opts.maxOrdersPerRake) {
      const keep = opts.mustInclude?.get(r) ?? new Set<string>();
      const ranked = rankForRake(p, pr.placeH, cands);
      cands = [...ranked.slice(0, opts.maxOrdersPerRake), ...ranked.slice(opts.maxOrdersPerRake).filter((o) => keep.has(o.id))];
    }
    pairsKept += cands.length;

    // Loads per siding, demurrage, handling.
    const loadCols = new Map<string, number>();
    for (const lp of usedLps) {
      const col = m.addVar(`ld_${r}_${lpIdx.get(lp.code)}`, 'C', handlingRate(p, lp), 0, cap);
      loadCols.set(lp.code, col);
      m.addRow(`ldcap_${r}_${lpIdx.get(lp.code)}`, [[1, col], ...ys.filter((yv) => yv.lp === lp.code).map((yv): Term => [-cap, yv.col])], '<=', 0);
    }
    const dem = m.addVar(`dem_${r}`, 'C', 1);
    const demRate = W * c.demurrageRsPerWagonH;
    m.addRow(`demur_${r}`, [
      [1, dem],
      ...ys.map((yv): Term => [-demRate * (yv.startH - pr.placeH - c.freeTimeH), yv.col]),
      ...usedLps.map((lp): Term => [-demRate / lp.loadingRateTph, loadCols.get(lp.code)!]),
    ], '>=', 0);

    // Destinations, corridors, two-point.
    const dests = [...new Set(cands.map((o) => o.destination))];
    const corrs = [...new Set(dests.map((d) => p.dests.get(d)!.corridor))];
    const dCol = new Map<string, number>();
    const kCol = new Map<string, number>();
    for (const k of corrs) { kCol.set(k, m.addVar(`k_${r}_${corrIdx.get(k) ?? k}`, 'B')); kCols.set(`${r}|${k}`, kCol.get(k)!); }
    if (corrs.length) m.addRow(`corr_${r}`, [...[...kCol.values()].map((v): Term => [1, v]), ...used.map(([, v]): Term => [-1, v])], '<=', 0);
    for (const d of dests) {
      const col = m.addVar(`d_${r}_${destIdx.get(d)}`, 'B');
      dCol.set(d, col);
      dCols.set(`${r}|${d}`, col);
      m.addRow(`dc_${r}_${destIdx.get(d)}`, [[1, col], [-1, kCol.get(p.dests.get(d)!.corridor)!]], '<=', 0);
    }
    const two = m.addVar(`t_${r}`, 'C', c.twoPointSurchargeRs, 0, 1);
    if (dests.length) {
      m.addRow(`dmax_${r}`, [...[...dCol.values()].map((v): Term => [1, v]), ...used.map(([, v]): Term => [-2, v])], '<=', 0);
      m.addRow(`two_${r}`, [[1, two], ...[...dCol.values()].map((v): Term => [-1, v])], '>=', -1);
    }
    const idle = m.addVar(`idle_${r}`, 'C', 1);

    // Orders on the rake.
    const loadTerms: Term[] = [];
    const wagonsByDest = new Map<string, Term[]>();
    const allWagons: Term[] = [];
    for (const o of cands) {
      const q = qty(o.id);
      const dest = p.dests.get(o.destination)!;
      const on = oi.get(o.id)!;
      const maxT = Math.min(q, cap);
      const nCol = m.addVar(`n_${on}_${r}`, 'I', 0, 0, Math.min(W, Math.ceil(q / pr.pccT - 1e-9)));
      N.push({ col: nCol, o: o.id, r });
      allWagons.push([1, nCol]);
      push(wagonsByDest, o.destination, [1, nCol]);
      m.addRow(`nd_${on}_${r}`, [[1, nCol], [-W, dCol.get(o.destination)!]], '<=', 0);
      // Lateness by band of (siding, slot): days late from the slot plus a full-rake loading (conservative).
      const due = p.dueH.get(o.id)!;
      const bandOf = (yv: YVar) => lateDays(yv.startH + yv.durH + dest.railTransitH, due);
      const bands = [...new Set(ys.map(bandOf))].sort((a, b) => a - b);
      const rate = railRate(p, dest);
      const lr = latenessRate(p, o.priority);
      const xs: Term[] = [];
      for (const y of reach(o.product)) {
        const col = m.addVar(`x_${on}_${r}_${yardIdx.get(y)}`, 'C', rate + (bands.length === 1 ? bands[0]! * lr : 0), 0, maxT);
        X.push({ col, o: o.id, r, y });
        xs.push([1, col]);
        push(inv, key(y, o.product), [1, col]);
        push(orderTerms, o.id, [1, col]);
        loadTerms.push([1, col]);
        // The chosen siding must serve this stockyard (implied when every siding does).
        const serving = ys.filter((yv) => p.lps.get(yv.lp)!.stockyards.includes(y));
        if (serving.length < ys.length) m.addRow(`src_${on}_${r}_${yardIdx.get(y)}`, [[1, col], ...serving.map((yv): Term => [-maxT, yv.col])], '<=', 0);
      }
      m.addRow(`wag_${on}_${r}`, [...xs, [-pr.pccT, nCol]], '<=', 0);
      // Variable upper bound on the destination switch: tightens the LP relaxation a great deal.
      m.addRow(`xd_${on}_${r}`, [...xs, [-maxT, dCol.get(o.destination)!]], '<=', 0);
      // Every allotted wagon carries load (all full but the last, which holds ≥ 1 t, or the whole of a
      // smaller order): wagons = ⌈t ÷ PCC⌉.
      m.addRow(`wagf_${on}_${r}`, [...xs, [-pr.pccT, nCol]], '>=', Math.min(1, maxT) - pr.pccT);
      if (bands.length > 1) {
        const bandTerms: Term[] = [];
        for (const b of bands) {
          const bc = m.addVar(`b_${on}_${r}_${b}`, 'C', b * lr, 0, maxT);
          bandTerms.push([-1, bc]);
          m.addRow(`bl_${on}_${r}_${b}`, [[1, bc], ...ys.filter((yv) => bandOf(yv) === b).map((yv): Term => [-maxT, yv.col])], '<=', 0);
        }
        m.addRow(`bs_${on}_${r}`, [...xs, ...bandTerms], '=', 0);
      }
      if (!o.splittable) {
        const w = m.addVar(`w_${on}_${r}`, 'B');
        wCols.set(`${r}|${o.id}`, w);
        if (q > cap + 1e-6) m.addRow(`wfit_${on}_${r}`, [[1, w]], '<=', 0);
        m.addRow(`whole_${on}_${r}`, [...xs, [-q, w]], '=', 0);
        push(singleShipment, o.id, [1, w]);
      }
    }
    m.addRow(`wagons_${r}`, [...allWagons, ...used.map(([, v]): Term => [-W, v])], '<=', 0);
    m.addRow(`load_${r}`, [...[...loadCols.values()].map((v): Term => [1, v]), ...loadTerms.map(([a, v]): Term => [-a, v])], '=', 0);
    for (const [d, terms] of wagonsByDest) {
      const mw = c.minWagonsPerDestination;
      m.addRow(`minw_${r}_${destIdx.get(d)}`, [...terms, [-mw, dCol.get(d)!], [-mw, two]], '>=', -mw);
      const rate = railRate(p, p.dests.get(d)!);
      // Load through the per-siding load columns (few terms) rather than every x: keeps the row sparse.
      m.addRow(`idle_${r}_${destIdx.get(d)}`, [[1, idle], [-rate * cap, dCol.get(d)!], ...[...loadCols.values()].map((v): Term => [rate, v])], '>=', 0);
    }
  }
  reductions.push(`candidate order–rake pairs: ${pairsAll} compatible (product–wagon matrix, reachable stock) → ${pairsKept} kept`);

  // Siding capacity: at every candidate start time, rakes whose (full-rake) loading covers it.
  for (const [code, list] of sidingUse) {
    const lp = p.lps.get(code)!;
    const times = [...new Set(list.map((yv) => yv.startH))].sort((a, b) => a - b);
    for (const t of times) {
      const covering = list.filter((yv) => yv.startH <= t + 1e-9 && yv.startH + yv.durH > t + 1e-9);
      const rakes = new Set(covering.map((yv) => yv.r));
      const already = res ? (res.booked.get(code) ?? []).filter(([a, b]) => a <= t + 1e-9 && b > t + 1e-9).length : 0;
      if (rakes.size + already > lp.maxRakes) m.addRow(`sid_${lpIdx.get(code)}_${Math.round(t * 3600)}`, covering.map((yv): Term => [1, yv.col]), '<=', lp.maxRakes - already);
    }
  }

  // Road.
  const days = opts.roadDays ?? [...Array(p.sc.horizon.days).keys()];
  const roadCap = new Map<string, Term[]>();
  for (const o of orders) {
    if (!roadAllowed(p, o)) continue;
    const q = qty(o.id);
    const on = oi.get(o.id)!;
    const dest = p.dests.get(o.destination)!;
    const lr = latenessRate(p, o.priority);
    for (const y of p.stockyards.keys()) {
      if (stockOf(y, o.product) <= 1e-6) continue;
      for (const d of days) {
        const capYD = res ? (res.roadLeft.get(`${y}|${d}`) ?? 0) : roadCapacity(p, y, d);
        if (capYD <= 1e-6 || (!o.splittable && capYD < q - 1e-6)) continue;
        const perT = roadRate(p, y, dest) + lateDays(d * 24 + ROAD_DISPATCH_OFFSET_H + dest.roadTransitH, p.dueH.get(o.id)!) * lr;
        const whole = !o.splittable;
        const col = whole
          ? m.addVar(`rb_${on}_${yardIdx.get(y)}_${d}`, 'B', perT * q)
          : m.addVar(`rd_${on}_${yardIdx.get(y)}_${d}`, 'C', perT, 0, q);
        const amount = whole ? q : 1;
        RD.push({ col, o: o.id, y, d, perUnitT: amount });
        push(roadCap, `${y}|${d}`, [amount, col]);
        push(inv, key(y, o.product), [amount, col]);
        push(orderTerms, o.id, [amount, col]);
        if (whole) push(singleShipment, o.id, [1, col]);
      }
    }
  }
  for (const [k, terms] of roadCap) {
    const [y, d] = k.split('|') as [string, string];
    const cap = res ? (res.roadLeft.get(k) ?? 0) : roadCapacity(p, y, Number(d));
    m.addRow(`road_${yardIdx.get(y)}_${d}`, terms, '<=', cap);
  }
  for (const [k, terms] of inv) {
    const [y, prod] = k.split('|') as [string, string];
    m.addRow(`inv_${yardIdx.get(y)}_${p.sc.plant.products.findIndex((x) => x.code === prod)}`, terms, '<=', stockOf(y, prod));
  }
  for (const [id, terms] of singleShipment) if (terms.length > 1) m.addRow(`single_${oi.get(id)}`, terms, '<=', 1);
  for (const o of orders) {
    const terms = orderTerms.get(o.id);
    // An order nothing can serve keeps a fixed unserved column, so the objective is the plan's whole cost.
    // An unserved tonne costs its penalty plus the freight it will still pay after the horizon.
    const u = m.addVar(`u_${oi.get(o.id)}`, 'C', unservedRate(p, o.priority) + deferredFreightRate(p, o), terms ? 0 : qty(o.id), qty(o.id));
    if (terms) m.addRow(`ord_${oi.get(o.id)}`, [...terms, [1, u]], '=', qty(o.id));
  }
  const rakeInts = new Map<number, number[]>();
  const addInt = (r: number, col: number) => rakeInts.set(r, [...(rakeInts.get(r) ?? []), col]);
  for (const yv of Y) addInt(yv.r, yv.col);
  for (const nv of N) addInt(nv.r, nv.col);
  for (const [k, col] of [...dCols, ...kCols, ...wCols]) addInt(Number(k.split('|')[0]), col);
  const roadInts = RD.filter((rv) => rv.perUnitT !== 1).map((rv) => rv.col);
  return { lp: m, y: Y, x: X, n: N, road: RD, dCols, kCols, wCols, rakeInts, roadInts, reductions };
}

/** Compatible order–rake pairs of the whole-horizon model, counted without building it. */
export function countPairs(p: Prep): number {
  let n = 0;
  for (const pr of p.rakes) {
    const yards = new Set([...p.lps.values()].filter((lp) => lp.wagonTypes.includes(pr.rake.wagonType)).flatMap((lp) => lp.stockyards));
    for (const o of p.orders) {
      if (railAllowed(o) && carries(p, pr.rake.wagonType, o.product) && [...yards].some((y) => (p.stock.get(key(y, o.product)) ?? 0) > 1e-6)) n++;
    }
  }
  return n;
}

/** Rank candidate orders for a rake: due soonest around its placement, highest priority, biggest. */
function rankForRake(p: Prep, placeH: number, cands: Prep['orders']): Prep['orders'] {
  const score = (o: Prep['orders'][number]) => {
    const slack = (p.dueH.get(o.id) ?? 0) - placeH;
    return (slack < 0 ? 0 : slack / 24) + (o.priority - 1) * 0.75 - Math.min(o.quantityT, 1000) / 2000;
  };
  return [...cands].sort((a, b) => score(a) - score(b));
}

function blocked(res: Residual, lp: LoadingPoint, s: number, e: number): boolean {
  const list = res.booked.get(lp.code) ?? [];
  const points = [s, ...list.map(([a]) => a).filter((a) => a > s && a < e)];
  return points.some((t) => list.filter(([a, b]) => a <= t + 1e-9 && b > t + 1e-9).length >= lp.maxRakes);
}

/** The rule-based draft as a sparse start for the MILP (integers only; HiGHS completes the rest). */
export function draftToStart(p: Prep, b: BuiltModel, draft: Draft): Map<number, number> {
  const start = new Map<number, number>();
  for (const dr of draft.rakes) {
    const dests = new Set(dr.lines.map((l) => p.orderById.get(l.orderId)!.destination));
    for (const d of dests) {
      const dc = b.dCols.get(`${dr.rakeIdx}|${d}`);
      const kc = b.kCols.get(`${dr.rakeIdx}|${p.dests.get(d)!.corridor}`);
      if (dc !== undefined) start.set(dc, 1);
      if (kc !== undefined) start.set(kc, 1);
    }
    for (const l of dr.lines) {
      const wc = b.wCols.get(`${dr.rakeIdx}|${l.orderId}`);
      if (wc !== undefined) start.set(wc, 1);
    }
    // The plan's own start (an extra slot), else the next slot after it, else the last one.
    const slots = b.y.filter((yv) => yv.r === dr.rakeIdx && yv.lp === dr.lp).sort((a, c) => a.startH - c.startH);
    const yv = slots.find((s) => s.startH >= dr.startH - 1e-6) ?? slots[slots.length - 1];
    if (!yv) continue;
    start.set(yv.col, 1);
    for (const l of dr.lines) {
      const nv = b.n.find((n) => n.r === dr.rakeIdx && n.o === l.orderId);
      if (nv) start.set(nv.col, l.wagons);
      for (const [y, t] of l.sources) {
        const xv = b.x.find((x) => x.r === dr.rakeIdx && x.o === l.orderId && x.y === y);
        if (xv) start.set(xv.col, t);
      }
    }
  }
  for (const rd of draft.road) {
    const v = b.road.find((r) => r.o === rd.orderId && r.y === rd.stockyard && r.d === rd.day);
    if (v) start.set(v.col, v.perUnitT === 1 ? rd.tonnes : 1);
  }
  return start;
}
