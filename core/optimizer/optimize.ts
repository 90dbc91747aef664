import { checkPlan, type Violation } from '../checker/check';
import type { Scenario } from '../domain/scenario';
import { buildPlan, draftCost } from './build-plan';
import { solveDecomposed } from './decompose';
import { highs } from './highs-driver';
import { modelObjective } from './colgen/master';
import { buildModel, countPairs, startOptions, type BuiltModel } from './model';
import type { PhaseTime, Plan, SolverInfo } from '../domain/plan';
import { namedViolations } from '../domain/violations';
import type { Deadline } from './deadline';
import { assertPlanLimits } from './limits';
import { prepare, type Closures, type Prep } from './prep';
import type { Draft } from './draft';
import { greedyDraft } from './greedy';
import { ruleBasedDraft } from './rule-based';
import { finalPass, finalPassExtraS, finalPassReserveS, postSolveReserveS } from './final-pass';
import { relativeGap, type OptimizeHooks } from './hooks';
import { solveWholeHorizon } from './solve-whole';
import { rupees } from '../domain/figures';

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

export interface OptimizeResult {
  plan: Plan;
  lpText: string | null;
}

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
 * Seconds of the limit left when the large bound worker stops. Its plan is priced, explained and
 * checked while it prices on, so its bound is the last figure the plan waits for; beside seven
 * busy processes a round takes 15–20 s of wall time, and a round the deadline cuts gives no bound.
 */
const BOUND_MARGIN_S = 1;

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
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const timeLimitS = opts.timeLimitS ?? 30;
  const gap = opts.gap ?? 0.005;
  assertPlanLimits(sc);
  const phases: PhaseTime[] = [];
  let phaseAt = 0;
  const phaseDone = (phase: string, deadline?: Deadline, stoppedAtDeadline = false) => {
    const now = elapsed();
    phases.push({
      phase,
      seconds: now - phaseAt,
      ...(deadline ? { deadlineS: (deadline.atMs - started) / 1000 } : {}),
      stoppedAtDeadline,
    });
    phaseAt = now;
  };
  const deadlineAt = (share: number): Deadline => ({ atMs: started + share * timeLimitS * 1000, limitS: timeLimitS });
  const p = prepare(sc, opts.closures);
  phaseDone('prepare');
  hooks.onProgress?.({ phase: 'rule-based', incumbent: null, bound: null, gap: null, elapsedS: elapsed() });
  const rbDeadline = deadlineAt(opts.ruleBasedOnly ? RULE_BASED_ONLY_SHARE : RULE_BASED_SHARE);
  const rbDraft = ruleBasedDraft(p, rbDeadline);
  phaseDone('rule-based', rbDeadline, Boolean(rbDraft.cut));
  const rbPlan = buildPlan(
    p,
    rbDraft,
    { method: 'rule-based', status: 'rule-based', objective: null, bound: null, gap: null, seconds: elapsed() },
    null,
    [],
    { explain: false },
  );
  const rbCost = rbPlan.summary.totalCost;
  phaseDone('pricing the rule-based plan');
  const cutNote = (d: Draft, what: string) =>
    d.cut
      ? [
          `The ${what} stopped at its deadline within the time limit (${timeLimitS} s): ${d.cut.orders.size.toLocaleString('en-IN')} orders it had not reached are unserved, with that reason.`,
        ]
      : [];
  if (opts.ruleBasedOnly) {
    phaseDone('pricing and checking');
    const status = rbDraft.cut ? 'rule-based, stopped at its deadline' : rbPlan.solver.status;
    return {
      plan: buildPlan(
        p,
        rbDraft,
        { ...rbPlan.solver, status, seconds: elapsed(), timeLimitS, phases },
        rbCost,
        cutNote(rbDraft, 'rule-based pass'),
      ),
      lpText: null,
    };
  }
  // No orders, nothing to decide: the solver would only fail on an empty model.
  if (sc.orders.length === 0) {
    phaseDone('pricing and checking');
    const solver = {
      method: 'rule-based' as const,
      status: 'nothing to plan: the scenario has no orders',
      objective: 0,
      bound: 0,
      gap: 0,
      seconds: elapsed(),
      timeLimitS,
      gapLimit: gap,
      phases,
    };
    return {
      plan: buildPlan(p, rbDraft, solver, rbCost, ['The scenario has no orders: there is nothing to plan.']),
      lpText: null,
    };
  }
  // Cut short, the rule-based pass leaves the greedy pass no time: it is not run.
  const gDeadline = deadlineAt(GREEDY_SHARE);
  let gDraft: Draft = { rakes: [], road: [] };
  let gPlan = rbPlan;
  let gCost = Infinity;
  if (!rbDraft.cut) {
    gDraft = greedyDraft(p, gDeadline);
    phaseDone('greedy', gDeadline, Boolean(gDraft.cut));
    gPlan = buildPlan(
      p,
      gDraft,
      { method: 'greedy heuristic', status: '', objective: null, bound: null, gap: null, seconds: 0 },
      rbCost,
      [],
      { explain: false },
    );
    gCost = gPlan.summary.totalCost;
    phaseDone('pricing the greedy plan');
  }
  const startDraft = gCost < rbCost ? gDraft : rbDraft;
  // Every returned plan gets the final improvement pass (final-pass.ts); a pass whose plan the
  // checker refused (it never should) is dropped, named in the notes.
  // Where the pass must end: the limit, less what pricing and checking its plan take after it
  // (the decomposed path sets its own reserve for that below).
  let passEndS = timeLimitS - 0.25;
  const runPass = (d: Draft) => {
    const endDeadline: Deadline = { atMs: started + passEndS * 1000, limitS: timeLimitS };
    // A solver that overran its share still leaves the pass a little time: it never is skipped.
    const fp = finalPass(p, d, {
      ...endDeadline,
      atMs: Math.max(endDeadline.atMs, performance.now() + 300 * finalPassReserveS(timeLimitS)),
    });
    phaseDone('final improvement pass', endDeadline, !fp.info.complete);
    return fp;
  };
  // Each plan is checked once (a plan's solver figures are no input of the checker).
  const verdicts = new WeakMap<Plan, ReturnType<typeof checkPlan>>();
  const check = (plan: Plan) => {
    const v = verdicts.get(plan) ?? checkPlan(sc, plan);
    verdicts.set(plan, v);
    return v;
  };
  // The pass already run on a decomposed solve's plan while its bound worker priced on, and the
  // plan built and checked from it: only its solver figures are still to come.
  let passed: { draft: Draft; fp: ReturnType<typeof finalPass>; plan?: Plan } | null = null;
  // (Read through a function: TypeScript does not see the callback that sets `passed`.)
  const prebuilt = () => passed?.plan;
  const finished = (d: Draft, solver: SolverInfo, notes: string[]): Plan => {
    if (passed?.plan && passed.draft === d && notes.length === 0) {
      const { finalPass: fpInfo } = passed.plan.solver;
      passed.plan.solver = { ...solver, ...(fpInfo ? { finalPass: fpInfo } : {}) };
      return passed.plan;
    }
    const fp = passed?.draft === d ? passed.fp : runPass(d);
    const plan = buildPlan(p, fp.draft, { ...solver, finalPass: fp.info }, rbCost, [...notes, ...fp.notes]);
    const moved = Object.values(fp.info.moves).reduce((n, k) => n + (k ?? 0), 0);
    if (moved === 0 || check(plan).ok) return plan;
    return buildPlan(p, d, solver, rbCost, [
      ...notes,
      'The final improvement pass was dropped: its plan failed the checker.',
    ]);
  };
  // The solver gave no usable plan: the cheaper checked heuristic plan comes back, not the
  // rule-based one when the greedy warm start beats it (a starved solve often ends here).
  const fallback = (reason: string, extra: Partial<SolverInfo> = {}, lpText: string | null = null): OptimizeResult => {
    const greedy = gCost < rbCost - 0.5 && check(gPlan).ok;
    const info: SolverInfo = {
      method: greedy ? 'greedy heuristic' : 'rule-based fallback',
      status: extra.status ?? 'no solver plan',
      objective: null,
      bound: null,
      gap: null,
      ...extra,
      seconds: elapsed(),
      fallbackReason: reason,
      timeLimitS,
      gapLimit: gap,
      phases,
    };
    const plan = greedy
      ? finished(gDraft, info, [`Greedy plan (the solver's warm start) returned: ${reason}.`])
      : finished(rbDraft, info, [`Rule-based plan returned: ${reason}.`, ...cutNote(rbDraft, 'rule-based pass')]);
    // The last resort is checked too: a planner is told, never handed a plan that breaks a rule unawares.
    const verdict = greedy ? null : check(plan);
    if (verdict && !verdict.ok)
      plan.notes.push(`The rule-based plan also fails the checker: ${violationsText(verdict.violations)}.`);
    return { plan, lpText };
  };

  // The heuristic plans are already priced: only their solver info and notes change.
  const heuristicOnly = (why: string): OptimizeResult => {
    const info = { objective: null, bound: null, gap: null, timeLimitS, gapLimit: gap, phases };
    const greedy = gCost < rbCost - 0.5;
    if (greedy && !check(gPlan).ok) return fallback(why, { status: why });
    const plan = greedy
      ? finished(gDraft, { ...info, method: 'greedy heuristic', status: why, seconds: 0 }, [
          `Greedy plan returned (${why}).`,
          ...cutNote(gDraft, 'greedy pass'),
        ])
      : finished(rbDraft, { ...info, method: 'rule-based fallback', status: why, seconds: 0, fallbackReason: why }, [
          `Rule-based plan returned: ${why}.`,
          ...cutNote(rbDraft, 'rule-based pass'),
        ]);
    phaseDone('pricing and checking');
    plan.solver.seconds = elapsed();
    return { plan, lpText: null };
  };

  // No solver when the heuristics already used the time, or the scenario is beyond what the
  // solver's models can be built for within a limit: the cheaper checked heuristic plan, named.
  const leftS = timeLimitS - elapsed();
  const skipSolver = rbDraft.cut
    ? 'the rule-based pass stopped at its deadline, leaving no time for the greedy pass'
    : gDraft.cut
      ? 'the greedy pass stopped at its deadline'
      : p.orders.length > SOLVER_MAX_ORDERS
        ? `${p.orders.length.toLocaleString('en-IN')} orders are more than the ${SOLVER_MAX_ORDERS.toLocaleString('en-IN')} the solver's models are built for within a time limit`
        : leftS < SOLVER_MIN_S
          ? `only ${Math.max(0, leftS).toFixed(1)} s of the ${timeLimitS} s limit were left after the rule-based and greedy passes`
          : null;
  if (skipSolver) return heuristicOnly(`solver skipped: ${skipSolver}`);

  hooks.onProgress?.({ phase: 'building', incumbent: rbCost, bound: null, gap: null, elapsedS: elapsed() });
  const pairs = countPairs(p);
  const decompose = opts.decompose === 'always' || (opts.decompose !== 'never' && pairs > SEARCH_ONLY_PAIRS);
  const profile = pairs > MONOLITHIC_LIMIT ? 'large' : 'week';
  // The whole-horizon model is built only when it is solved or asked for (it is large when decomposed).
  const built = !decompose || opts.exportLp ? wholeHorizonModel(p, startDraft) : null;
  const lpText = built ? built.lp.toLp() : null;
  const pairNote = `candidate order–rake pairs: ${pairs} (product–wagon matrix, reachable stock)`;

  let draft;
  let info: SolverInfo;
  try {
    if (decompose) {
      // Time kept for pricing the plan, its model objective and the checker after the final pass.
      // On a busy machine they need more wall time, at the CPU share the workers receive (the
      // heuristic passes' reading counts the process's helper threads: 0.46 where the workers
      // got 0.24): the hand-over frees it and the pass ends early enough to leave it.
      const postSolveS = (share: number) => postSolveReserveS(timeLimitS, p.orders.length, share);
      const decomposedReserveS = postSolveS(1);
      const passEndAt = (share: number) => timeLimitS - 0.25 - postSolveS(share);
      const solverDeadline: Deadline = { atMs: started + timeLimitS * 1000, limitS: timeLimitS };
      const boundUntilMs = () => Date.now() + (started + (timeLimitS - BOUND_MARGIN_S) * 1000 - performance.now());
      const hs = await highs();
      // The whole-horizon model's objective of the plan the solve returns (before the final pass).
      let objective: number | null | undefined;
      const d = await solveDecomposed(
        sc,
        p,
        startDraft,
        [startDraft === gDraft ? rbDraft : gDraft],
        {
          timeLimitS: Math.max(1, timeLimitS - elapsed() - decomposedReserveS - finalPassReserveS(timeLimitS)),
          profile,
          // Large: the final pass gets the search's last seconds when the CPU share is low.
          ...(profile === 'large'
            ? {
                handOverS: (share: number) =>
                  finalPassExtraS(timeLimitS, share) + postSolveS(share) - decomposedReserveS,
                // The bound worker's rounds go on through the final pass on the dive's plan and the
                // plan's pricing and checking, to just before the limit.
                whileBound: {
                  boundUntilMs: boundUntilMs(),
                  run: (plan: Draft, share: number) => {
                    passEndS = passEndAt(share);
                    objective = modelObjective(p, hs, startOptions(startDraft), plan);
                    phaseDone('solver', solverDeadline);
                    passed = { draft: plan, fp: runPass(plan) };
                    // Its solver figures are filled in once the bound worker has stopped.
                    const provisional: SolverInfo = {
                      method: 'milp (decomposed)',
                      status: '',
                      objective,
                      bound: null,
                      gap: null,
                      seconds: 0,
                    };
                    passed.plan = finished(plan, provisional, []);
                    check(passed.plan);
                    phaseDone('pricing and checking');
                    return boundUntilMs();
                  },
                },
              }
            : {}),
        },
        hooks,
      );
      if (passed) phaseDone("the bound worker's last rounds");
      draft = d.draft;
      passEndS = passEndAt(d.cpuShare);
      objective = d.bound === null ? null : (objective ?? modelObjective(p, hs, startOptions(startDraft), d.draft));
      const bound = objective !== null ? d.bound : null;
      // The warm start came back (the dive found nothing better): name it as the heuristic it is.
      const warm = d.draft === startDraft;
      const method = !warm ? 'milp (decomposed)' : startDraft === gDraft ? 'greedy heuristic' : 'rule-based fallback';
      info = {
        method,
        status: d.status,
        objective,
        bound,
        ...(method === 'rule-based fallback' ? { fallbackReason: d.status } : {}),
        gap: relativeGap(objective, bound),
        seconds: 0,
        stoppedEarly: d.stoppedEarly,
        model: d.model,
        reductions: [pairNote, ...d.reductions],
        stages: { workers: d.workers },
      };
    } else {
      if (!built || !lpText) throw new Error('internal: the whole-horizon model was not built');
      const r = await solveWholeHorizon(
        p,
        built,
        lpText,
        { draft: startDraft, cost: Math.min(gCost, rbCost) },
        {
          secondsLeft: () => Math.max(1, timeLimitS - elapsed() - finalPassReserveS(timeLimitS)),
          gap,
          searchOnly: pairs > (opts.searchOnlyAbovePairs ?? SEARCH_ONLY_PAIRS),
          timeLimitS,
        },
        hooks,
        elapsed,
      );
      if (!r.ok) return fallback(r.reason, r.extra, lpText);
      draft = r.draft;
      info = r.info;
    }
  } catch (err) {
    return fallback(`the solver failed: ${(err as Error).message}`, {}, lpText);
  }

  hooks.onProgress?.({
    phase: 'checking',
    incumbent: info.objective,
    bound: info.bound,
    gap: info.gap,
    elapsedS: elapsed(),
  });
  if (!passed)
    phaseDone('solver', { atMs: started + timeLimitS * 1000, limitS: timeLimitS }, Boolean(info.stoppedEarly));
  const plan = finished(draft, { ...info, seconds: elapsed(), timeLimitS, gapLimit: gap, phases }, []);
  const verdict = check(plan);
  // What the solver reached, kept in the status of a heuristic plan returned instead of its own.
  const solverFigures: Partial<SolverInfo> = {
    status: info.status,
    objective: info.objective,
    bound: info.bound,
    gap: info.gap,
    model: info.model,
    stoppedEarly: info.stoppedEarly,
  };
  if (!verdict.ok) {
    return fallback(
      `the solver's plan failed the checker (${violationsText(verdict.violations)})`,
      solverFigures,
      lpText,
    );
  }
  if (gCost < Math.min(plan.summary.totalCost, rbCost) - 0.5) {
    const gPlan = finished(
      gDraft,
      { ...info, method: 'greedy heuristic', seconds: elapsed(), timeLimitS, gapLimit: gap, phases },
      [
        `The solver's best plan (${rupees(plan.summary.totalCost)}) did not beat its greedy warm start; the greedy plan is returned.`,
      ],
    );
    if (check(gPlan).ok) {
      phaseDone('pricing and checking');
      gPlan.solver.seconds = elapsed();
      return { plan: gPlan, lpText };
    }
  }
  if (plan.summary.totalCost > rbCost + 0.5) {
    return fallback(
      `the solver's best plan (${rupees(plan.summary.totalCost)}) was dearer than the rule-based plan in the time allowed`,
      solverFigures,
      lpText,
    );
  }
  if (plan !== prebuilt()) phaseDone('pricing and checking');
  plan.solver.seconds = elapsed();
  return { plan, lpText };
}

/** The first violations of a verdict, counted. */
const violationsText = (vs: readonly Violation[]): string => `${vs.length} violations: ${namedViolations(vs).text}`;
