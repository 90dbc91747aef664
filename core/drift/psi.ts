/**
 * Population stability index: Σ (a − e) · ln(a / e) over bins, with e the reference share and a
 * the current share. Empty bins get `floor` so a bin seen on one side only counts as a large
 * but finite shift. Usual reading: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 drift.
 */
export function psi(expected: readonly number[], actual: readonly number[], floor = 1e-4): number {
  if (expected.length !== actual.length)
    throw new Error(`PSI needs the same bins on both sides (${expected.length} vs ${actual.length}).`);
  const e = normalise(expected, floor),
    a = normalise(actual, floor);
  let s = 0;
  for (let i = 0; i < e.length; i++) s += (a[i]! - e[i]!) * Math.log(a[i]! / e[i]!);
  return s;
}

function normalise(v: readonly number[], floor: number): number[] {
  const total = v.reduce((x, y) => x + y, 0);
  if (total <= 0) return v.map(() => 1 / v.length);
  return v.map((x) => Math.max(x / total, floor));
}

/** Counts of `values` in bins split at ascending `edges`: (−∞, e0], (e0, e1], …, (e_last, ∞). */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let lo = 0,
      hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
  }
  return counts;
}

/** Interior decile edges of a sorted sample, duplicates removed (ties would make empty bins). */
export function decileEdges(sorted: readonly number[]): number[] {
  const edges: number[] = [];
  for (let k = 1; k < 10; k++) {
    const q = quantileSorted(sorted, k / 10);
    if (edges.length === 0 || q > edges.at(-1)!) edges.push(q);
  }
  return edges;
}

/** Linear-interpolated quantile (type 7, as numpy's default) of an ascending array. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
