import type { LpModel } from '../lp-text';

/** Options of the time discretisation and the reductions (docs/optimizer.md explains each). */
export interface ModelOptions {
  /** Grid of loading start times [h]. */
  slotH: number;
  /** Longest a rake may wait at the plant for a siding [h]. */
  maxWaitH: number;
  /** Add the wagon convex-hull rows `wagh_*` (valid inequalities; off only to measure their effect). */
  hullRows?: boolean;
  /** Extra start times (a warm start's), so its loadings exist as slots in the model. */
  extraStarts?: Array<{ r: number; lp: string; startH: number }>;
}

export interface YVar {
  col: number;
  r: number;
  lp: string;
  startH: number;
  durH: number;
}
export interface XVar {
  col: number;
  o: string;
  r: number;
  product: string;
}
export interface SVar {
  col: number;
  r: number;
  product: string;
  y: string;
}
export interface NVar {
  col: number;
  o: string;
  r: number;
}
export interface RoadVar {
  col: number;
  o: string;
  y: string;
  d: number;
  perUnitT: number;
}

export interface BuiltModel {
  lp: LpModel;
  y: YVar[];
  x: XVar[];
  s: SVar[];
  n: NVar[];
  road: RoadVar[];
  /** Integer columns by `rake|destinations` (sorted, comma-joined: the option) and `rake|order` (warm starts). */
  zCols: Map<string, number>;
  wCols: Map<string, number>;
  /** Integer columns of each rake (its slots, wagons, destination options), and road binaries. */
  rakeInts: Map<number, number[]>;
  roadInts: number[];
  /** Counts before and after each reduction, for the docs and the benchmark. */
  reductions: string[];
}
