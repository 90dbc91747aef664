import loadHighs from 'highs';
import type { Scenario } from '../../domain/scenario';
import { serveWorker } from '../../workers/serve';
import type { Draft } from '../draft';
import { startOptions } from '../model';
import { prepare } from '../prep';
import { columnGeneration } from './colgen';

export interface ColgenBoundJob {
  scenario: Scenario;
  /** The warm start the plan is improved from: its loadings are the first columns and extra slots, as in the exported model. */
  start: Draft;
  /** Wall-clock end (Date.now() milliseconds). */
  deadlineMs: number;
}

export interface ColgenBoundResult {
  bound: number | null;
  rounds: number;
  status: string;
}

/**
 * The bound of a decomposed plan (large size): column generation on the other core while the
 * day-by-day search runs, bound only (no restricted master MIP), with smoothed duals — on large
 * they raise the bound far faster than the master's own (colgen.ts, `smoothing`).
 */
serveWorker<ColgenBoundJob, ColgenBoundResult>(async (job) => {
  const h = await loadHighs();
  const p = prepare(job.scenario);
  const r = columnGeneration(h, p, startOptions(job.start), [job.start], { deadlineMs: job.deadlineMs, mipShare: 0, smoothing: 0.5 });
  return { bound: r.bound, rounds: r.iterations, status: r.status };
});
