import loadHighs from 'highs';
import { serveWorker } from '../workers/serve';

export interface LpBoundJob {
  /** The model's LP relaxation (`LpModel.toLp({ relax: true })`). */
  lpText: string;
  timeLimitS: number;
}

export interface LpBoundResult {
  /** Optimal objective of the relaxation: a lower bound on the MILP; null when not solved in time. */
  bound: number | null;
  status: string;
  seconds: number;
}

/**
 * The LP relaxation solved on the other core while the neighbourhood search runs: the bound (and
 * so the gap) of a plan whose own branch-and-bound was skipped. Interior point: on the week model
 * it is ~3× faster here than the simplex (measured in docs/optimizer.md).
 */
serveWorker<LpBoundJob, LpBoundResult>(async (job) => {
  const h = await loadHighs();
  const t = performance.now();
  const m = h.createModel({ format: 'lp', data: job.lpText });
  try {
    m.options.set({ output_flag: false, solver: 'ipm', time_limit: Math.max(0.5, job.timeLimitS) });
    m.run();
    const code = m.getModelStatus();
    const status = Object.entries(h.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    const bound = code === h.constants.modelStatus.optimal ? m.getObjectiveValue() : null;
    return { bound, status, seconds: (performance.now() - t) / 1000 };
  } finally {
    m.dispose();
  }
});
