import type loadHighs from 'highs';
import type { VarKind } from './lp-text';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

/** What the search needs of an LpModel. */
export interface ColumnInfo {
  names: readonly string[];
  kind: readonly VarKind[];
  lb: readonly number[];
  ub: readonly number[];
}

/** Relative gap of one neighbourhood round. */
const NEIGHBOURHOOD_GAP = 1e-4;

/**
 * HiGHS' column order against ours (by name): `ours[i]` is our column of HiGHS column i,
 * `theirs[j]` HiGHS' column of ours (−1 when absent). Throws when the LP text lost columns.
 */
export function mapColumns(
  m: HighsModel,
  cols: ColumnInfo,
  index: (name: string) => number | undefined,
): { ours: Int32Array; theirs: Int32Array } {
  const nCols = m.getDimensions().numCols;
  // HiGHS reads unreadable LP text as an empty model and reports it "empty", not as an error.
  if (nCols !== cols.names.length)
    throw new Error(
      `HiGHS read ${nCols} of the model's ${cols.names.length} columns from the LP text; the LP text is malformed.`,
    );
  const ours = new Int32Array(nCols);
  const theirs = new Int32Array(cols.names.length).fill(-1);
  for (let i = 0; i < nCols; i++) {
    const j = index(m.getColName(i));
    if (j === undefined) throw new Error(`HiGHS column ${m.getColName(i)} is not in the model`);
    ours[i] = j;
    theirs[j] = i;
  }
  return { ours, theirs };
}

export interface NeighbourhoodSearch {
  h: Highs;
  m: HighsModel;
  cols: ColumnInfo;
  ours: Int32Array;
  theirs: Int32Array;
  /** Start point (our column order) and its objective. */
  x: Float64Array;
  objective: number;
  /** Each group lists the integer columns (ours) freed in one round. */
  groups: number[][];
  /** Wall-clock end (Date.now() milliseconds). */
  deadlineMs: number;
  stop: () => boolean;
  onImproved?: (objective: number) => void;
}

/**
 * Fix-and-optimise: free one neighbourhood's integer columns at a time, fix the rest to the
 * incumbent, re-solve briefly from the incumbent, keep improvements. Bounds are restored after.
 * A branch-and-bound run's dual bound stays valid (the search only finds better feasible points).
 */
export function searchNeighbourhoods(s: NeighbourhoodSearch): { x: Float64Array; objective: number; rounds: number } {
  const { h, m, cols, ours, theirs, groups } = s;
  const ints: number[] = [];
  for (let i = 0; i < ours.length; i++) if (cols.kind[ours[i]!] !== 'C') ints.push(i);
  const cur = new Float64Array(ours.length);
  for (let i = 0; i < ours.length; i++) cur[i] = s.x[ours[i]!]!;
  let best = s.objective;
  let rounds = 0;
  let sinceImproved = 0;
  try {
    for (let k = 0; Date.now() < s.deadlineMs - 200 && !s.stop() && sinceImproved < groups.length; k++, rounds++) {
      const free = new Set(groups[k % groups.length]!.map((j) => theirs[j]!).filter((i) => i >= 0));
      for (const i of ints) {
        if (free.has(i)) m.changeColBounds(i, cols.lb[ours[i]!]!, cols.ub[ours[i]!]!);
        else {
          const v = Math.round(cur[i]!);
          m.changeColBounds(i, v, v);
        }
      }
      m.clearSolver();
      m.zeroAllClocks();
      const left = (s.deadlineMs - Date.now()) / 1000;
      // A round's objective is the whole plan's cost: the planner's gap (1 % of ₹20 cr) would stop it
      // before gains of lakhs, so rounds solve their neighbourhood nearly exactly.
      m.options.set({
        mip_rel_gap: NEIGHBOURHOOD_GAP,
        time_limit: Math.max(0.2, Math.min(left, Math.max(1, left / Math.max(1, groups.length - (k % groups.length))))),
      });
      m.setSolution({ colValue: cur });
      m.run({
        [h.constants.callbackType.mipInterrupt]: (e) => {
          if (s.stop()) e.interrupt();
          return undefined;
        },
      });
      const ok = Number(m.info.get('primal_solution_status')) === h.constants.solutionStatus.feasible;
      const obj = ok ? m.getObjectiveValue() : Infinity;
      if (obj < best - 1e-6) {
        cur.set(m.getSolution().colValue);
        best = obj;
        sinceImproved = 0;
        s.onImproved?.(best);
      } else sinceImproved++;
    }
  } finally {
    for (const i of ints) m.changeColBounds(i, cols.lb[ours[i]!]!, cols.ub[ours[i]!]!);
  }
  const out = new Float64Array(cols.names.length);
  for (let i = 0; i < ours.length; i++) out[ours[i]!] = cur[i]!;
  return { x: out, objective: best, rounds };
}
