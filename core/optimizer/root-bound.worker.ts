import loadHighs from 'highs';
import { serveWorker } from '../workers/serve';
import { MIP_OPTIONS, modelStatusName } from './highs-driver';

export interface RootBoundJob {
  /** The whole MILP's LP text (what `--export-lp` writes). */
  lpText: string;
  /** Wall-clock end (Date.now() milliseconds): reading the LP text counts against it too. */
  deadlineMs: number;
}

export interface RootBoundResult {
  /** HiGHS' dual bound when the time ran out: a lower bound on the MILP; null before its root LP was solved. */
  bound: number | null;
  status: string;
  seconds: number;
}

/**
 * The bound of a plan whose own branch-and-bound was skipped (search only): HiGHS' branch-and-bound
 * on the other core, for its dual bound — after presolve, the root LP and as many cut rounds as the
 * time allows. On week (seed 1, quiet machine) that bound is ₹20.38 cr at the minute against ₹20.13 cr
 * for the bare LP relaxation by interior point in 17 s, and it did better than spending the rest of
 * the minute on a second neighbourhood search sharing the incumbent (docs/optimizer.md, "Search only").
 */
serveWorker<RootBoundJob, RootBoundResult>(async (job) => {
  const h = await loadHighs();
  const t = performance.now();
  const m = h.createModel({ format: 'lp', data: job.lpText });
  try {
    m.options.set({ ...MIP_OPTIONS, time_limit: Math.max(0.5, (job.deadlineMs - Date.now()) / 1000), mip_rel_gap: 0 });
    m.run();
    const bound = Number(m.info.get('mip_dual_bound'));
    return { bound: Number.isFinite(bound) && Math.abs(bound) < 1e20 ? bound : null, status: modelStatusName(h, m.getModelStatus()), seconds: (performance.now() - t) / 1000 };
  } finally {
    m.dispose();
  }
});
