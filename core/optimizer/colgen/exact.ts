import type loadHighs from 'highs';
import { LpModel, type Term } from '../lp-text';
import { handlingRate, key, lateDays, type Prep } from '../prep';
import { patternCost, type Duals, type OrderInfo, type Pattern, type RakeInfo } from './loading';
import { priceRake, type Combo } from './pricing';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** Longest one (slot, destination option)'s MIP may run [s]; they are small, usually proven in milliseconds. */
const COMBO_S = 5;

/**
 * The exact lowest reduced cost of one rake. The knapsack pricing (pricing.ts) prices every
 * (slot, destination option) from below, with each product at its cheapest stockyard's dual
 * whatever that yard holds. Here those combinations are taken cheapest first and each is solved
 * exactly as a small MIP — stock per stockyard, demurrage with its free time — until the next
 * one's lower value is no better than the best exact one: the minimum is then exact. Without it
 * a rake whose cheap yard runs short prices far below any loading it can make, which weakens the
 * bound and stops the generation early, even under the MILP's own LP bound.
 */
export function exactRakePrice(
  h: Highs,
  p: Prep,
  ri: RakeInfo,
  d: Duals,
  run: { deadlineMs: number; shouldStop?: () => boolean } = { deadlineMs: Infinity },
): { reducedCost: number; pattern: Pattern | null } {
  const combos: Combo[] = [];
  priceRake(p, ri, d, 0, combos);
  combos.sort((a, b) => a.rc - b.rc);
  let best = 0;
  // The lowest lower value of a combination not solved to optimality (its MIP stopped, or never
  // run): the rake's exact price may be that low, so what is returned never exceeds it and the
  // Lagrangian bound built on it stays valid.
  let unsolved = Infinity;
  let pattern: Pattern | null = null;
  for (const cb of combos) {
    if (cb.rc >= best - 1e-6) break;
    const leftS = (run.deadlineMs - Date.now()) / 1000;
    if (leftS <= 0 || run.shouldStop?.()) {
      unsolved = Math.min(unsolved, cb.rc);
      break;
    }
    const r = solveCombo(h, p, ri, d, cb, Math.min(COMBO_S, leftS), run.shouldStop);
    if (!r) unsolved = Math.min(unsolved, cb.rc);
    else if (r.rc < best) {
      best = r.rc;
      pattern = r.pattern;
    }
  }
  return { reducedCost: Math.min(best, unsolved), pattern };
}

function solveCombo(
  h: Highs,
  p: Prep,
  ri: RakeInfo,
  d: Duals,
  cb: Combo,
  timeLimitS: number,
  shouldStop?: () => boolean,
): { rc: number; pattern: Pattern | null } | null {
  // null: not solved to the end (a stop or its time limit); rc ∞: no loading at this combination.
  const c = p.sc.costs;
  const lp = p.lps.get(cb.slot.lp)!;
  const demRate = ri.W * c.demurrageRsPerWagonH;
  const wait = demRate * (cb.slot.startH - ri.placeH - c.freeTimeH);
  const yardsByProd = ri.yards.get(cb.slot.lp)!;
  const orders = ri.cands
    .get(cb.slot.lp)!
    .filter((oi) => cb.dests.includes(oi.dest) && (oi.splittable || oi.q <= ri.cap + 1e-6));
  if (!orders.length) return null;
  const m = new LpModel();
  const dem = m.addVar('dem', 'C', 1);
  const load: Term[] = [];
  const byProduct = new Map<string, Term[]>();
  const wagons: Term[] = [];
  const byDest = new Map<string, Term[]>();
  const cols: Array<{ oi: OrderInfo; x: number; n: number }> = [];
  for (const oi of orders) {
    const maxT = Math.min(oi.q, ri.cap);
    const late = lateDays(cb.slot.startH + cb.slot.durH + oi.transitH, oi.dueH) * oi.lateRate;
    const x = m.addVar(`x${oi.o}`, 'C', oi.rate + late + handlingRate(p, lp) - d.order(oi.o) - cb.rate, 0, maxT);
    const n = m.addVar(`n${oi.o}`, 'I', 0, 0, Math.min(ri.W, Math.ceil(maxT / ri.pcc - 1e-9)));
    m.addRow(
      `wag${oi.o}`,
      [
        [1, x],
        [-ri.pcc, n],
      ],
      '<=',
      0,
    );
    // Every wagon carries load, as in model.ts (wagf_*): a pair's minimum wagons are real wagons.
    const rem = maxT - Math.floor(maxT / ri.pcc + 1e-9) * ri.pcc;
    m.addRow(
      `wagf${oi.o}`,
      [
        [1, x],
        [-ri.pcc, n],
      ],
      '>=',
      Math.min(1, rem > 1e-6 ? rem : maxT) - ri.pcc,
    );
    if (!oi.splittable) {
      const w = m.addVar(`w${oi.o}`, 'B', -d.single(oi.o));
      m.addRow(
        `whole${oi.o}`,
        [
          [1, x],
          [-oi.q, w],
        ],
        '=',
        0,
      );
    }
    load.push([1, x]);
    wagons.push([1, n]);
    byProduct.set(oi.product, [...(byProduct.get(oi.product) ?? []), [1, x]]);
    byDest.set(oi.dest, [...(byDest.get(oi.dest) ?? []), [1, n]]);
    cols.push({ oi, x, n });
  }
  const draws: Array<{ k: string; col: number }> = [];
  for (const [prod, xs] of byProduct) {
    const ss: Term[] = [];
    for (const y of yardsByProd.get(prod) ?? []) {
      const k = key(y, prod);
      const col = m.addVar(`s${draws.length}`, 'C', -d.inv(k), 0, Math.min(ri.cap, p.stock.get(k) ?? 0));
      draws.push({ k, col });
      ss.push([1, col]);
    }
    m.addRow(`prod${draws.length}`, [...ss, ...xs.map(([, v]): Term => [-1, v])], '=', 0);
  }
  m.addRow('wagons', wagons, '<=', ri.W);
  if (cb.dests.length > 1)
    for (const [k, ns] of byDest) m.addRow(`minw_${cb.dests.indexOf(k)}`, ns, '>=', c.minWagonsPerDestination);
  if (cb.dests.length > 1 && byDest.size < cb.dests.length) return null;
  m.addRow('demur', [[1, dem], ...load.map(([, v]): Term => [-demRate / lp.loadingRateTph, v])], '>=', wait);
  let fixed = cb.rate * ri.cap + (cb.dests.length > 1 ? c.twoPointSurchargeRs : 0) - d.rake(ri.r);
  for (const row of cb.slot.sidRows) fixed -= d.sid(row);
  const model = h.createModel({ format: 'lp', data: m.toLp() });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 1e-9, time_limit: timeLimitS });
    model.run(
      shouldStop
        ? {
            [h.constants.callbackType.mipInterrupt]: (e) => {
              if (shouldStop()) e.interrupt();
              return undefined;
            },
          }
        : undefined,
    );
    const status = model.getModelStatus();
    // Proven infeasible (no stock mix meets the minimum wagons): this combination has no loading.
    // Every variable is bounded, so "unbounded or infeasible" is infeasible here.
    const ms = h.constants.modelStatus;
    if (status === ms.infeasible || status === ms.unboundedOrInfeasible) return { rc: Infinity, pattern: null };
    if (status !== ms.optimal) return null;
    const sol = model.getSolution().colValue;
    const at = (col: number) => sol[model.getColByName(m.names[col]!)]!;
    const rc = model.getObjectiveValue() + fixed;
    const lines = cols
      .map(({ oi, x }) => ({ o: oi.o, tonnes: at(x) }))
      .filter((l) => l.tonnes > 1e-6)
      .map((l) => ({ ...l, wagons: Math.ceil(l.tonnes / ri.pcc - 1e-9) }));
    if (!lines.length) return { rc, pattern: null };
    const drawn = new Map<string, number>();
    for (const { k, col } of draws) if (at(col) > 1e-6) drawn.set(k, at(col));
    const byOrder = new Map(cols.map(({ oi }) => [oi.o, { oi }]));
    const cost = patternCost(p, ri, cb.slot, cb.rate, lines, byOrder, cb.dests.length);
    return {
      rc,
      pattern: {
        r: ri.r,
        lp: cb.slot.lp,
        startH: cb.slot.startH,
        sidRows: cb.slot.sidRows,
        dests: cb.dests,
        lines,
        draws: drawn,
        cost,
      },
    };
  } finally {
    model.dispose();
  }
}
