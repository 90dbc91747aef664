import type { Scenario } from '../domain/scenario';
import { prewarm, runWarmWorker, type PrewarmOptions } from '../workers/warm-pool';
import { SOLVER_YOUNG_GEN_MB } from './heap';
import type { OptimizeOptions, OptimizeProgress, OptimizeResult } from './optimize';
import type { SolveJob } from './solve.worker';

export interface SolveHandle {
  result: Promise<SolveOutcome>;
  /** "Stop and keep the best plan": the solver is interrupted at its next checkpoint. */
  stop(): void;
}

export interface SolveOutcome extends OptimizeResult {
  /** True when the solve ran on a pre-warmed worker; false = it paid V8's cold start of HiGHS. */
  warmWorker: boolean;
}

// A runaway solve fails its own call instead of exhausting the host (HiGHS' WASM heap has its own 2 GiB cap).
const SOLVE_LIMITS = { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: SOLVER_YOUNG_GEN_MB };

/**
 * Keep a pre-warmed solve worker ready (host start in browser/Electron modes) until the returned
 * function is called (host close). Without it every solve runs in a cold worker.
 */
export function prewarmSolver(opts: Pick<PrewarmOptions, 'log'> = {}): () => void {
  return prewarm('solve', { ...opts, resourceLimits: SOLVE_LIMITS });
}

/**
 * Start a solve in its own worker (`dist/workers/solve.js`): the pre-warmed spare when one is
 * ready or warming, else a fresh one. Aborting `signal` is the hard cancel (the worker is
 * terminated, HiGHS' heap with it); `stop()` is the soft one.
 */
export function startSolve(
  scenario: Scenario,
  options: OptimizeOptions,
  opts: { signal?: AbortSignal; onProgress?: (p: OptimizeProgress) => void } = {},
): SolveHandle {
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const job: SolveJob = { scenario, options, stop };
  return {
    result: runWarmWorker<SolveJob, OptimizeResult, OptimizeProgress>('solve', job, {
      signal: opts.signal,
      onProgress: opts.onProgress,
      resourceLimits: SOLVE_LIMITS,
    }).then(({ result, warm }) => ({ ...result, warmWorker: warm })),
    stop: () => {
      Atomics.store(flag, 0, 1);
    },
  };
}
