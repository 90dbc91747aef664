import type { Scenario } from '../domain/scenario';
import { runWorker } from '../workers/run';
import type { OptimizeOptions, OptimizeProgress, OptimizeResult } from './optimize';
import type { SolveJob } from './solve.worker';

export interface SolveHandle {
  result: Promise<OptimizeResult>;
  /** "Stop and keep the best plan": the solver is interrupted at its next checkpoint. */
  stop(): void;
}

/**
 * Start a solve in a fresh worker (`dist/workers/solve.js`). Aborting `signal` is the hard cancel
 * (the worker is terminated, HiGHS' heap with it); `stop()` is the soft one.
 */
export function startSolve(scenario: Scenario, options: OptimizeOptions, opts: { signal?: AbortSignal; onProgress?: (p: OptimizeProgress) => void } = {}): SolveHandle {
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const job: SolveJob = { scenario, options, stop };
  return {
    // A runaway solve fails its own call instead of exhausting the host (HiGHS' WASM heap has its own 2 GiB cap).
    result: runWorker<SolveJob, OptimizeResult, OptimizeProgress>('solve', job, { signal: opts.signal, onProgress: opts.onProgress, resourceLimits: { maxOldGenerationSizeMb: 2048 } }),
    stop: () => { Atomics.store(flag, 0, 1); },
  };
}
