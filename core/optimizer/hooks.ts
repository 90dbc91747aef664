import type { SolveProgress } from './highs-driver';

/** What a caller of `optimize` (and of its decomposed solve) hears and how it stops the run. */
export interface OptimizeHooks {
  onProgress?: (p: OptimizeProgress) => void;
  shouldStop?: () => boolean;
}

export type OptimizeProgress =
  | {
      phase: 'rule-based' | 'building' | 'checking';
      incumbent: number | null;
      bound: number | null;
      gap: number | null;
      elapsedS: number;
    }
  | (SolveProgress & { subproblem?: string });

/**
 * Progress while column generation raises the bound under the warm start (the best plan until the
 * solver returns one): `subproblem` names the round where the rounds run on workers.
 */
export function boundProgress(
  startCost: number,
  bound: number | null,
  elapsedS: number,
  subproblem?: string,
): OptimizeProgress {
  const gap = relativeGap(startCost, bound);
  return { phase: 'solving', incumbent: startCost, bound, gap, elapsedS, ...(subproblem ? { subproblem } : {}) };
}

/** Relative gap of a plan's cost above a lower bound (0 when the bound meets it); null without both. */
export function relativeGap(cost: number | null, bound: number | null): number | null {
  return cost === null || bound === null || cost === 0 ? null : Math.max(0, (cost - bound) / Math.abs(cost));
}
