import type { Draft } from './draft';
import type { SolverInfo } from '../domain/plan';
import type { SolverStages } from '../domain/solver-stages';
import { rupees } from '../domain/figures';
import { columnGeneration, type ColgenResult } from './colgen/colgen';
import { draftFromSolution } from './extract';
import { highs, solveLp } from './highs-driver';
import { boundProgress, type OptimizeHooks } from './hooks';
import { draftToStart, startOptions, type BuiltModel } from './model';
import { cpuShareMeter } from './pace';
import type { Prep } from './prep';

/**
 * Share of the time left given to column generation (searching only / with branch-and-bound after).
 * Searching only, less left the restricted master MIP after the dive too little time.
 */
const COLGEN_SHARE_SEARCH = 0.7;
const COLGEN_SHARE = 0.3;
/**
 * Searching only (week), the share of the time for diving (colgen/dive.ts) after the rounds; the
 * restricted master MIP then starts from the dive's plan, which beats that MIP alone on every
 * week seed measured.
 */
const DIVE_SHARE_SEARCH = 0.2;
/**
 * The dive's seconds at least: it keeps 8 s for its last LP and MIP (dive.ts), so with less it
 * fixes nothing, and the week at the app's default 30 s ended near the warm start.
 */
const DIVE_MIN_S = 12;

/**
 * HiGHS says `optimal` once the gap is within the requested one (0.5 % by default), not only at a
 * proven optimum. The planner reads the word literally, so a plan with a gap left says how far
 * from the best possible it may be.
 */
export function optimalLabel(status: string, found: number | null, requested: number): string {
  if (found === null || found <= 1e-9 || !/\boptimal\b/.test(status)) return status;
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`;
  return status.replace(/\boptimal\b/, `within ${pct(requested)} of optimal (gap ${pct(found)})`);
}

/** The in-process stages as data: column generation's rounds and end, and whether branch-and-bound ran. */
function colgenStages(r: ColgenResult | null, searchOnly: boolean): SolverStages {
  return {
    ...(r ? { columnGeneration: { rounds: r.iterations, loadings: r.patterns, status: r.status } } : {}),
    branchAndBound: !searchOnly,
  };
}

/**
 * Neighbourhoods for the fix-and-optimise search, each freeing a few rakes' integer columns (road
 * binaries always free): three rakes adjacent in placement order (stride 2), which compete for the
 * same due dates; then, when `corridors` is given (searching only), windows of four instead and the
 * rakes of each corridor in the start plan (in groups of up to four), which compete for the same
 * orders across the horizon.
 */
function neighbourhoods(b: BuiltModel, corridors?: Map<number, string>): number[][] {
  const rakes = [...b.rakeInts.keys()].sort((x, y) => x - y);
  if (rakes.length <= 3) return [];
  const cols = (group: number[]) => [...group.flatMap((r) => b.rakeInts.get(r)!), ...b.roadInts];
  const out: number[][] = [];
  // Searching only, windows of four gave the cheapest week plans in the minute (three to six measured).
  const width = corridors ? 4 : 3;
  for (let i = 0; i < rakes.length; i += 2) out.push(cols(rakes.slice(i, i + width)));
  const byCorridor = new Map<string, number[]>();
  for (const r of rakes) {
    const k = corridors?.get(r);
    if (k) byCorridor.set(k, [...(byCorridor.get(k) ?? []), r]);
  }
  for (const group of byCorridor.values())
    for (let i = 0; i < group.length && group.length > 1; i += 4) out.push(cols(group.slice(i, i + 4)));
  return out;
}

/** The corridor each rake of a draft runs on. */
function draftCorridors(p: Prep, draft: Draft): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of draft.rakes) {
    const dest = r.lines[0] && p.orderById.get(r.lines[0].orderId)?.destination;
    const k = dest ? p.dests.get(dest)?.corridor : undefined;
    if (k) out.set(r.rakeIdx, k);
  }
  return out;
}

/**
 * Column generation (colgen/) from the warm start: a lower bound and the restricted master's plan.
 * A failure is reported in the status and the solve goes on from the warm start.
 */
async function colgenStart(
  p: Prep,
  startDraft: Draft,
  startCost: number,
  deadlineMs: number,
  diveS: number | undefined,
  hooks: OptimizeHooks,
  elapsed: () => number,
): Promise<{ result: ColgenResult | null; note: string }> {
  try {
    const h = await highs();
    const opts = startOptions(startDraft);
    const r = columnGeneration(h, p, opts, [startDraft], {
      deadlineMs,
      mipShare: 0.3,
      shouldStop: hooks.shouldStop,
      dive: diveS !== undefined,
      diveS,
      // Paced only before a dive: ending the rounds early helps a plan built by diving, while
      // branch-and-bound after them (the day size) only loses bound (a starved day's gap grew many
      // times over when paced: bench/RESULTS.md, "Figures behind choices in the code").
      ...(diveS !== undefined ? { cpuShare: cpuShareMeter(1) } : {}),
      // The warm start is the best plan so far while the rounds run.
      onRound: (bound) => hooks.onProgress?.(boundProgress(startCost, bound, elapsed())),
    });
    const rs = (v: number | null) => (v === null ? 'none' : rupees(v));
    const what = diveS !== undefined ? 'plan from diving and the restricted master' : 'restricted master plan';
    const from = r.draft ? `the solver starts from its ${what}` : `no ${what}: the solver starts from the warm start`;
    return {
      result: r,
      note: `column generation: ${r.iterations} rounds, ${r.patterns} rake loadings (${r.status}), bound ${rs(r.bound)}, ${what} ${rs(r.mipObjective)}; ${from}`,
    };
  } catch (err) {
    return { result: null, note: `column generation failed (${(err as Error).message}); started from the warm start` };
  }
}

export type WholeHorizonResult =
  | { ok: true; draft: Draft; info: SolverInfo }
  /** HiGHS found no plan: why, and what the solve reached (for the fallback's solver figures). */
  | { ok: false; reason: string; extra: Partial<SolverInfo> };

/**
 * The one-thread solve of the whole-horizon model (the day size, or any with `decompose: 'never'`):
 * column generation over rake loadings from the warm start first — its bound is far tighter than
 * the MILP's root and its restricted master finds the plan HiGHS then starts from
 * (docs/optimizer.md) — then HiGHS on the whole model: branch-and-bound, or with `searchOnly` the
 * neighbourhood search with column generation's bound.
 */
export async function solveWholeHorizon(
  p: Prep,
  built: BuiltModel,
  lpText: string,
  start: { draft: Draft; cost: number },
  run: { secondsLeft: () => number; gap: number; searchOnly: boolean; timeLimitS: number },
  hooks: OptimizeHooks,
  elapsed: () => number,
): Promise<WholeHorizonResult> {
  const { searchOnly, gap } = run;
  const timeLeftS = run.secondsLeft();
  const cg = await colgenStart(
    p,
    start.draft,
    start.cost,
    Date.now() + timeLeftS * (searchOnly ? COLGEN_SHARE_SEARCH : COLGEN_SHARE) * 1000,
    searchOnly ? Math.max(DIVE_MIN_S, timeLeftS * DIVE_SHARE_SEARCH) : undefined,
    hooks,
    elapsed,
  );
  const from = cg.result?.draft ?? start.draft;
  const res = await solveLp(built.lp, lpText, {
    timeLimitS: run.secondsLeft(),
    gap,
    start: draftToStart(p, built, from),
    knownBound: cg.result?.bound ?? undefined,
    altStart: from !== start.draft ? draftToStart(p, built, start.draft) : undefined,
    shouldStop: hooks.shouldStop,
    onProgress: hooks.onProgress,
    neighbourhoods: neighbourhoods(built, searchOnly ? draftCorridors(p, from) : undefined),
    lnsShare: searchOnly ? 1 : undefined,
  });
  res.status = `${cg.note}; ${res.status}`;
  const size = { ...built.lp.size, subproblems: 1 };
  if (!res.x)
    return {
      ok: false,
      reason: `HiGHS found no feasible plan (status ${res.status}) within ${run.timeLimitS} s`,
      extra: { status: res.status, model: size, stoppedEarly: res.stoppedEarly },
    };
  return {
    ok: true,
    draft: draftFromSolution(built, res.x),
    info: {
      method: 'milp',
      status: optimalLabel(res.status, res.gap, gap),
      objective: res.objective,
      bound: res.bound,
      gap: res.gap,
      seconds: 0,
      stoppedEarly: res.stoppedEarly,
      model: size,
      reductions: built.reductions,
      stages: colgenStages(cg.result, searchOnly),
    },
  };
}
