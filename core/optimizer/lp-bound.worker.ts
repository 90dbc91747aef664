import loadHighs from 'highs';
import { serveWorker } from '../workers/serve';
import { MIP_OPTIONS } from './highs-driver';
import { mapColumns, searchNeighbourhoods, type ColumnInfo } from './lns';
import { SharedIncumbent } from './shared-incumbent';

export interface LpBoundJob {
  /** The model's LP relaxation (`LpModel.toLp({ relax: true })`). */
  lpText: string;
  timeLimitS: number;
  /** After the bound, until `deadlineMs`: a second neighbourhood search sharing the incumbent. */
  search?: { lpText: string; cols: ColumnInfo; groups: number[][]; shared: SharedArrayBuffer; deadlineMs: number };
}

export interface LpBoundResult {
  /** Optimal objective of the relaxation: a lower bound on the MILP; null when not solved in time. */
  bound: number | null;
  status: string;
  seconds: number;
  /** The second search's rounds and how many of them found a cheaper plan. */
  search?: { rounds: number; improved: number };
}

/**
 * The LP relaxation solved on the other core while the neighbourhood search runs: the bound (and
 * so the gap) of a plan whose own branch-and-bound was skipped. Interior point: on the week model
 * it is ~3× faster here than the simplex (measured in docs/optimizer.md). The bound takes about a
 * third of a week solve's minute; the rest of this core's time goes to a second neighbourhood search.
 */
serveWorker<LpBoundJob, LpBoundResult>(async (job) => {
  const h = await loadHighs();
  const t = performance.now();
  const m = h.createModel({ format: 'lp', data: job.lpText });
  let out: LpBoundResult;
  try {
    m.options.set({ output_flag: false, solver: 'ipm', time_limit: Math.max(0.5, job.timeLimitS) });
    m.run();
    const code = m.getModelStatus();
    const status = Object.entries(h.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    const bound = code === h.constants.modelStatus.optimal ? m.getObjectiveValue() : null;
    out = { bound, status, seconds: (performance.now() - t) / 1000 };
  } finally {
    m.dispose();
  }
  if (job.search && Date.now() < job.search.deadlineMs - 1000) out.search = secondSearch(h, job.search);
  return out;
});

function secondSearch(h: Awaited<ReturnType<typeof loadHighs>>, job: NonNullable<LpBoundJob['search']>): { rounds: number; improved: number } {
  const shared = new SharedIncumbent(job.shared);
  // On small models the bound can be in before the main search has completed its start.
  shared.waitForPlan(job.deadlineMs - Date.now() - 1000);
  const start = shared.takeIfBetter(Infinity);
  if (!start) return { rounds: 0, improved: 0 };
  const m = h.createModel({ format: 'lp', data: job.lpText });
  try {
    m.options.set({ ...MIP_OPTIONS, random_seed: 2 });
    const index = new Map(job.cols.names.map((n, i) => [n, i]));
    const { ours, theirs } = mapColumns(m, job.cols, (name) => index.get(name));
    let improved = 0;
    const res = searchNeighbourhoods({
      h, m, cols: job.cols, ours, theirs, x: start.x, objective: start.objective, groups: job.groups, deadlineMs: job.deadlineMs,
      stop: () => false, shared, onImproved: () => { improved++; },
    });
    return { rounds: res.rounds, improved };
  } finally {
    m.dispose();
  }
}
