import type { Scenario } from '../domain/scenario';
import type { SolverInfo } from '../domain/plan';
import { buildPlan, draftCost } from './build-plan';
import { buildModel, countPairs, startOptions, type BuiltModel } from './model';
import { assertPlanLimits } from './limits';
import { prepare, type Closures, type Prep } from './prep';
import type { Draft } from './draft';
import { greedyDraft } from './greedy';
import { ruleBasedDraft } from './rule-based';
import { finalPassReserveS } from './final-pass';
import { cutNote, PlanFinisher, type FinishResult, type HeuristicPlan } from './finish';
import type { OptimizeHooks } from './hooks';
import { PhaseClock } from './phase-clock';
import { solveByRake } from './solve-by-rake';
import { solveWholeHorizon } from './solve-whole';

export interface OptimizeOptions {
  /** Wall-clock budget for the solver [s] (default 30). */
  timeLimitS?: number;
  /** Relative MIP gap at which to stop (default 0.005 = 0.5 %). */
  gap?: number;
  /**
   * `auto` solves models above SEARCH_ONLY_PAIRS order–rake pairs by rake on two workers
   * (decompose.ts): two dives up to MONOLITHIC_LIMIT (week), a bound and a dive above it (large).
   */
  decompose?: 'auto' | 'never' | 'always';
  /** Return the LP text of the (monolithic) model, for `--export-lp`. */
  exportLp?: boolean;
  /** Skip branch-and-bound (neighbourhood search + LP bound) above this many candidate pairs (default SEARCH_ONLY_PAIRS). */
  searchOnlyAbovePairs?: number;
  /** Skip the MILP and return the rule-based plan (a fallback the planner can ask for). */
  ruleBasedOnly?: boolean;
  /** Siding outages and "now" a re-plan must plan around (prep.ts Closures). */
  closures?: Closures;
}

export type { OptimizeHooks, OptimizeProgress } from './hooks';

/** The plan, and the LP text of the whole-horizon model when it was built (`exportLp`). */
export type OptimizeResult = FinishResult;

/** Warm start: the cheaper of the rule-based plan and the economic greedy plan. */
function warmStart(p: Prep, rbDraft: Draft): Draft {
  const gDraft = greedyDraft(p);
  return draftCost(p, gDraft) < draftCost(p, rbDraft) ? gDraft : rbDraft;
}

/** The whole-horizon model exactly as `optimize` solves it (its warm start's loadings are slots). */
function wholeHorizonModel(p: Prep, startDraft: Draft): BuiltModel {
  return buildModel(p, startOptions(startDraft));
}

/** The LP text `optimize` would solve for this scenario (for `plans.export` format `lp`). */
export function exportModelLp(sc: Scenario): string {
  const p = prepare(sc);
  return wholeHorizonModel(p, warmStart(p, ruleBasedDraft(p))).lp.toLp();
}

/**
 * Above this many candidate pairs the root relaxation alone takes most of a minute (week: ~4,000
 * pairs, 20 s+ for the LP), so branch-and-bound is not run: by default such a model is solved on
 * two workers (decompose.ts; with `decompose: 'never'`, column generation, a dive and the
 * neighbourhood search on one thread). On one thread the week used one core of two and its
 * neighbourhood search seldom improved the dive's plan; two dives from shared rounds did better
 * when they got both cores (bench/RESULTS.md, "Figures behind choices in the code").
 */
export const SEARCH_ONLY_PAIRS = 2500;

/**
 * Deadlines of the heuristic passes as shares of the time limit, from the start of the solve. The
 * rule-based pass (yardstick and fallback) must end by 30 % of it, the greedy warm start by 60 %;
 * what is left goes to the solver, then pricing and the checker. Both passes take well under a
 * second up to the large size, so only huge inputs (tens of thousands of orders) reach them.
 * Asked for the rule-based plan alone, it has 80 %.
 */
const RULE_BASED_SHARE = 0.3;
const GREEDY_SHARE = 0.6;
const RULE_BASED_ONLY_SHARE = 0.8;

/**
 * Above this many orders the solver is not run: the heuristics' plan is returned (method named,
 * status saying why). Its models grow with the orders and their building has no deadline: at
 * 50,000 orders (week plant) the restricted master alone took 6 s to build and 30 s for its first
 * LP; at 10,000, 1 s and 2 s. The large size has 2,000.
 */
export const SOLVER_MAX_ORDERS = 10_000;

/** The solver is skipped when fewer seconds than this are left after the heuristic passes. */
const SOLVER_MIN_S = 1;

/** Above this many candidate order–rake pairs one worker prices for the bound and one dives (large). */
export const MONOLITHIC_LIMIT = 6000;

/**
 * Plan a scenario: rule-based plan first (yardstick and fallback), then the MILP on HiGHS,
 * then the independent checker on whatever will be returned. A solver plan is returned only when
 * HiGHS says it is feasible, the checker passes it and it is no dearer than the rule-based plan;
 * otherwise the cheaper of the checked greedy plan and the rule-based plan is returned, with why.
 */
export async function optimize(
  sc: Scenario,
  opts: OptimizeOptions = {},
  hooks: OptimizeHooks = {},
): Promise<OptimizeResult> {
  const timeLimitS = opts.timeLimitS ?? 30;
  const gap = opts.gap ?? 0.005;
  assertPlanLimits(sc);
  const clock = new PhaseClock(timeLimitS);
  const p = prepare(sc, opts.closures);
  clock.done('prepare');
  hooks.onProgress?.({ phase: 'rule-based', incumbent: null, bound: null, gap: null, elapsedS: clock.elapsed() });
  const rbDeadline = clock.share(opts.ruleBasedOnly ? RULE_BASED_ONLY_SHARE : RULE_BASED_SHARE);
  const rbDraft = ruleBasedDraft(p, rbDeadline);
  clock.done('rule-based', rbDeadline, Boolean(rbDraft.cut));
  const unexplained = (d: Draft, solver: SolverInfo, rbCost: number | null) =>
    buildPlan(p, d, solver, rbCost, [], { explain: false });
  const rbPlan = unexplained(
    rbDraft,
    { method: 'rule-based', status: 'rule-based', objective: null, bound: null, gap: null, seconds: clock.elapsed() },
    null,
  );
  const rb = { draft: rbDraft, plan: rbPlan, cost: rbPlan.summary.totalCost };
  clock.done('pricing the rule-based plan');
  if (opts.ruleBasedOnly) {
    clock.done('pricing and checking');
    const status = rbDraft.cut ? 'rule-based, stopped at its deadline' : rbPlan.solver.status;
    const solver = { ...rbPlan.solver, status, seconds: clock.elapsed(), timeLimitS, phases: clock.phases };
    const notes = cutNote(rbDraft, 'rule-based pass', timeLimitS);
    return { plan: buildPlan(p, rbDraft, solver, rb.cost, notes), lpText: null };
  }
  // No orders, nothing to decide: the solver would only fail on an empty model.
  if (sc.orders.length === 0) {
    clock.done('pricing and checking');
    const solver = {
      method: 'rule-based' as const,
      status: 'nothing to plan: the scenario has no orders',
      objective: 0,
      bound: 0,
      gap: 0,
      seconds: clock.elapsed(),
      timeLimitS,
      gapLimit: gap,
      phases: clock.phases,
    };
    const notes = ['The scenario has no orders: there is nothing to plan.'];
    return { plan: buildPlan(p, rbDraft, solver, rb.cost, notes), lpText: null };
  }
  // Cut short, the rule-based pass leaves the greedy pass no time: it is not run.
  let greedy: HeuristicPlan = { draft: { rakes: [], road: [] }, plan: rbPlan, cost: Infinity };
  if (!rbDraft.cut) {
    const gDeadline = clock.share(GREEDY_SHARE);
    const gDraft = greedyDraft(p, gDeadline);
    clock.done('greedy', gDeadline, Boolean(gDraft.cut));
    const gPlan = unexplained(
      gDraft,
      { method: 'greedy heuristic', status: '', objective: null, bound: null, gap: null, seconds: 0 },
      rb.cost,
    );
    greedy = { draft: gDraft, plan: gPlan, cost: gPlan.summary.totalCost };
    clock.done('pricing the greedy plan');
  }
  const fromGreedy = greedy.cost < rb.cost;
  const startDraft = fromGreedy ? greedy.draft : rbDraft;
  const fin = new PlanFinisher(sc, p, clock, gap, rb, greedy);

  // No solver when the heuristics already used the time, or the scenario is beyond what the
  // solver's models can be built for within a limit: the cheaper checked heuristic plan, named.
  const leftS = timeLimitS - clock.elapsed();
  const skipSolver = rbDraft.cut
    ? 'the rule-based pass stopped at its deadline, leaving no time for the greedy pass'
    : greedy.draft.cut
      ? 'the greedy pass stopped at its deadline'
      : p.orders.length > SOLVER_MAX_ORDERS
        ? `${p.orders.length.toLocaleString('en-IN')} orders are more than the ${SOLVER_MAX_ORDERS.toLocaleString('en-IN')} the solver's models are built for within a time limit`
        : leftS < SOLVER_MIN_S
          ? `only ${Math.max(0, leftS).toFixed(1)} s of the ${timeLimitS} s limit were left after the rule-based and greedy passes`
          : null;
  if (skipSolver) return fin.heuristicOnly(`solver skipped: ${skipSolver}`);

  hooks.onProgress?.({ phase: 'building', incumbent: rb.cost, bound: null, gap: null, elapsedS: clock.elapsed() });
  const pairs = countPairs(p);
  const decompose = opts.decompose === 'always' || (opts.decompose !== 'never' && pairs > SEARCH_ONLY_PAIRS);
  // The whole-horizon model is built only when it is solved or asked for (it is large when decomposed).
  const built = !decompose || opts.exportLp ? wholeHorizonModel(p, startDraft) : null;
  const lpText = built ? built.lp.toLp() : null;
  const pairNote = `candidate order–rake pairs: ${pairs} (product–wagon matrix, reachable stock)`;

  let solved: { draft: Draft; info: SolverInfo };
  try {
    if (decompose) {
      const profile = pairs > MONOLITHIC_LIMIT ? 'large' : 'week';
      const start = { draft: startDraft, greedy: fromGreedy, other: fromGreedy ? rbDraft : greedy.draft };
      solved = await solveByRake(sc, p, start, profile, pairNote, fin, clock, hooks);
    } else {
      if (!built || !lpText) throw new Error('internal: the whole-horizon model was not built');
      const r = await solveWholeHorizon(
        p,
        built,
        lpText,
        { draft: startDraft, cost: Math.min(greedy.cost, rb.cost) },
        {
          secondsLeft: () => Math.max(1, timeLimitS - clock.elapsed() - finalPassReserveS(timeLimitS)),
          gap,
          searchOnly: pairs > (opts.searchOnlyAbovePairs ?? SEARCH_ONLY_PAIRS),
          timeLimitS,
        },
        hooks,
        () => clock.elapsed(),
      );
      if (!r.ok) return fin.fallback(r.reason, r.extra, lpText);
      solved = r;
    }
  } catch (err) {
    return fin.fallback(`the solver failed: ${(err as Error).message}`, {}, lpText);
  }
  const { info } = solved;
  hooks.onProgress?.({
    phase: 'checking',
    incumbent: info.objective,
    bound: info.bound,
    gap: info.gap,
    elapsedS: clock.elapsed(),
  });
  return fin.accept(solved.draft, info, lpText);
}
