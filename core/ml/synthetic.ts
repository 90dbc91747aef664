import type { Matrix } from './booster';
import { createRng } from '../synth/prng';
import type { Table } from './table';

/**
 * Generated data for tests and benchmarks: a known non-linear signal with noise, ~5 % missing
 * values, a categorical lane with a non-monotonic effect and a date column for time splits.
 */
export function syntheticTable(
  n: number,
  seed: number,
  kind: 'regression' | 'binary' | 'multiclass' = 'regression',
): Table {
  const rng = createRng(seed);
  const lanes = ['EAST-1', 'EAST-2', 'NORTH-1', 'SOUTH-1', 'WEST-1', 'WEST-2'];
  const laneEffect = [8, -3, 12, 0, -6, 4];
  const a = new Float64Array(n),
    b = new Float64Array(n),
    c = new Float64Array(n),
    y = new Float64Array(n);
  const lane: (string | null)[] = [];
  const date: string[] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() < 0.05 ? NaN : rng.next() * 10;
    b[i] = rng.next() < 0.05 ? NaN : rng.next() * 4 - 2;
    c[i] = rng.next(); // pure noise
    const l = rng.index(lanes.length);
    lane.push(rng.next() < 0.03 ? null : lanes[l]!);
    const day = Math.floor((i / n) * 730);
    date.push(new Date(start + day * 86_400_000).toISOString().slice(0, 10));
    const sa = Number.isNaN(a[i]!) ? 6 : Math.sin(a[i]!) * 5 + a[i]!;
    const sb = Number.isNaN(b[i]!) ? -4 : b[i]! * b[i]! * 2;
    y[i] = 20 + sa + sb + laneEffect[l]! + Math.sin((day / 365) * 2 * Math.PI) * 3 + (rng.next() - 0.5) * 4;
  }
  let target: Float64Array | (string | null)[] = y;
  if (kind === 'binary') target = Array.from(y, (v) => (v > 32 ? 'late' : 'on-time'));
  if (kind === 'multiclass') target = Array.from(y, (v) => (v < 26 ? 'low' : v < 36 ? 'mid' : 'high'));
  return {
    nRows: n,
    columns: [
      {
        name: 'date',
        type: 'date',
        num: Float64Array.from(date, (d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000),
        str: date,
      },
      { name: 'a', type: 'numeric', num: a, str: null },
      { name: 'b', type: 'numeric', num: b, str: null },
      { name: 'noise', type: 'numeric', num: c, str: null },
      { name: 'lane', type: 'categorical', num: null, str: lane },
      target instanceof Float64Array
        ? { name: 'y', type: 'numeric', num: target, str: null }
        : { name: 'y', type: 'categorical', num: null, str: target },
    ],
  };
}

/** A dense matrix like the benchmark's: nFeatures uniform features, a sum of smooth effects + noise. */
export function syntheticMatrix(n: number, nFeatures: number, seed: number): { m: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float32Array(n * nFeatures);
  for (let j = 0; j < x.length; j++) x[j] = rng.next();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < Math.min(nFeatures, 10); f++) {
      const v = x[f * n + i]!;
      s += f % 3 === 0 ? Math.sin(6 * v) : f % 3 === 1 ? v * v * 2 : v > 0.5 ? 1 : 0;
    }
    if (nFeatures > 1) s += x[i]! * x[n + i]! * 3;
    y[i] = s + (rng.next() - 0.5);
  }
  return { m: { x, nRows: n, nFeatures }, y };
}
