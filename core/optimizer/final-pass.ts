import type { Deadline } from './deadline';
import type { Draft } from './draft';
import type { FinalPassInfo } from '../domain/plan';
import { improveDraft } from './improve';
import { MIN_CPU_SHARE } from './pace';
import type { Prep } from './prep';
import { finalPassNotes } from '../domain/plan-notes';

/**
 * Seconds of the time limit kept for the final improvement pass (improve.ts): 5 % of the limit,
 * between 0.5 and 4 s. Large (2,000 orders) from the rule-based plan: 0.8 s to the last sweep on a
 * quiet core (21 moves); from a solver plan with a ninth of its rakes and a sixth of its road lots
 * taken out, 0.6 s (129 moves).
 */
export function finalPassReserveS(timeLimitS: number): number {
  return Math.min(4, Math.max(0.5, 0.05 * timeLimitS));
}

/**
 * Extra seconds for the final pass when the solve gets `share` of its cores: its reserve stretched
 * to the same CPU time (reserve ÷ share), at most 10 % of the limit. 0 on a quiet machine.
 */
export function finalPassExtraS(timeLimitS: number, share: number): number {
  const reserve = finalPassReserveS(timeLimitS);
  return Math.min(0.1 * timeLimitS, reserve / Math.max(0.05, Math.min(1, share)) - reserve);
}

/** Seconds of a decomposed solve's limit kept for pricing, the model objective and the checker. */
const DECOMPOSED_RESERVE_S = 3.5;

/**
 * CPU seconds per order that pricing, explaining and checking a plan take after a decomposed
 * solve, with the final pass's last move past its deadline. Large (2,000 orders): 0.76 s on a
 * quiet core for a plan loading 103 of 120 rakes, 1.05–1.5 s for one loading 70 (explanations
 * price whole-rake moves on every idle rake); at a quarter of a core a starved plan's took 4.3–12.6 s.
 */
const POST_SOLVE_CPU_S_PER_ORDER = 0.0009;

/**
 * Seconds kept after a decomposed solve for pricing, explaining and checking its plan: their CPU
 * time stretched to the CPU share its workers received, never less than the quiet reserve, at
 * most a tenth of the limit.
 */
export function postSolveReserveS(timeLimitS: number, orders: number, share: number): number {
  const quiet = Math.min(DECOMPOSED_RESERVE_S, 0.05 * timeLimitS);
  const needed = (POST_SOLVE_CPU_S_PER_ORDER * orders) / Math.max(MIN_CPU_SHARE, Math.min(1, share));
  return Math.min(0.1 * timeLimitS, Math.max(quiet, needed));
}

/** The final improvement pass on a plan about to be returned, with what it did for the plan's notes. */
export function finalPass(
  p: Prep,
  draft: Draft,
  deadline: Deadline,
): { draft: Draft; info: FinalPassInfo; notes: string[] } {
  const t = performance.now();
  const r = improveDraft(p, draft, deadline);
  const info: FinalPassInfo = {
    moves: r.moves,
    savedRs: Math.round(r.savedRs * 100) / 100,
    complete: r.complete,
    seconds: (performance.now() - t) / 1000,
  };
  return { draft: r.draft, info, notes: finalPassNotes(info, deadline.limitS) };
}
