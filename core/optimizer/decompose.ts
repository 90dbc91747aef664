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

/** Candidate orders per rake in a subproblem: enough for two destinations' worth of small orders. */
const ORDERS_PER_RAKE = 40;

/**
 * Rolling horizon: one MILP per planning day, holding that day's rakes and trucks, solved in
 * day order against the stock, road capacity, siding bookings and order tonnes left by the days
 * before. Each subproblem is small enough to solve near-optimally; the price is that an early
 * day cannot see a later day's rakes (documented in docs/optimizer.md).
 */
export async function solveDecomposed(p: Prep, rb: Draft, opts: { timeLimitS: number; gap: number }, hooks: OptimizeHooks): Promise<DecomposedResult> {
  const started = performance.now();
  const res: Residual = {
    stock: new Map(p.stock),
    roadLeft: new Map(),
    orderLeft: new Map(p.orders.map((o) => [o.id, o.quantityT])),
    booked: new Map(),
  };
  for (const y of p.stockyards.keys()) for (let d = 0; d < p.sc.horizon.days; d++) res.roadLeft.set(`${y}|${d}`, roadCapacity(p, y, d));
  const days = p.sc.horizon.days;
  const out: Draft = { rakes: [], road: [] };
  const size = { columns: 0, integers: 0, rows: 0, nonzeros: 0, subproblems: 0 };
  let stoppedEarly = false;
  let worstGap = 0;
  const statuses = new Set<string>();
  for (let d = 0; d < days; d++) {
    const rakeSubset = p.rakes.map((r, i) => ({ r, i })).filter(({ r }) => Math.max(0, Math.floor(r.placeH / 24)) === d).map(({ i }) => i);
    const dayRb: Draft = { rakes: rb.rakes.filter((r) => rakeSubset.includes(r.rakeIdx)), road: rb.road.filter((r) => r.day === d) };
    const extraStarts = dayRb.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH }));
    const built = buildModel(p, { ...DEFAULT_MODEL_OPTIONS, maxOrdersPerRake: ORDERS_PER_RAKE, rakeSubset, roadDays: [d], residual: res, extraStarts });
    const s = built.lp.size;
    size.columns += s.columns; size.integers += s.integers; size.rows += s.rows; size.nonzeros += s.nonzeros; size.subproblems++;
    const elapsed = (performance.now() - started) / 1000;
    const budget = Math.max(0.5, (opts.timeLimitS - elapsed) / (days - d));
    const sol = stoppedEarly ? null : await solveLp(built.lp, built.lp.toLp(), {
      timeLimitS: budget, gap: opts.gap, start: draftToStart(p, built, dayRb), shouldStop: hooks.shouldStop,
      onProgress: (pr) => hooks.onProgress?.({ ...pr, elapsedS: (performance.now() - started) / 1000, subproblem: `day ${d + 1} of ${days}` }),
    });
    if (sol?.stoppedEarly) stoppedEarly = true;
    if (!sol?.x) { if (sol) statuses.add(sol.status); continue; }
    statuses.add(sol.status);
    worstGap = Math.max(worstGap, sol.gap ?? 0);
    const draft = draftFromSolution(built, sol.x);
    for (const r of draft.rakes) {
      const lines = r.lines.filter((l) => lineTonnes(l) > 0);
      if (lines.length === 0) continue;
      out.rakes.push(r);
      const load = lines.reduce((a, l) => a + lineTonnes(l), 0);
      const lp = p.lps.get(r.lp)!;
      res.booked.set(r.lp, [...(res.booked.get(r.lp) ?? []), [r.startH, r.startH + load / lp.loadingRateTph]]);
      for (const l of lines) {
        const prod = p.orderById.get(l.orderId)!.product;
        for (const [y, t] of l.sources) {
          res.stock.set(key(y, prod), (res.stock.get(key(y, prod)) ?? 0) - t);
          res.orderLeft.set(l.orderId, (res.orderLeft.get(l.orderId) ?? 0) - t);
        }
      }
    }
    for (const r of draft.road) {
      out.road.push(r);
      const prod = p.orderById.get(r.orderId)!.product;
      res.stock.set(key(r.stockyard, prod), (res.stock.get(key(r.stockyard, prod)) ?? 0) - r.tonnes);
      res.roadLeft.set(`${r.stockyard}|${r.day}`, (res.roadLeft.get(`${r.stockyard}|${r.day}`) ?? 0) - r.tonnes);
      res.orderLeft.set(r.orderId, (res.orderLeft.get(r.orderId) ?? 0) - r.tonnes);
    }
  }
  return {
    draft: out,
    status: [...statuses].join(', ') || 'no subproblem solved',
    // Sub-objectives each count the penalty of every order still open, so their sum is not a plan cost.
    objective: null,
    bound: null,
    gap: worstGap,
    stoppedEarly,
    model: size,
    reductions: [`rolling horizon: ${size.subproblems} daily subproblems, ≤ ${ORDERS_PER_RAKE} candidate orders per rake`],
  };
}
