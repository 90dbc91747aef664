import type { Scenario } from '../domain/scenario';
import { serveWorker } from '../workers/serve';
import { warmUp } from './warm-up';
import { optimize, type OptimizeOptions, type OptimizeProgress, type OptimizeResult } from './optimize';

export interface SolveJob {
  scenario: Scenario;
  options: OptimizeOptions;
  /** Int32Array over this buffer: index 0 set to 1 = "stop and keep the best plan". */
  stop: SharedArrayBuffer;
}

/**
 * The optimizer in a worker thread: HiGHS blocks its thread, so it never runs on the host's.
 * Started as a spare (core/workers/warm-pool.ts) it first runs HiGHS' warm-up solve.
 */
serveWorker<SolveJob, OptimizeResult, OptimizeProgress>(
  async (job, progress) => {
    const flag = new Int32Array(job.stop);
    return optimize(job.scenario, job.options, { onProgress: progress, shouldStop: () => Atomics.load(flag, 0) === 1 });
  },
  { warmUp },
);
