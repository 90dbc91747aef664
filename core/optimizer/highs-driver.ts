import loadHighs from 'highs';
import { relativeGap } from './hooks';
import { mapColumns, searchNeighbourhoods } from './lns';
import type { LpModel } from './lp-text';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let runtime: Promise<Highs> | null = null;
let solvesOnRuntime = 0;
/** The WASM heap never shrinks: start a fresh runtime after this many solves or any failure. */
const RECYCLE_AFTER = 20;

/** The HiGHS runtime of this thread (recycled after failures and every RECYCLE_AFTER solves). */
export function highs(): Promise<Highs> {
  if (!runtime || solvesOnRuntime >= RECYCLE_AFTER) {
    runtime = loadHighs();
    solvesOnRuntime = 0;
  }
  return runtime;
}

export interface SolveProgress {
  phase: 'solving';
  incumbent: number | null;
  bound: number | null;
  gap: number | null;
  elapsedS: number;
}

export interface LpSolveOptions {
  timeLimitS: number;
  gap: number;
  /** Sparse start by our column index (values of integer columns are what matter). */
  start?: Map<number, number>;
  /** Tried when `start` is infeasible for the model (named in the status then). */
  altStart?: Map<number, number>;
  /**
   * Large-neighbourhood search after the main run: each group lists the integer columns (ours)
   * freed in one round while every other integer column is fixed to the incumbent.
   */
  neighbourhoods?: number[][];
  /**
   * Share of the time given to the neighbourhood search (default 0.4 when neighbourhoods are
   * given). 1 skips the branch-and-bound run: for models whose root relaxation alone would eat the
   * time limit; the result then has no bound of its own.
   */
  lnsShare?: number;
  /**
   * A lower bound known from elsewhere (column generation): the run also stops when its incumbent
   * is within the gap of it, and the reported bound is the better of the two.
   */
  knownBound?: number;
  /** Polled at every MIP checkpoint: true = interrupt and keep the incumbent. */
  shouldStop?: () => boolean;
  onProgress?: (p: SolveProgress) => void;
}

export interface LpSolveResult {
  status: string;
  /** Our column order; null when HiGHS has no feasible point. */
  x: Float64Array | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  stoppedEarly: boolean;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** HiGHS options of every MIP run (the main one and the neighbourhood rounds). */
const MIP_OPTIONS = {
  output_flag: false,
  random_seed: 1,
  // RINS and RENS sub-MIPs took almost half of a day-size solve at the root node (bench/RESULTS.md).
  // The neighbourhood search does that job on our terms.
  mip_heuristic_run_rins: false,
  mip_heuristic_run_rens: false,
} as const;

/** HiGHS' name of a model status code (`optimal`, `timeLimit`, …). */
function modelStatusName(h: Highs, code: number | null): string {
  return Object.entries(h.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
}

/** Solve the LP text with HiGHS' persistent model (for bound, gap, callbacks and interrupts). */
export async function solveLp(model: LpModel, lpText: string, opts: LpSolveOptions): Promise<LpSolveResult> {
  const h = await highs();
  solvesOnRuntime++;
  const started = performance.now();
  let stoppedEarly = false;
  let lastPost = 0;
  const m = h.createModel({ format: 'lp', data: lpText });
  try {
    // No `threads` option: this single-threaded build rejects it (and threads > 1 aborts older builds).
    const lnsShare = opts.neighbourhoods?.length ? (opts.lnsShare ?? LNS_SHARE) : 0;
    const deadlineMs = Date.now() + opts.timeLimitS * 1000;
    m.options.set({
      ...MIP_OPTIONS,
      time_limit: Math.max(0.1, opts.timeLimitS * (1 - lnsShare)),
      mip_rel_gap: opts.gap,
    });
    const { ours, theirs } = mapColumns(m, model, (name) => model.col(name));
    const nCols = ours.length;
    let startPoint: { x: Float64Array; objective: number } | null = null;
    let startNote = '';
    if (opts.start && opts.start.size > 0) {
      startPoint = completeStart(h, m, model, ours, opts.start, Math.max(2, opts.timeLimitS / 5));
      if (!startPoint && opts.altStart) {
        startPoint = completeStart(h, m, model, ours, opts.altStart, Math.max(2, opts.timeLimitS / 5));
        if (startPoint) startNote = ' (the start plan did not fit the model; the alternative start was used)';
      }
      if (startPoint)
        opts.onProgress?.({
          phase: 'solving',
          incumbent: startPoint.objective,
          bound: null,
          gap: null,
          elapsedS: (performance.now() - started) / 1000,
        });
      m.options.set({
        time_limit: Math.max(0.1, opts.timeLimitS * (1 - lnsShare) - (performance.now() - started) / 1000),
      });
    }
    const cb = h.constants.callbackType;
    const post = (
      d: { mip_primal_bound?: number; mip_dual_bound?: number; mip_gap?: number; running_time?: number },
      force = false,
    ) => {
      const now = performance.now();
      if (!opts.onProgress || (!force && now - lastPost < 250)) return;
      lastPost = now;
      const inc = num(d.mip_primal_bound);
      opts.onProgress({
        phase: 'solving',
        incumbent: inc !== null && Math.abs(inc) < 1e20 ? inc : null,
        bound: num(d.mip_dual_bound),
        gap: inc !== null && Math.abs(inc) < 1e20 ? num(d.mip_gap) : null,
        elapsedS: (now - started) / 1000,
      });
    };
    const mainRun = lnsShare < 1;
    const known = opts.knownBound ?? null;
    let gapByKnown = false;
    if (mainRun) {
      m.run({
        [cb.mipInterrupt]: (e) => {
          if (opts.shouldStop?.()) {
            stoppedEarly = true;
            e.interrupt();
          }
          const inc = num(e.data.mip_primal_bound);
          if (known !== null && inc !== null && Math.abs(inc) < 1e20 && (inc - known) / Math.abs(inc) <= opts.gap) {
            gapByKnown = true;
            e.interrupt();
          }
          post(e.data);
          return undefined;
        },
        [cb.mipImprovingSolution]: (e) => {
          post(e.data, true);
          return undefined;
        },
      });
    }
    const statusCode = mainRun ? m.getModelStatus() : null;
    const statusName = !mainRun
      ? 'no branch-and-bound run: neighbourhood search'
      : gapByKnown
        ? 'gap reached against the column-generation bound'
        : modelStatusName(h, statusCode);
    const feasible = mainRun && Number(m.info.get('primal_solution_status')) === h.constants.solutionStatus.feasible;
    let x: Float64Array | null = null;
    let objective: number | null = null;
    if (feasible) {
      const sol = m.getSolution().colValue;
      x = new Float64Array(model.names.length);
      for (let i = 0; i < nCols; i++) x[ours[i]!] = sol[i]!;
      objective = m.getObjectiveValue();
    }
    const isMip = model.kind.some((k) => k !== 'C');
    const ownBound = !mainRun ? null : isMip ? num(m.info.get('mip_dual_bound')) : objective;
    const bound = known !== null && (ownBound === null || known > ownBound) ? known : ownBound;
    let gap = !mainRun && known === null ? null : isMip ? relativeGap(objective, bound) : mainRun ? 0 : null;
    let status = statusName;
    // Time ran out before HiGHS took up the start (e.g. still in presolve): the start is still a
    // feasible point of this model, so it is the best plan known.
    if (startPoint && (!x || (objective ?? Infinity) > startPoint.objective + 1e-6)) {
      const sx = new Float64Array(model.names.length);
      for (let i = 0; i < nCols; i++) sx[ours[i]!] = startPoint.x[i]!;
      x = sx;
      objective = startPoint.objective;
      status = mainRun
        ? `${statusName} (start plan kept)`
        : 'no branch-and-bound run: neighbourhood search from the start plan';
      gap = relativeGap(objective, bound);
    }
    let lnsBest = objective ?? Infinity;
    if (
      x &&
      objective !== null &&
      opts.neighbourhoods?.length &&
      !stoppedEarly &&
      !gapByKnown &&
      statusCode !== h.constants.modelStatus.optimal &&
      (bound === null || (objective - bound) / Math.abs(objective) > opts.gap)
    ) {
      const better = searchNeighbourhoods({
        h,
        m,
        cols: model,
        ours,
        theirs,
        x,
        objective,
        groups: opts.neighbourhoods,
        deadlineMs,
        stop: () => {
          if (opts.shouldStop?.()) stoppedEarly = true;
          return stoppedEarly || (bound !== null && (lnsBest - bound) / Math.abs(lnsBest) <= opts.gap);
        },
        onImproved: (o) => {
          lnsBest = o;
          opts.onProgress?.({
            phase: 'solving',
            incumbent: o,
            bound,
            gap: bound !== null ? (o - bound) / Math.abs(o) : null,
            elapsedS: (performance.now() - started) / 1000,
          });
        },
      });
      if (better.rounds > 0)
        status = `${status}; ${better.rounds} neighbourhood rounds${better.objective < objective - 1e-6 ? ` improved ${Math.round(objective - better.objective).toLocaleString('en-IN')}` : ''}`;
      if (better.objective < objective - 1e-6) {
        x = better.x;
        objective = better.objective;
        opts.onProgress?.({
          phase: 'solving',
          incumbent: objective,
          bound,
          gap: null,
          elapsedS: (performance.now() - started) / 1000,
        });
      }
      gap = relativeGap(objective, bound);
    }
    return {
      status: status + startNote,
      x,
      objective,
      bound,
      gap: objective !== null ? gap : null,
      seconds: (performance.now() - started) / 1000,
      stoppedEarly,
    };
  } catch (err) {
    runtime = null; // a failed solve may leave the heap in a bad state: recycle
    throw err;
  } finally {
    m.dispose();
  }
}

/** Share of the time limit given to the neighbourhood search when neighbourhoods are supplied. */
const LNS_SHARE = 0.4;

/**
 * Turn a partial start (integer decisions of a heuristic plan) into a full feasible point: fix
 * every integer column to its start value (0 when absent), solve what is left (an LP), restore the
 * bounds and hand HiGHS the complete vector as its first incumbent. Returns the point and its objective, or null
 * when the start is infeasible for the model (then the MIP simply starts without it).
 */
function completeStart(
  h: Highs,
  m: ReturnType<Highs['createModel']>,
  model: LpModel,
  ours: Int32Array,
  start: Map<number, number>,
  timeS: number,
): { x: Float64Array; objective: number } | null {
  const ints: number[] = [];
  for (let i = 0; i < ours.length; i++) if (model.kind[ours[i]!] !== 'C') ints.push(i);
  try {
    for (const i of ints) {
      const v = Math.round(start.get(ours[i]!) ?? 0);
      m.changeColBounds(i, v, v);
    }
    m.options.set({ time_limit: timeS });
    m.run();
    const ok = Number(m.info.get('primal_solution_status')) === h.constants.solutionStatus.feasible;
    const x = ok ? Float64Array.from(m.getSolution().colValue) : null;
    const obj = ok ? m.getObjectiveValue() : null;
    for (const i of ints) m.changeColBounds(i, model.lb[ours[i]!]!, model.ub[ours[i]!]!);
    m.clearSolver();
    m.zeroAllClocks();
    if (x) m.setSolution({ colValue: x });
    return x && obj !== null ? { x, objective: obj } : null;
  } catch {
    for (const i of ints) m.changeColBounds(i, model.lb[ours[i]!]!, model.ub[ours[i]!]!);
    return null;
  }
}
