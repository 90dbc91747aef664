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
