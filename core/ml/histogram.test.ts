import { describe, expect, it } from 'vitest';
import { MISSING_BIN } from './binning';
import { buildRange, featureGroups, histData, histLength, STRIDE } from './histogram';
import { Rng } from './rng';

/** Random column-major bin codes: a few features with few bins, some missing. */
function randomBins(n: number, F: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const bins = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const nb = f % 3 === 0 ? 3 : 254;
    for (let i = 0; i < n; i++) bins[f * n + i] = rng.next() < 0.05 ? MISSING_BIN : rng.int(nb);
  }
  return bins;
}

/** The histogram of rows[from..to) summed the obvious way, one feature at a time. */
function naive(bins: Uint8Array, n: number, rows: Uint32Array, from: number, to: number, grad: Float32Array, hess: Float32Array, features: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const f of features) {
    for (let k = from; k < to; k++) {
      const r = rows[k]!;
      const j = f * STRIDE + bins[f * n + r]! * 2;
      out.set(j, (out.get(j) ?? 0) + grad[r]!);
      out.set(j + 1, (out.get(j + 1) ?? 0) + hess[r]!);
    }
  }
  return out;
}

describe('histograms over packed row-major bins', () => {
  it('packs four features to a word, the last group padded with zeros', () => {
    const n = 50, F = 7;
    const bins = randomBins(n, F, 1);
    const d = histData(bins, n, F, new Int32Array(F).fill(254));
    expect(d.nGroups).toBe(2);
    const bytes = new Uint8Array(d.rowBins.buffer);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) expect(bytes[i * 8 + f]).toBe(bins[f * n + i]);
      expect(bytes[i * 8 + 7]).toBe(0);
    }
  });

  // 440k rows × 20 features is over the size where sparse nodes take the touch-ahead path.
  it.each([
    ['dense node, 13 features (a partial last group)', 60_000, 13, 0.6],
    ['sparse node of a large table, a feature subset', 440_000, 20, 0.03],
  ])('sums exactly what a plain loop sums: %s', (_label, n, F, share) => {
    const bins = randomBins(n, F, 2);
    const d = histData(bins, n, F, new Int32Array(F).fill(254));
    const rng = new Rng(3);
    const grad = Float32Array.from({ length: n }, () => rng.next() - 0.5);
    const hess = Float32Array.from({ length: n }, () => 0.5 + rng.next());
    const rows = new Uint32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) if (rng.next() < share) rows[m++] = i;
    const features = F === 13 ? Int32Array.from({ length: 13 }, (_, f) => f) : Int32Array.of(1, 6, 7, 17, 19);
    const out = new Float64Array(histLength(d)).fill(NaN);
    buildRange(d, rows, 0, m, grad, hess, featureGroups(features), out);
    const want = naive(bins, n, rows, 0, m, grad, hess, [...features]);
    for (const f of features) {
      for (let j = f * STRIDE; j < (f + 1) * STRIDE; j++) expect(out[j]).toBe(want.get(j) ?? 0);
    }
  });

  it('sums the same histogram when told every hessian is 1 as when given the ones', () => {
    const n = 440_000, F = 6;
    const d = histData(randomBins(n, F, 4), n, F, new Int32Array(F).fill(254));
    const rng = new Rng(5);
    const grad = Float32Array.from({ length: n }, () => rng.next() - 0.5);
    const ones = new Float32Array(n).fill(1);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const groups = featureGroups(Int32Array.from({ length: F }, (_, f) => f));
    for (const [from, to] of [[0, n], [1000, 9000]] as const) {
      const general = new Float64Array(histLength(d));
      const unit = new Float64Array(histLength(d)).fill(NaN);
      buildRange(d, rows, from, to, grad, ones, groups, general);
      buildRange(d, rows, from, to, grad, null, groups, unit);
      expect(Array.from(unit.subarray(0, F * STRIDE))).toEqual(Array.from(general.subarray(0, F * STRIDE)));
    }
  });
});
