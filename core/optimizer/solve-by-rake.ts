import type { Scenario } from '../domain/scenario';
import type { SolverInfo } from '../domain/plan';
import { modelObjective } from './colgen/master';
import { solveDecomposed } from './decompose';
import type { Draft } from './draft';
import { finalPassExtraS, finalPassReserveS, postSolveReserveS } from './final-pass';
import type { PlanFinisher } from './finish';
import { highs } from './highs-driver';
import { relativeGap, type OptimizeHooks } from './hooks';
import { startOptions } from './model';
import type { PhaseClock } from './phase-clock';
import type { Prep } from './prep';

/**
 * Seconds of the limit left when the large bound worker stops. Its plan is priced, explained and
 * checked while it prices on, so its bound is the last figure the plan waits for; beside seven
 * busy processes a round takes 15–20 s of wall time, and a round the deadline cuts gives no bound.
 */
const BOUND_MARGIN_S = 1;

/**
 * The week and large sizes' solve by rake on two workers (decompose.ts), with the time it leaves
 * for the final pass and for pricing and checking the plan. Large: the plan is finished
 * (`fin.prebuild`) while the bound worker prices on; its solver figures come last.
 */
export async function solveByRake(
  sc: Scenario,
  p: Prep,
  /** The warm start (the greedy plan or the rule-based one) and the other heuristic plan. */
  start: { draft: Draft; greedy: boolean; other: Draft },
  profile: 'large' | 'week',
  pairNote: string,
  fin: PlanFinisher,
  clock: PhaseClock,
  hooks: OptimizeHooks,
): Promise<{ draft: Draft; info: SolverInfo }> {
  const { timeLimitS } = clock;
  // Time kept for pricing the plan, its model objective and the checker after the final pass.
  // On a busy machine they need more wall time, at the CPU share the workers receive (the
  // heuristic passes' reading counts the process's helper threads: 0.46 where the workers got
  // 0.24): the hand-over frees it and the pass ends early enough to leave it.
  const postSolveS = (share: number) => postSolveReserveS(timeLimitS, p.orders.length, share);
  const decomposedReserveS = postSolveS(1);
  const passEndAt = (share: number) => timeLimitS - 0.25 - postSolveS(share);
  const boundUntilMs = () => clock.dateMsAfter(timeLimitS - BOUND_MARGIN_S);
  const hs = await highs();
  const objectiveOf = (d: Draft) => modelObjective(p, hs, startOptions(start.draft), d);
  // The whole-horizon model's objective of the plan the solve returns (before the final pass).
  let objective: number | null | undefined;
  const d = await solveDecomposed(
    sc,
    p,
    start.draft,
    [start.other],
    {
      timeLimitS: Math.max(1, timeLimitS - clock.elapsed() - decomposedReserveS - finalPassReserveS(timeLimitS)),
      profile,
      // Large: the final pass gets the search's last seconds when the CPU share is low.
      ...(profile === 'large'
        ? {
            handOverS: (share: number) => finalPassExtraS(timeLimitS, share) + postSolveS(share) - decomposedReserveS,
            // The bound worker's rounds go on through the final pass on the dive's plan and the
            // plan's pricing and checking, to just before the limit.
            whileBound: {
              boundUntilMs: boundUntilMs(),
              run: (plan: Draft, share: number) => {
                fin.passEndS = passEndAt(share);
                objective = objectiveOf(plan);
                clock.done('solver', clock.share(1));
                fin.prebuild(plan, objective);
                return boundUntilMs();
              },
            },
          }
        : {}),
    },
    hooks,
  );
  if (fin.prebuilt) clock.done("the bound worker's last rounds");
  fin.passEndS = passEndAt(d.cpuShare);
  objective = d.bound === null ? null : (objective ?? objectiveOf(d.draft));
  const bound = objective !== null ? d.bound : null;
  // The warm start came back (the dive found nothing better): name it as the heuristic it is.
  const warm = d.draft === start.draft;
  const method = !warm ? 'milp (decomposed)' : start.greedy ? 'greedy heuristic' : 'rule-based fallback';
  return {
    draft: d.draft,
    info: {
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
    },
  };
}
