import { buildPlan } from './build-plan';
import { lineTonnes, type Draft } from './draft';
import { draftFromSolution } from './extract';
import { solveLp } from './highs-driver';
import { DEFAULT_MODEL_OPTIONS, buildModel, draftToStart, type Residual } from './model';
import type { OptimizeHooks } from './optimize';
import { key, roadCapacity, type Prep } from './prep';

export interface DecomposedResult {
  draft: Draft;
  status: string;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  stoppedEarly: boolean;
  model: { columns: number; integers: number; rows: number; nonzeros: number; subproblems: number };
  reductions: string[];
}

/** Candidate orders per rake in a subproblem (plus every order the incumbent puts on it). */
const ORDERS_PER_RAKE = 40;

const SUB_GAP = 1e-4;
/** A day's re-plan must save at least this much [₹] to replace the incumbent's day. */
const IMPROVE_RS = 1000;

const dayOf = (placeH: number) => Math.max(0, Math.floor(placeH / 24));

/**
 * Day-by-day fix-and-optimise around an incumbent plan (the warm start): for each planning day,
 * the incumbent's other days stay fixed — their stock draws, truck loads, siding bookings and
 * order tonnes are taken out — and one MILP re-plans that day's rakes and trucks, starting from
 * the incumbent's own decisions for the day. Each subproblem therefore costs at most what the
 * incumbent did, and its objective (that day's costs plus the penalty of what stays unserved) is
 * the whole plan's cost up to a constant, so every accepted change lowers the total.
 */
export async function solveDecomposed(p: Prep, incumbent: Draft, opts: { timeLimitS: number; gap: number }, hooks: OptimizeHooks): Promise<DecomposedResult> {
  const started = performance.now();
  const days = p.sc.horizon.days;
  let plan: Draft = { rakes: [...incumbent.rakes], road: [...incumbent.road] };
  const size = { columns: 0, integers: 0, rows: 0, nonzeros: 0, subproblems: 0 };
  let stoppedEarly = false;
  let worstGap = 0;
  const statuses = new Set<string>();
  // Passes over the days until one gains nothing or time runs out: a later day's change can make
  // an earlier day improvable again.
  let bestCost = priceOf(p, plan);
  let pass = 0;
  let changedInPass = true;
  const elapsed = () => (performance.now() - started) / 1000;
  for (; changedInPass && !stoppedEarly && elapsed() < opts.timeLimitS - 0.5; pass++) {
  changedInPass = false;
  for (let d = 0; d < days && !stoppedEarly && elapsed() < opts.timeLimitS - 0.5; d++) {
    const rakeSubset = p.rakes.map((r, i) => ({ r, i })).filter(({ r }) => dayOf(r.placeH) === d).map(({ i }) => i);
    const inDay = (r: { rakeIdx: number }) => rakeSubset.includes(r.rakeIdx);
    const fixed: Draft = { rakes: plan.rakes.filter((r) => !inDay(r)), road: plan.road.filter((r) => r.day !== d) };
    const mine: Draft = { rakes: plan.rakes.filter(inDay), road: plan.road.filter((r) => r.day === d) };
    const res = residualAfter(p, fixed);
    const mustInclude = new Map(mine.rakes.map((r) => [r.rakeIdx, new Set(r.lines.map((l) => l.orderId))]));
    const extraStarts = mine.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH }));
    const built = buildModel(p, { ...DEFAULT_MODEL_OPTIONS, maxOrdersPerRake: ORDERS_PER_RAKE, rakeSubset, roadDays: [d], residual: res, extraStarts, mustInclude });
    const s = built.lp.size;
    size.columns += s.columns; size.integers += s.integers; size.rows += s.rows; size.nonzeros += s.nonzeros; size.subproblems++;
    const budget = Math.max(0.5, Math.min(opts.timeLimitS - elapsed(), opts.timeLimitS / (2 * days)));
    const sol = await solveLp(built.lp, built.lp.toLp(), {
      // A subproblem's objective carries the fixed days' unserved penalty as a constant, so a
      // relative gap must be much tighter than the planner's to mean the same in rupees.
      timeLimitS: budget, gap: Math.min(opts.gap, SUB_GAP), start: draftToStart(p, built, mine), shouldStop: hooks.shouldStop,
      onProgress: (pr) => hooks.onProgress?.({ ...pr, elapsedS: (performance.now() - started) / 1000, subproblem: `day ${d + 1} of ${days}` }),
    });
    statuses.add(sol.status);
    if (sol.stoppedEarly) stoppedEarly = true;
    if (!sol.x) continue; // the incumbent's day stays as it was
    worstGap = Math.max(worstGap, sol.gap ?? 0);
    // Keep the new day only if the whole plan, priced by the cost rules, is cheaper: the model
    // prices lateness conservatively, so its objective alone could cycle between equal plans.
    const day = draftFromSolution(built, sol.x);
    const candidate = { rakes: [...fixed.rakes, ...day.rakes.filter((r) => r.lines.some((l) => lineTonnes(l) > 0))], road: [...fixed.road, ...day.road] };
    const cost = priceOf(p, candidate);
    if (cost > bestCost - IMPROVE_RS) continue;
    plan = candidate;
    bestCost = cost;
    changedInPass = true;
  }
  }
  return {
    draft: plan,
    status: [...statuses].join(', ') || 'no subproblem solved',
    // Sub-objectives carry constants (the fixed days), so their sum is not a plan cost.
    objective: null,
    bound: null,
    gap: worstGap,
    stoppedEarly,
    model: size,
    reductions: [`day-by-day fix-and-optimise: ${size.subproblems} daily subproblems in ${pass} pass(es) around the warm start, ≤ ${ORDERS_PER_RAKE} candidate orders per rake plus the warm start's`],
  };
}

function priceOf(p: Prep, d: Draft): number {
  return buildPlan(p, d, { method: 'milp (decomposed)', status: '', objective: null, bound: null, gap: null, seconds: 0 }, null).summary.totalCost;
}

/** Stock, road capacity, order tonnes and siding bookings left after the fixed part of a plan. */
function residualAfter(p: Prep, fixed: Draft): Residual {
  const res: Residual = { stock: new Map(p.stock), roadLeft: new Map(), orderLeft: new Map(p.orders.map((o) => [o.id, o.quantityT])), booked: new Map() };
  for (const y of p.stockyards.keys()) for (let d = 0; d < p.sc.horizon.days; d++) res.roadLeft.set(`${y}|${d}`, roadCapacity(p, y, d));
  for (const r of fixed.rakes) {
    const load = r.lines.reduce((a, l) => a + lineTonnes(l), 0);
    if (load <= 0) continue;
    const lp = p.lps.get(r.lp)!;
    res.booked.set(r.lp, [...(res.booked.get(r.lp) ?? []), [r.startH, r.startH + load / lp.loadingRateTph]]);
    for (const l of r.lines) {
      const prod = p.orderById.get(l.orderId)!.product;
      for (const [y, t] of l.sources) {
        res.stock.set(key(y, prod), (res.stock.get(key(y, prod)) ?? 0) - t);
        res.orderLeft.set(l.orderId, (res.orderLeft.get(l.orderId) ?? 0) - t);
      }
    }
  }
  for (const r of fixed.road) {
    const prod = p.orderById.get(r.orderId)!.product;
    res.stock.set(key(r.stockyard, prod), (res.stock.get(key(r.stockyard, prod)) ?? 0) - r.tonnes);
    res.roadLeft.set(`${r.stockyard}|${r.day}`, (res.roadLeft.get(`${r.stockyard}|${r.day}`) ?? 0) - r.tonnes);
    res.orderLeft.set(r.orderId, (res.orderLeft.get(r.orderId) ?? 0) - r.tonnes);
  }
  return res;
}
