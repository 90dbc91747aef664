import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../domain/scenario';
import { runWorker } from '../workers/run';
import { buildPlan } from './build-plan';
import type { ColgenJob, ColgenJobProgress, ColgenJobResult } from './colgen/colgen.worker';
import type { SolverStages } from '../domain/solver-stages';
import type { Draft } from './draft';
import { SOLVER_YOUNG_GEN_MB } from './heap';
import type { OptimizeHooks } from './hooks';
import { cpuShareMeter } from './pace';
import type { Prep } from './prep';

export interface DecomposedResult {
  draft: Draft;
  status: string;
  bound: number | null;
  workers: NonNullable<SolverStages['workers']>;
  stoppedEarly: boolean;
  model: { columns: number; integers: number; rows: number; nonzeros: number; subproblems: number } | undefined;
  reductions: string[];
}

/** How often the soft stop is passed on to the workers [ms]. */
const STOP_POLL_MS = 100;

/**
 * The week and large sizes' solve: Dantzig–Wolfe decomposition by rake (colgen/), the
 * whole-horizon model not needed (its LP text alone is 165 MB at large). Two workers, one per
 * core, run column generation from the warm start (the other start plan's loadings among the
 * first columns). Large: one prices to the deadline for the bound, the other stops its rounds
 * earlier and dives (price-and-fix) for a plan. Week: both dive, each its own way, after rounds
 * that converge early at that size. While both run rounds their masters are identical and each
 * prices half the rakes of a round (colgen/peer.ts). The plan returned is the cheapest of the
 * dives' and the warm start (priced by the cost rules); the bound is the better of the two.
 * "Stop and keep the best plan" stops both (shared flag); cancelling terminates them.
 */
export async function solveDecomposed(
  sc: Scenario,
  p: Prep,
  start: Draft,
  alsoStart: Draft[],
  opts: {
    timeLimitS: number;
    /**
     * `week`: both workers dive (other dives, dive.ts `variant`) after the shared rounds, which
     * converge early at that size, and the cheaper plan is kept; `large`: one prices for the bound.
     */
    profile: 'large' | 'week';
    /** Seconds before the deadline to end the search after the dive, at the measured CPU share. */
    handOverS?: (cpuShare: number) => number;
  },
  hooks: OptimizeHooks,
): Promise<DecomposedResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const startCost = priceOf(p, start);
  const stop = new SharedArrayBuffer(8);
  const flag = new Int32Array(stop);
  const deadlineMs = Date.now() + opts.timeLimitS * 1000;
  let bound: number | null = null;
  const onProgress = (pr: ColgenJobProgress) => {
    if (pr.bound !== null && (bound === null || pr.bound > bound)) bound = pr.bound;
    hooks.onProgress?.({
      phase: 'solving',
      incumbent: startCost,
      bound,
      gap: bound !== null ? Math.max(0, (startCost - bound) / startCost) : null,
      elapsedS: elapsed(),
      subproblem: `column generation round ${pr.round}`,
    });
  };
  // The two workers share each round's pricing while both run rounds (colgen/peer.ts).
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(8);
  const job = (me: 0 | 1, port: MessagePort): Promise<ColgenJobResult> =>
    runWorker<ColgenJob, ColgenJobResult, ColgenJobProgress>(
      'colgen',
      {
        scenario: sc,
        start,
        alsoStart,
        deadlineMs,
        dive: me === 1 || opts.profile === 'week',
        profile: opts.profile,
        // The large size's one dive is the measured one (variant 0); the week's two differ.
        diveVariant: opts.profile === 'week' ? me : 0,
        stop,
        peer: { port, signal, me },
      },
      {
        onProgress,
        resourceLimits: { maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: SOLVER_YOUNG_GEN_MB },
        transferList: [port],
      },
    ).catch((err: Error) => ({
      bound: null,
      rounds: 0,
      sharedRounds: 0,
      status: `failed (${err.message})`,
      draft: null,
      size: { columns: 0, integers: 0, rows: 0, nonzeros: 0 },
    }));
  // On a busy machine the final improvement pass after the solve needs more wall time for the
  // same work; its moves then save more than the search's last seconds (large at half a core:
  // ₹1.66 cr in 4.3 s, stopped at its limit). The search after the dive ends early by as much.
  const share = cpuShareMeter(2);
  const poll = setInterval(() => {
    if (hooks.shouldStop?.()) Atomics.store(flag, 0, 1);
    if (opts.handOverS && Date.now() >= deadlineMs - opts.handOverS(share()) * 1000) Atomics.store(flag, 1, 1);
  }, STOP_POLL_MS);
  let both: [ColgenJobResult, ColgenJobResult];
  try {
    both = await Promise.all([job(0, port1), job(1, port2)]);
  } finally {
    clearInterval(poll);
  }
  // Worker 0 prices for the bound (large) or dives too (week): the cheaper dive is kept.
  const [b, d1] = both;
  const cost0 = b.draft ? priceOf(p, b.draft) : Infinity;
  const cost1 = d1.draft ? priceOf(p, d1.draft) : Infinity;
  const d = cost0 < cost1 ? b : d1;
  const diveCost = Math.min(cost0, cost1);
  const useDive = diveCost < startCost;
  const bounds = [b.bound, d1.bound].filter((v): v is number => v !== null);
  const from = useDive
    ? 'plan from the dive'
    : d.draft
      ? `the dive's plan (₹${Math.round(diveCost).toLocaleString('en-IN')}) did not beat the warm start, which is returned`
      : 'the dive found no plan: the warm start is returned';
  const names = opts.profile === 'week' ? (['first diving', 'second diving'] as const) : (['bound', 'diving'] as const);
  const which = opts.profile === 'week' && useDive ? ` (${d === b ? names[0] : names[1]} worker's)` : '';
  return {
    draft: useDive ? d.draft! : start,
    status: `column generation by rake on two cores: ${names[0]} worker ${b.rounds} rounds (${b.status}), ${names[1]} worker ${d1.rounds} rounds (${d1.status}); pricing shared for ${Math.min(b.sharedRounds, d1.sharedRounds)} rounds; ${from}${which}`,
    bound: bounds.length ? Math.max(...bounds) : null,
    workers: {
      bound: { rounds: b.rounds, status: b.status },
      diving: { rounds: d1.rounds, status: d1.status },
      sharedRounds: Math.min(b.sharedRounds, d1.sharedRounds),
      divingWorkers: opts.profile === 'week' ? 2 : 1,
      plansFound: [b, d1].filter((w) => w.draft !== null).length,
      diveFoundPlan: b.draft !== null || d1.draft !== null,
      planFrom: useDive ? 'dive' : 'warm start',
    },
    stoppedEarly: Atomics.load(flag, 0) === 1,
    model: d1.size.columns ? { ...d1.size, subproblems: d1.rounds } : undefined,
    reductions: [
      'Dantzig–Wolfe decomposition by rake: a column per rake loading, priced per rake (knapsacks over its candidate orders); plan by price-and-fix diving',
    ],
  };
}

function priceOf(p: Prep, d: Draft): number {
  return buildPlan(
    p,
    d,
    { method: 'milp (decomposed)', status: '', objective: null, bound: null, gap: null, seconds: 0 },
    null,
    [],
    { explain: false },
  ).summary.totalCost;
}
