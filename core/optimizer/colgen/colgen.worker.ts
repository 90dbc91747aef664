import loadHighs from 'highs';
import type { MessagePort } from 'node:worker_threads';
import type { Scenario } from '../../domain/scenario';
import { serveWorker } from '../../workers/serve';
import type { Draft } from '../draft';
import { startOptions } from '../model';
import { prepare, type Closures } from '../prep';
import { cpuShareMeter } from '../pace';
import { columnGeneration } from './colgen';
import { portPeer } from './peer';

export interface ColgenJob {
  scenario: Scenario;
  /** The solve's closures (outages, "now"): the workers' slots and pricing obey them too. */
  closures?: Closures;
  /** The warm start: its loadings are the first columns and extra slots, as in the exported model. */
  start: Draft;
  /**
   * Other plans whose loadings (those on the model's slots) are columns from the start: the
   * first master's duals are better, and so is the bound at the limit.
   */
  alsoStart: Draft[];
  /** Wall-clock end (Date.now() milliseconds). */
  deadlineMs: number;
  /** Bound only (false), or rounds and then price-and-fix diving for a plan (true). */
  dive: boolean;
  /**
   * `large`: smoothed duals, few loadings a round, idle ones dropped (a light master for 120 rakes),
   * exchange columns between orders in the rounds (exchanges.ts).
   * `week`: the master's own duals and 20 loadings a rake a round, as the one-thread week solve —
   * its rounds converge in seconds, and the restricted master's plans want the wider pool.
   */
  profile: 'large' | 'week';
  /** Which dive (dive.ts `variant`) when both workers dive. */
  diveVariant: number;
  /**
   * Int32Array over this buffer: index 0 set to 1 = stop and return what there is; index 1 set to
   * 1 = end the search after the dive (the dive still finishes its plan); index 2 set to 1 = a
   * bound-only job returns its bound now (the plan is priced).
   */
  stop: SharedArrayBuffer;
  /**
   * Float64Array(1) over this buffer: when (Date.now() ms) the search after the dive hands over to
   * the final pass, updated as the CPU share is measured; 0 while there is no hand-over.
   */
  handOver?: SharedArrayBuffer;
  /** The other worker (colgen/peer.ts): a port to it, the two post counters, and which rakes are ours. */
  peer?: { port: MessagePort; signal: SharedArrayBuffer; me: 0 | 1 };
}

export interface ColgenJobResult {
  bound: number | null;
  rounds: number;
  /** Rounds whose pricing was shared with the other worker. */
  sharedRounds: number;
  status: string;
  /** The dive's plan, when one was asked for and found. */
  draft: Draft | null;
  /** The master's size at the end. */
  size: { columns: number; integers: number; rows: number; nonzeros: number };
}

export interface ColgenJobProgress {
  round: number;
  bound: number | null;
}

/** Weight of the best Lagrangian point in the priced duals (colgen.ts): the best measured bound on large. */
const SMOOTHING = 0.7;

/**
 * Share of a diving job's time for the rounds before the dive: less leaves the dive a worse LP,
 * more leaves the dive and the search too little time (0.4–0.6 measured on large seeds 1–3).
 */
const DIVE_SHARE = 0.5;

/**
 * The week's rounds converge in a few seconds on a quiet machine; the dive and its search get the
 * rest. Beside seven busy processes, ending the rounds by half the time starved the dives; by 35 %
 * they had time enough (bench/RESULTS.md, "Figures behind choices in the code").
 */
const WEEK_DIVE_SHARE = 0.65;

/**
 * Large: the share of their planned time the diving job's rounds keep on a busy machine (colgen.ts
 * `roundsMinShare`). Its shared rounds raise the bound at half the pricing and give the dive its
 * loadings: beside seven busy processes, 0.6 left 4–5 shared rounds and 14.3–18.5 % after the
 * final pass (6 runs), 0.8 six rounds and 13.9–14.4 % (bench/RESULTS.md).
 */
const LARGE_ROUNDS_MIN_SHARE = 0.8;

/**
 * Large: loadings idle this many master LPs in a row leave the master (Master.dropIdle). Against 3:
 * a lighter LP for a round more in the same time, and the dive loses nothing it needs
 * (bench/RESULTS.md: beside seven busy processes 8.67–9.16 % against 8.94–9.48 %; quiet
 * 3.31–3.35 % against 3.57–3.73 %).
 */
const LARGE_IDLE_LPS = 2;

/**
 * Large: below this CPU share the dive skips the restricted master MIP over every loading in the
 * options, and the search gets its time. Beside seven busy processes (a quarter of a core) that
 * MIP returned its start in 6 of 8 runs, while the MIP with the rounded loadings held gained
 * ₹0.5–1.0 cr in 3–6 s and the search improved on that in most (bench/RESULTS.md). The week's MIP
 * is small enough to pay at any share: skipping it there gave 2.86 % beside seven busy processes,
 * against 1.23 and 1.27 % with it.
 */
const LARGE_DIVE_MIP_MIN_SHARE = 0.4;

/** The hand-over time the main thread publishes (Infinity while it has published none). */
const handOverAt = (at: Float64Array) => () => at[0] || Infinity;

/**
 * Column generation over rake loadings on a core of its own. Large: smoothed duals — they raise
 * the bound far faster than the master's own (colgen.ts, `smoothing`), as do the exchanges between
 * orders (exchanges.ts) — few loadings a round and idle ones dropped, which keep the master LP
 * light; a bound-only job prices to the deadline, a diving job stops its rounds earlier and dives
 * for a plan (dive.ts). Week: both jobs dive.
 * While both run rounds they are identical, so each prices half the rakes (peer.ts).
 */
serveWorker<ColgenJob, ColgenJobResult, ColgenJobProgress>(async (job, progress) => {
  const h = await loadHighs();
  const p = prepare(job.scenario, job.closures);
  const flag = new Int32Array(job.stop);
  const large = job.profile === 'large';
  const r = columnGeneration(h, p, startOptions(job.start), [job.start, ...job.alsoStart], {
    deadlineMs: job.deadlineMs,
    mipShare: job.dive ? (large ? DIVE_SHARE : WEEK_DIVE_SHARE) : 0,
    dive: job.dive,
    diveVariant: job.diveVariant,
    ...(large
      ? {
          smoothing: SMOOTHING,
          adaptSmoothingAlone: !job.dive,
          patternsPerRake: 5,
          dropIdleAfter: LARGE_IDLE_LPS,
          exchanges: true,
          roundsMinShare: LARGE_ROUNDS_MIN_SHARE,
          diveMipMinShare: LARGE_DIVE_MIP_MIN_SHARE,
        }
      : {}),
    // A bound-only job prices on through the final pass on the dive's plan (decompose.ts whileBound).
    shouldStop: () => Atomics.load(flag, 0) === 1 || (!job.dive && Atomics.load(flag, 2) === 1),
    stopSearch: () => Atomics.load(flag, 1) === 1,
    ...(job.handOver ? { handOverAtMs: handOverAt(new Float64Array(job.handOver)) } : {}),
    // The diving job meters the CPU the two workers get, and dives sooner on a busy machine.
    ...(job.dive ? { cpuShare: cpuShareMeter(2) } : {}),
    peer: job.peer && portPeer(job.peer.port, new Int32Array(job.peer.signal), job.peer.me),
    onRound: (bound, round) => progress({ round, bound }),
  });
  return {
    bound: r.bound,
    rounds: r.iterations,
    sharedRounds: r.sharedRounds,
    status:
      r.status === 'stopped' && Atomics.load(flag, 0) === 0
        ? 'time limit (priced on through the final pass and checks)'
        : r.status,
    draft: r.draft,
    size: r.size,
  };
});
