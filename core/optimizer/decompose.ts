import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../domain/scenario';
import { runWorker } from '../workers/run';
import { draftCost } from './build-plan';
import type { ColgenJob, ColgenJobProgress, ColgenJobResult } from './colgen/colgen.worker';
import type { SolverStages } from '../domain/solver-stages';
import type { Draft } from './draft';
import { SOLVER_YOUNG_GEN_MB } from './heap';
import { boundProgress, type OptimizeHooks } from './hooks';
import { cpuShareMeter } from './pace';
import type { Prep } from './prep';
import { rupees } from '../domain/figures';

export interface DecomposedResult {
  draft: Draft;
  status: string;
  bound: number | null;
  workers: NonNullable<SolverStages['workers']>;
  stoppedEarly: boolean;
  /** The CPU share the workers received (pace.ts cpuShareMeter over both). */
  cpuShare: number;
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
 * Large with `whileBound`: the bound worker prices on while the caller works on the dive's plan.
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
    /**
     * Large: work on the plan to be returned (the final improvement pass, pricing, checking) as
     * soon as the diving worker has returned it, while the bound worker prices on, at most until
     * `boundUntilMs` (Date.now() ms, past the deadline). `run` gets the plan and the CPU share the
     * workers received, and returns until when (Date.now() ms) the bound worker may go on after it.
     * Work that waits (a promise) lets the bound worker's rounds arrive meanwhile.
     */
    whileBound?: { run: (draft: Draft, cpuShare: number) => number | Promise<number>; boundUntilMs: number };
  },
  hooks: OptimizeHooks,
): Promise<DecomposedResult> {
  const whileBound = opts.profile === 'large' ? opts.whileBound : undefined;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const startCost = draftCost(p, start);
  const stop = new SharedArrayBuffer(12);
  const flag = new Int32Array(stop);
  // When the diving worker hands over to the final pass (Date.now() ms; 0: never): its dive ends by then.
  const handOver = new SharedArrayBuffer(8);
  const handOverAt = new Float64Array(handOver);
  const deadlineMs = Date.now() + opts.timeLimitS * 1000;
  let bound: number | null = null;
  const onProgress = (pr: ColgenJobProgress) => {
    if (pr.bound !== null && (bound === null || pr.bound > bound)) bound = pr.bound;
    hooks.onProgress?.(boundProgress(startCost, bound, elapsed(), `column generation round ${pr.round}`));
  };
  // The two workers share each round's pricing while both run rounds (colgen/peer.ts).
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(8);
  const job = (me: 0 | 1, port: MessagePort): Promise<ColgenJobResult> =>
    runWorker<ColgenJob, ColgenJobResult, ColgenJobProgress>(
      'colgen',
      {
        scenario: sc,
        closures: p.closures,
        start,
        alsoStart,
        deadlineMs: me === 0 && whileBound ? Math.max(deadlineMs, whileBound.boundUntilMs) : deadlineMs,
        dive: me === 1 || opts.profile === 'week',
        profile: opts.profile,
        // The large size's one dive is the measured one (variant 0); the week's two differ.
        diveVariant: opts.profile === 'week' ? me : 0,
        stop,
        handOver,
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
    if (opts.handOverS) {
      handOverAt[0] = deadlineMs - opts.handOverS(share()) * 1000;
      if (Date.now() >= handOverAt[0]) Atomics.store(flag, 1, 1);
    }
  }, STOP_POLL_MS);
  // Worker 0 prices for the bound (large) or dives too (week): the cheapest plan is kept.
  const cheapest = (ws: ColgenJobResult[]) => {
    const costs = ws.map((w) => (w.draft ? draftCost(p, w.draft) : Infinity));
    const i = costs.indexOf(Math.min(...costs));
    return { d: ws[i]!, diveCost: costs[i]!, useDive: costs[i]! < startCost };
  };
  const bound0 = job(0, port1),
    dive1 = job(1, port2);
  let b: ColgenJobResult, d1: ColgenJobResult;
  let chosen: ReturnType<typeof cheapest>;
  try {
    if (whileBound) {
      // The bound worker has no plan (it does not dive): the diving worker's is the one returned.
      d1 = await dive1;
      chosen = cheapest([d1]);
      try {
        const untilMs = await whileBound.run(chosen.useDive ? chosen.d.draft! : start, share());
        // The bound worker prices on until the caller's work ends or the time it may have does.
        await Promise.race([bound0, new Promise((ok) => setTimeout(ok, Math.max(0, untilMs - Date.now())))]);
      } finally {
        Atomics.store(flag, 2, 1);
      }
      b = await bound0;
    } else {
      [b, d1] = await Promise.all([bound0, dive1]);
      chosen = cheapest([b, d1]);
    }
  } finally {
    clearInterval(poll);
  }
  const { d, diveCost, useDive } = chosen;
  const bounds = [b.bound, d1.bound].filter((v): v is number => v !== null);
  const from = useDive
    ? 'plan from the dive'
    : d.draft
      ? `the dive's plan (${rupees(diveCost)}) did not beat the warm start, which is returned`
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
    cpuShare: share(),
    model: d1.size.columns ? { ...d1.size, subproblems: d1.rounds } : undefined,
    reductions: [
      'Dantzig–Wolfe decomposition by rake: a column per rake loading, priced per rake (knapsacks over its candidate orders); plan by price-and-fix diving',
    ],
  };
}
