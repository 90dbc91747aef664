import { reducedCostOf, type Col } from './master-rows';

/** What the Lagrangian relaxes: the master's rows (the rakes' one-loading rows kept) and its columns other than loadings. */
export interface Relaxation {
  rowLo: readonly number[];
  rowUp: readonly number[];
  /** Rows of the rakes' "at most one loading": not dualised. */
  oneRows: ReadonlySet<number>;
  /** Unserved tonnes, trucks (in HiGHS or not) and exchanges. */
  base: readonly Col[];
}

/** A row's limit: its upper side for ≤ rows, its lower side otherwise. */
const limit = (r: Relaxation, i: number) => (r.rowLo[i] === -Infinity ? r.rowUp[i]! : r.rowLo[i]!);

/**
 * The Lagrangian bound's part without the rakes at duals `pi` (signs as Master.lpDuals): every row
 * but the rakes' one-loading rows dualised, trucks and unserved tonnes at their cheapest within
 * their bounds. Adding each rake's min(0, lowest reduced cost with its one-loading dual 0) gives a
 * valid lower bound at any such duals, not only at the master's optimum.
 */
export function lagrangianBase(r: Relaxation, pi: Float64Array): number {
  let v = 0;
  for (let i = 0; i < r.rowLo.length; i++) if (!r.oneRows.has(i)) v += pi[i]! * limit(r, i);
  for (const c of r.base) {
    const rc = reducedCostOf(c, pi);
    if (rc < 0) v += rc * c.ub;
  }
  return v;
}

/**
 * A subgradient of the Lagrangian bound at duals `pi`: each row's limit less what the
 * Lagrangian's own solution uses of it — trucks and unserved tonnes at their bounds where their
 * reduced cost is negative, and the loadings `picks` (each rake's cheapest, when below 0). The
 * rakes' one-loading rows read 0 (they are not dualised).
 */
export function subgradient(r: Relaxation, pi: Float64Array, picks: readonly Col[]): Float64Array {
  const g = new Float64Array(r.rowLo.length);
  for (let i = 0; i < g.length; i++) if (!r.oneRows.has(i)) g[i] = limit(r, i);
  const use = (c: Col, x: number) => {
    for (let k = 0; k < c.rows.length; k++) if (!r.oneRows.has(c.rows[k]!)) g[c.rows[k]!]! -= c.vals[k]! * x;
  };
  for (const c of r.base) if (reducedCostOf(c, pi) < 0) use(c, c.ub);
  for (const c of picks) use(c, 1);
  return g;
}
