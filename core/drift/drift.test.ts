import { describe, expect, it } from 'vitest';
import { tableFromRows } from '../ml/table';
import { DEFAULT_THRESHOLDS, featureDrift } from './detect';
import { ks2, kolmogorovQ } from './ks';
import { binCounts, decileEdges, psi, quantileSorted } from './psi';
import { computeStats } from './reference';

// Reference values computed independently with Python/SciPy 1.17 (see registry-REPORT.md).
describe('PSI', () => {
  it('matches the textbook value for known shares', () => {
    // Σ (a−e)·ln(a/e) for e = ¼ each, a = 0.1, 0.2, 0.3, 0.4
    expect(psi([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4])).toBeCloseTo(0.2282174096, 9);
  });
  it('is 0 for identical distributions and accepts counts as well as shares', () => {
    expect(psi([10, 20, 30], [1, 2, 3])).toBeCloseTo(0, 12);
  });
  it('bins values at edges inclusive on the right, like numpy.digitize(right=True)', () => {
    expect(binCounts([1, 2, 2, 3, 4, 10], [2, 3])).toEqual([3, 1, 2]);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(decileEdges([5, 5, 5, 5, 6])).toEqual([5, 5.2, 5.6]); // repeated 5s give one edge, not empty bins
  });
});

describe('KS two-sample test', () => {
  it('gives scipy.stats.ks_2samp statistics', () => {
    expect(ks2([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]).d).toBeCloseTo(0.5, 12);
    const r = ks2([0.1, 0.5, 0.9, 1.3, 2.2, 2.8, 3.1, 4.0, 4.4, 5.0], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5]);
    expect(r.d).toBeCloseTo(0.525, 12);
    // Q_KS(λ) at λ = (√ne + 0.12 + 0.11/√ne)·D, ne = 80/18: scipy.stats.kstwobign.sf(1.19719…) = 0.113771
    expect(r.pValue).toBeCloseTo(0.1137711, 6);
  });
  it('Kolmogorov survival function matches scipy.stats.kstwobign.sf', () => {
    expect(kolmogorovQ(1.36)).toBeCloseTo(0.0494858768, 8);
    expect(kolmogorovQ(1.0)).toBeCloseTo(0.2699996717, 8);
    expect(kolmogorovQ(0.5)).toBeCloseTo(0.9639452437, 8);
    expect(kolmogorovQ(0)).toBe(1);
  });
});

describe('feature drift against the training reference', () => {
  const ref = computeStats(
    tableFromRows(
      Array.from({ length: 2000 }, (_, i) => ({
        distanceKm: 200 + (i % 100) * 10,
        corridor: ['EAST', 'NORTH', 'WEST', 'SOUTH'][i % 4]!,
      })),
    ),
  );

  it('reports no drift for the same distribution', () => {
    const cur = Array.from({ length: 500 }, (_, i) => 200 + ((i * 7) % 100) * 10);
    const f = featureDrift(
      ref.features.find((x) => x.name === 'distanceKm')!,
      cur,
      DEFAULT_THRESHOLDS,
    )!;
    expect(f.status).toBe('ok');
    expect(f.psi).toBeLessThan(0.02);
    expect(f.ks!.pValue).toBeGreaterThan(0.5);
  });

  it('flags a shifted numeric feature by PSI and KS', () => {
    const cur = Array.from({ length: 500 }, (_, i) => 900 + (i % 50) * 10);
    const f = featureDrift(
      ref.features.find((x) => x.name === 'distanceKm')!,
      cur,
      DEFAULT_THRESHOLDS,
    )!;
    expect(f.status).toBe('drift');
    expect(f.psi).toBeGreaterThan(1);
    expect(f.ks!.d).toBeGreaterThan(0.6);
    expect(f.ks!.pValue).toBeLessThan(1e-6);
  });

  it('counts categories named like Object keys as data', () => {
    const t = tableFromRows(['constructor', '__proto__', 'EAST', 'EAST', 'toString'].map((c) => ({ c })));
    const f = computeStats(t).features.find((x) => x.name === 'c')!;
    expect(f.kind).toBe('categorical');
    // Compared as JSON text: an object literal's `__proto__: 1` would set no key at all.
    expect(JSON.stringify((f as { counts: object }).counts)).toBe(
      '{"constructor":1,"__proto__":1,"EAST":2,"toString":1}',
    );
  });

  it('flags a categorical feature whose mix changed or that arrives empty', () => {
    const corridor = ref.features.find((x) => x.name === 'corridor')!;
    const shifted = featureDrift(
      corridor,
      Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? 'WEST' : 'EAST')),
      DEFAULT_THRESHOLDS,
    )!;
    expect(shifted.status).toBe('drift');
    const empty = featureDrift(
      corridor,
      Array.from({ length: 400 }, (_, i) => (i % 2 ? null : 'EAST')),
      DEFAULT_THRESHOLDS,
    )!;
    expect(empty.missingRate.current).toBe(0.5);
    expect(empty.status).toBe('drift');
    const unseen = featureDrift(
      corridor,
      Array.from({ length: 400 }, (_, i) => ['EAST', 'NORTH', 'WEST', 'SOUTH', 'NEW'][i % 5]!),
      DEFAULT_THRESHOLDS,
    )!;
    expect(unseen.psi).toBeGreaterThan(DEFAULT_THRESHOLDS.psiWarn);
  });
});
