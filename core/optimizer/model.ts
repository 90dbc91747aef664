import type { Draft } from './draft';
import { LpModel, type Term } from './lp-text';
import {
  carries,
  handlingRate,
  inWorkingHours,
  key,
  lateDays,
  latenessRate,
  railAllowed,
  railRate,
  roadAllowed,
  roadCapacity,
  roadTonneCost,
  unservedTonneCost,
  type Prep,
} from './prep';

/** Options of the time discretisation and the reductions (docs/optimizer.md explains each). */
export interface ModelOptions {
  /** Grid of loading start times [h]. */
  slotH: number;
  /** Longest a rake may wait at the plant for a siding [h]. */
  maxWaitH: number;
  /** Add the wagon convex-hull rows `wagh_*` (valid inequalities; off only to measure their effect). */
  hullRows?: boolean;
  /** Extra start times (a warm start's), so its loadings exist as slots in the model. */
  extraStarts?: Array<{ r: number; lp: string; startH: number }>;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { slotH: 3, maxWaitH: 12 };

/** The whole-horizon model's options for a warm start: its loadings are extra start slots. */
export function startOptions(start: Draft): ModelOptions {
  return {
    ...DEFAULT_MODEL_OPTIONS,
    extraStarts: start.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
  };
}

interface YVar {
  col: number;
  r: number;
  lp: string;
  startH: number;
  durH: number;
}
interface XVar {
  col: number;
  o: string;
  r: number;
  product: string;
}
interface SVar {
  col: number;
  r: number;
  product: string;
  y: string;
}
interface NVar {
  col: number;
  o: string;
  r: number;
}
interface RoadVar {
  col: number;
  o: string;
  y: string;
  d: number;
  perUnitT: number;
}

export interface BuiltModel {
  lp: LpModel;
  y: YVar[];
  x: XVar[];
  s: SVar[];
  n: NVar[];
  road: RoadVar[];
  /** Integer columns by `rake|destinations` (sorted, comma-joined: the option) and `rake|order` (warm starts). */
  zCols: Map<string, number>;
  wCols: Map<string, number>;
  /** Integer columns of each rake (its slots, wagons, destination options), and road binaries. */
  rakeInts: Map<number, number[]>;
  roadInts: number[];
  /** Counts before and after each reduction, for the docs and the benchmark. */
  reductions: string[];
}

/**
 * Build the dispatch MILP (docs/optimizer.md, "Formulation"). Names: y_r_l_s (rake r starts
 * loading at siding l in slot s), x_o_r (tonnes of order o on rake r), s_r_p_y (tonnes of product
 * p from stockyard y for rake r), n_o_r (wagons), g_r_k[_k2] (rake r serves destination k, or the
 * same-corridor pair k, k2), d_r_k (= Σ options serving k), L_r_g_k (tonnes for k under option g),
 * I_r_g (idle tonnes), dem_r, ld_r_l (load at siding l), b_o_r_k (lateness band), w_o_r (unsplittable on r),
 * rd_o_y_d (road tonnes), rb_o_y_d (unsplittable by road), u_o (unserved).
 */
export function buildModel(p: Prep, opts: ModelOptions = DEFAULT_MODEL_OPTIONS): BuiltModel {
  const m = new LpModel();
  const c = p.sc.costs;
  const reductions: string[] = [];
  const stockOf = (y: string, prod: string) => p.stock.get(key(y, prod)) ?? 0;
  const qty = (id: string) => p.orderById.get(id)!.quantityT;
  const orders = p.orders.filter((o) => qty(o.id) > 1e-6 && p.dests.has(o.destination) && p.products.has(o.product));
  const oi = new Map(orders.map((o, i) => [o.id, i]));
  const yardIdx = new Map([...p.stockyards.keys()].map((y, i) => [y, i]));
  const lpIdx = new Map([...p.lps.keys()].map((l, i) => [l, i]));
  const destIdx = new Map([...p.dests.keys()].map((d, i) => [d, i]));
  const prodIdx = new Map([...p.products.keys()].map((d, i) => [d, i]));

  const inv = new Map<string, Term[]>(); // stockyard|product → draws
  const orderTerms = new Map<string, Term[]>();
  const singleShipment = new Map<string, Term[]>();
  const push = (mp: Map<string, Term[]>, k: string, t: Term) => {
    const a = mp.get(k);
    if (a) a.push(t);
    else mp.set(k, [t]);
  };
  const Y: YVar[] = [];
  const X: XVar[] = [];
  const S: SVar[] = [];
  const N: NVar[] = [];
  const RD: RoadVar[] = [];
  const sidingUse = new Map<string, YVar[]>();
  const zCols = new Map<string, number>();
  const wCols = new Map<string, number>();
  let pairs = 0;
  const counts = { singles: 0, pairs: 0, pairsDropped: 0, orderYardCols: 0, sourceCols: 0 };

  const rakeIdxs = p.rakes.map((_, i) => i);
  for (const r of rakeIdxs) {
    const pr = p.rakes[r]!;
    const wt = pr.rake.wagonType;
    const W = pr.rake.wagons;
    const cap = pr.capT;
    // Sidings and start slots.
    const ys: YVar[] = rakeSlots(p, r, opts).map((sl) => ({
      ...sl,
      col: m.addVar(`y_${r}_${lpIdx.get(sl.lp)}_${Math.round(sl.startH * 3600)}`, 'B'),
      r,
    }));
    if (ys.length === 0) continue;
    Y.push(...ys);
    for (const yv of ys) sidingUse.set(yv.lp, [...(sidingUse.get(yv.lp) ?? []), yv]);
    const used: Term[] = ys.map((yv) => [1, yv.col]);
    m.addRow(`one_${r}`, used, '<=', 1);
    const usedLps = [...new Set(ys.map((yv) => yv.lp))].map((code) => p.lps.get(code)!);

    // Candidate orders: rail allowed, product fits the wagons, stock reachable through a siding.
    const yardsHere = [...new Set(usedLps.flatMap((lp) => lp.stockyards))];
    const reachCache = new Map<string, string[]>();
    const reach = (prod: string) => {
      let ys2 = reachCache.get(prod);
      if (!ys2) reachCache.set(prod, (ys2 = yardsHere.filter((y) => stockOf(y, prod) > 1e-6)));
      return ys2;
    };
    const cands = orders.filter((o) => railAllowed(o) && carries(p, wt, o.product) && reach(o.product).length > 0);
    pairs += cands.length;

    // Loads per siding, demurrage, handling.
    const loadCols = new Map<string, number>();
    for (const lp of usedLps) {
      const col = m.addVar(`ld_${r}_${lpIdx.get(lp.code)}`, 'C', handlingRate(p, lp), 0, cap);
      loadCols.set(lp.code, col);
      m.addRow(
        `ldcap_${r}_${lpIdx.get(lp.code)}`,
        [[1, col], ...ys.filter((yv) => yv.lp === lp.code).map((yv): Term => [-cap, yv.col])],
        '<=',
        0,
      );
    }
    const dem = m.addVar(`dem_${r}`, 'C', 1);
    const demRate = W * c.demurrageRsPerWagonH;
    m.addRow(
      `demur_${r}`,
      [
        [1, dem],
        ...ys.map((yv): Term => [-demRate * (yv.startH - pr.placeH - c.freeTimeH), yv.col]),
        ...usedLps.map((lp): Term => [-demRate / lp.loadingRateTph, loadCols.get(lp.code)!]),
      ],
      '>=',
      0,
    );

    // Destination options: one destination, or a pair on one corridor (rule 4). Each option's
    // loads are bounded by what its destinations' candidate orders can fill, so the relaxation
    // pays the whole rake's chargeable weight per option: that is what makes the bound tight.
    const dests = [...new Set(cands.map((o) => o.destination))];
    const demT = new Map<string, number>();
    const demW = new Map<string, number>();
    for (const o of cands) {
      const q = qty(o.id);
      demT.set(o.destination, (demT.get(o.destination) ?? 0) + Math.min(q, cap));
      demW.set(o.destination, (demW.get(o.destination) ?? 0) + Math.min(W, Math.ceil(q / pr.pccT - 1e-9)));
    }
    const fill = (d: string) => Math.min(cap, demT.get(d) ?? 0);
    const mw = c.minWagonsPerDestination;
    const options: Array<{ dests: string[]; col: number; rate: number }> = [];
    const addOption = (ds: string[]) => {
      const name = `g_${r}_${ds.map((d) => destIdx.get(d)).join('_')}`;
      const col = m.addVar(name, 'B', ds.length > 1 ? c.twoPointSurchargeRs : 0);
      options.push({ dests: ds, col, rate: Math.max(...ds.map((d) => railRate(p, p.dests.get(d)!))) });
      zCols.set(`${r}|${[...ds].sort().join(',')}`, col);
    };
    for (const d of dests) addOption([d]);
    counts.singles += dests.length;
    if (2 * mw <= W) {
      for (let i = 0; i < dests.length; i++) {
        for (let j = i + 1; j < dests.length; j++) {
          const a = dests[i]!,
            b = dests[j]!;
          // A pair needs the minimum wagons for each destination: skip pairs whose orders cannot fill them.
          if (p.dests.get(a)!.corridor !== p.dests.get(b)!.corridor) continue;
          if ((demW.get(a) ?? 0) < mw || (demW.get(b) ?? 0) < mw) {
            counts.pairsDropped++;
            continue;
          }
          addOption([a, b]);
          counts.pairs++;
        }
      }
    }
    const dCol = new Map<string, number>();
    for (const d of dests) {
      const col = m.addVar(`d_${r}_${destIdx.get(d)}`, 'C', 0, 0, 1);
      dCol.set(d, col);
      m.addRow(
        `dz_${r}_${destIdx.get(d)}`,
        [[1, col], ...options.filter((g) => g.dests.includes(d)).map((g): Term => [-1, g.col])],
        '=',
        0,
      );
    }
    if (options.length)
      m.addRow(`opt_${r}`, [...options.map((g): Term => [1, g.col]), ...used.map(([, v]): Term => [-1, v])], '<=', 0);
    // Loads by option and destination (L) and idle tonnes (I, at the option's dearest rate): the
    // option's whole capacity is L + I. Idle is measured in tonnes so the rows stay well scaled.
    const loadByDest = new Map<string, Term[]>();
    for (const g of options) {
      const gi = g.dests.map((d) => destIdx.get(d)).join('_');
      const ls: Term[] = [];
      for (const d of g.dests) {
        const l = m.addVar(`L_${r}_${gi}_${destIdx.get(d)}`, 'C', 0, 0, fill(d));
        ls.push([1, l]);
        push(loadByDest, d, [1, l]);
        if (g.dests.length > 1)
          m.addRow(
            `gk_${r}_${gi}_${destIdx.get(d)}`,
            [
              [1, l],
              [-fill(d), g.col],
            ],
            '<=',
            0,
          );
      }
      const idle = m.addVar(`I_${r}_${gi}`, 'C', g.rate, 0, cap);
      m.addRow(`gcap_${r}_${gi}`, [...ls, [1, idle], [-cap, g.col]], '=', 0);
      const short =
        cap -
        Math.min(
          cap,
          g.dests.reduce((a, d) => a + fill(d), 0),
        );
      if (short > 1e-6)
        m.addRow(
          `gidle_${r}_${gi}`,
          [
            [1, idle],
            [-short, g.col],
          ],
          '>=',
          0,
        );
    }

    // Stock drawn per product and stockyard: orders of one product share it (each order's sources
    // are split afterwards), which keeps one tonnage column per order instead of one per yard.
    const sByProduct = new Map<string, Term[]>();
    const sByYard = new Map<string, Term[]>();
    for (const prod of new Set(cands.map((o) => o.product))) {
      for (const y of reach(prod)) {
        counts.sourceCols++;
        const col = m.addVar(
          `s_${r}_${prodIdx.get(prod)}_${yardIdx.get(y)}`,
          'C',
          0,
          0,
          Math.min(cap, stockOf(y, prod)),
        );
        S.push({ col, r, product: prod, y });
        push(sByProduct, prod, [1, col]);
        push(sByYard, y, [1, col]);
        push(inv, key(y, prod), [1, col]);
      }
    }

    // Orders on the rake.
    const loadTerms: Term[] = [];
    const xByProduct = new Map<string, Term[]>();
    const wagonsByDest = new Map<string, Term[]>();
    const xByDest = new Map<string, Term[]>();
    const allWagons: Term[] = [];
    for (const o of cands) {
      const q = qty(o.id);
      const dest = p.dests.get(o.destination)!;
      const on = oi.get(o.id)!;
      const maxT = Math.min(q, cap);
      const nUb = Math.min(W, Math.ceil(q / pr.pccT - 1e-9));
      const nCol = m.addVar(`n_${on}_${r}`, 'I', 0, 0, nUb);
      N.push({ col: nCol, o: o.id, r });
      allWagons.push([1, nCol]);
      push(wagonsByDest, o.destination, [1, nCol]);
      m.addRow(
        `nd_${on}_${r}`,
        [
          [1, nCol],
          [-nUb, dCol.get(o.destination)!],
        ],
        '<=',
        0,
      );
      // Lateness by band of (siding, slot): days late from the slot plus a full-rake loading (conservative).
      const due = p.dueH.get(o.id)!;
      const bandOf = (yv: YVar) => lateDays(yv.startH + yv.durH + dest.railTransitH, due);
      const bands = [...new Set(ys.map(bandOf))].sort((a, b) => a - b);
      const rate = railRate(p, dest);
      const lr = latenessRate(p, o.priority);
      const col = m.addVar(`x_${on}_${r}`, 'C', rate + (bands.length === 1 ? bands[0]! * lr : 0), 0, maxT);
      X.push({ col, o: o.id, r, product: o.product });
      const xs: Term[] = [[1, col]];
      push(orderTerms, o.id, [1, col]);
      loadTerms.push([1, col]);
      push(xByDest, o.destination, [1, col]);
      push(xByProduct, o.product, [1, col]);
      counts.orderYardCols += reach(o.product).length;
      m.addRow(`wag_${on}_${r}`, [...xs, [-pr.pccT, nCol]], '<=', 0);
      // Variable upper bound on the destination switch: tightens the LP relaxation a great deal.
      m.addRow(`xd_${on}_${r}`, [...xs, [-maxT, dCol.get(o.destination)!]], '<=', 0);
      // Every allotted wagon carries load (all full but the last, which holds ≥ 1 t, or the whole of a
      // smaller order): wagons = ⌈t ÷ PCC⌉.
      // Convex hull of wagons = ⌈t ÷ PCC⌉ for t ≤ maxT (f full wagons, then a part wagon of `rem` t):
      // n ≥ f + (t − f·PCC) ÷ rem. In the relaxation a whole order then takes its whole wagons.
      const f = Math.floor(maxT / pr.pccT + 1e-9);
      const rem = maxT - f * pr.pccT;
      // The last wagon holds ≥ 1 t, or the order's own remainder when that is less (900.5 t in
      // 60 t wagons: 0.5 t), so a whole order can always take its ⌈q ÷ PCC⌉ wagons.
      m.addRow(`wagf_${on}_${r}`, [...xs, [-pr.pccT, nCol]], '>=', Math.min(1, rem > 1e-6 ? rem : maxT) - pr.pccT);
      if (rem > 1e-6 && opts.hullRows !== false)
        m.addRow(`wagh_${on}_${r}`, [[rem, nCol], ...xs.map(([, v]): Term => [-1, v])], '>=', -f * (pr.pccT - rem));
      if (bands.length > 1) {
        const bandTerms: Term[] = [];
        for (const b of bands) {
          const bc = m.addVar(`b_${on}_${r}_${b}`, 'C', b * lr, 0, maxT);
          bandTerms.push([-1, bc]);
          m.addRow(
            `bl_${on}_${r}_${b}`,
            [[1, bc], ...ys.filter((yv) => bandOf(yv) === b).map((yv): Term => [-maxT, yv.col])],
            '<=',
            0,
          );
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
    m.addRow(
      `load_${r}`,
      [...[...loadCols.values()].map((v): Term => [1, v]), ...loadTerms.map(([a, v]): Term => [-a, v])],
      '=',
      0,
    );
    for (const [prod, terms] of xByProduct)
      m.addRow(
        `prod_${r}_${prodIdx.get(prod)}`,
        [...(sByProduct.get(prod) ?? []), ...terms.map(([, v]): Term => [-1, v])],
        '=',
        0,
      );
    // Tonnes from a stockyard are loaded at a siding serving it (rule 5; implied when every siding does).
    for (const [y, terms] of sByYard) {
      const serving = usedLps.filter((lp) => lp.stockyards.includes(y));
      if (serving.length < usedLps.length)
        m.addRow(
          `src_${r}_${yardIdx.get(y)}`,
          [...terms, ...serving.map((lp): Term => [-1, loadCols.get(lp.code)!])],
          '<=',
          0,
        );
    }
    for (const [d, terms] of xByDest)
      m.addRow(
        `lk_${r}_${destIdx.get(d)}`,
        [...(loadByDest.get(d) ?? []).map(([a, v]): Term => [a, v]), ...terms.map(([, v]): Term => [-1, v])],
        '=',
        0,
      );
    // A two-point rake carries the minimum wagons for each of its destinations (rule 4).
    for (const [d, terms] of wagonsByDest) {
      const pairs = options.filter((g) => g.dests.length > 1 && g.dests.includes(d));
      if (pairs.length)
        m.addRow(`minw_${r}_${destIdx.get(d)}`, [...terms, ...pairs.map((g): Term => [-mw, g.col])], '>=', 0);
    }
  }
  reductions.push(`candidate order–rake pairs: ${pairs} compatible (product–wagon matrix, reachable stock)`);
  reductions.push(
    `destination options: ${counts.singles} single + ${counts.pairs} same-corridor pairs (${counts.pairsDropped} pairs dropped: too few wagons of orders for the minimum each)`,
  );
  reductions.push(
    `stockyard sourcing per product: ${counts.orderYardCols} order×stockyard columns → ${pairs} order + ${counts.sourceCols} product×stockyard columns`,
  );

  // Siding capacity: at every candidate start time, rakes whose (full-rake) loading covers it.
  for (const [code, list] of sidingUse) {
    const lp = p.lps.get(code)!;
    const times = [...new Set(list.map((yv) => yv.startH))].sort((a, b) => a - b);
    for (const t of times) {
      const covering = list.filter((yv) => yv.startH <= t + 1e-9 && yv.startH + yv.durH > t + 1e-9);
      const rakes = new Set(covering.map((yv) => yv.r));
      if (rakes.size > lp.maxRakes)
        m.addRow(
          `sid_${lpIdx.get(code)}_${Math.round(t * 3600)}`,
          covering.map((yv): Term => [1, yv.col]),
          '<=',
          lp.maxRakes,
        );
    }
  }

  // Road.
  const days = [...Array(p.sc.horizon.days).keys()];
  const roadCap = new Map<string, Term[]>();
  for (const o of orders) {
    if (!roadAllowed(p, o)) continue;
    const q = qty(o.id);
    const on = oi.get(o.id)!;
    for (const y of p.stockyards.keys()) {
      if (stockOf(y, o.product) <= 1e-6) continue;
      for (const d of days) {
        const capYD = roadCapacity(p, y, d);
        if (capYD <= 1e-6 || (!o.splittable && capYD < q - 1e-6)) continue;
        const perT = roadTonneCost(p, o, y, d);
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
    const cap = roadCapacity(p, y, Number(d));
    m.addRow(`road_${yardIdx.get(y)}_${d}`, terms, '<=', cap);
  }
  for (const [k, terms] of inv) {
    const [y, prod] = k.split('|') as [string, string];
    m.addRow(
      `inv_${yardIdx.get(y)}_${p.sc.plant.products.findIndex((x) => x.code === prod)}`,
      terms,
      '<=',
      stockOf(y, prod),
    );
  }
  for (const [id, terms] of singleShipment) if (terms.length > 1) m.addRow(`single_${oi.get(id)}`, terms, '<=', 1);
  for (const o of orders) {
    const terms = orderTerms.get(o.id);
    // An order nothing can serve keeps a fixed unserved column, so the objective is the plan's whole cost.
    // An unserved tonne costs its penalty plus the freight it will still pay after the horizon.
    const u = m.addVar(`u_${oi.get(o.id)}`, 'C', unservedTonneCost(p, o), terms ? 0 : qty(o.id), qty(o.id));
    if (terms) m.addRow(`ord_${oi.get(o.id)}`, [...terms, [1, u]], '=', qty(o.id));
  }
  const rakeInts = new Map<number, number[]>();
  const addInt = (r: number, col: number) => rakeInts.set(r, [...(rakeInts.get(r) ?? []), col]);
  for (const yv of Y) addInt(yv.r, yv.col);
  for (const nv of N) addInt(nv.r, nv.col);
  for (const [k, col] of [...zCols, ...wCols]) addInt(Number(k.split('|')[0]), col);
  const roadInts = RD.filter((rv) => rv.perUnitT !== 1).map((rv) => rv.col);
  return { lp: m, y: Y, x: X, s: S, n: N, road: RD, zCols, wCols, rakeInts, roadInts, reductions };
}

/**
 * Where and when rake r may start loading (the time discretisation): at its placement (or the
 * horizon start) and every `slotH` up to `maxWaitH` later, plus the warm start's own times, at
 * sidings handling its wagons, with the full-rake loading inside working hours.
 */
export function rakeSlots(p: Prep, r: number, opts: ModelOptions): Array<{ lp: string; startH: number; durH: number }> {
  const pr = p.rakes[r]!;
  const out: Array<{ lp: string; startH: number; durH: number }> = [];
  for (const lp of p.lps.values()) {
    if (!lp.wagonTypes.includes(pr.rake.wagonType)) continue;
    const dur = pr.capT / lp.loadingRateTph;
    const from = Math.max(0, pr.placeH);
    const starts = [from];
    for (
      let t = Math.ceil((from + 1e-9) / opts.slotH) * opts.slotH;
      t <= from + opts.maxWaitH && t < p.horizonH;
      t += opts.slotH
    )
      starts.push(t);
    for (const e of opts.extraStarts ?? [])
      if (
        e.r === r &&
        e.lp === lp.code &&
        e.startH >= from - 1e-9 &&
        !starts.some((t) => Math.abs(t - e.startH) < 1e-6)
      )
        starts.push(e.startH);
    for (const s of starts) {
      if (s + dur > p.horizonH + 1e-9 || !inWorkingHours(p, lp, s, s + dur)) continue;
      out.push({ lp: lp.code, startH: s, durH: dur });
    }
  }
  return out;
}

/** Compatible order–rake pairs of the whole-horizon model, counted without building it. */
export function countPairs(p: Prep): number {
  let n = 0;
  for (const pr of p.rakes) {
    const yards = new Set(
      [...p.lps.values()].filter((lp) => lp.wagonTypes.includes(pr.rake.wagonType)).flatMap((lp) => lp.stockyards),
    );
    for (const o of p.orders) {
      if (
        railAllowed(o) &&
        carries(p, pr.rake.wagonType, o.product) &&
        [...yards].some((y) => (p.stock.get(key(y, o.product)) ?? 0) > 1e-6)
      )
        n++;
    }
  }
  return n;
}

/** The rule-based draft as a sparse start for the MILP (integers only; HiGHS completes the rest). */
export function draftToStart(p: Prep, b: BuiltModel, draft: Draft): Map<number, number> {
  const start = new Map<number, number>();
  for (const dr of draft.rakes) {
    const dests = [...new Set(dr.lines.map((l) => p.orderById.get(l.orderId)!.destination))].sort();
    const zc = b.zCols.get(`${dr.rakeIdx}|${dests.join(',')}`);
    if (zc !== undefined) start.set(zc, 1);
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
    }
  }
  for (const rd of draft.road) {
    const v = b.road.find((r) => r.o === rd.orderId && r.y === rd.stockyard && r.d === rd.day);
    if (v) start.set(v.col, v.perUnitT === 1 ? rd.tonnes : 1);
  }
  return start;
}
