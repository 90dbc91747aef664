import { describe, expect, it } from 'vitest';
import { binMatrix, binOf, fitBins, MISSING_BIN } from './binning';
import { DEFAULT_PARAMS, trainBooster, type BoostParams } from './booster';
import { regressionMetrics } from './metrics';
import type { ObjectiveConfig } from './objectives';
import { trainTable } from './pipeline';
import { predictRowMajor, toRowMajor } from './predict';
import { createRng } from '../synth/prng';
import { syntheticMatrix, syntheticTable } from './synthetic';

const params = (objective: ObjectiveConfig, over: Partial<BoostParams> = {}): BoostParams => ({
  ...DEFAULT_PARAMS,
  rounds: 40,
  earlyStoppingRounds: 0,
  objective,
  ...over,
});

describe('binning', () => {
  it('gives few distinct values one bin each, at float32 thresholds, and a missing bin', () => {
    const v = Float32Array.from([1, 2, 2, 3, NaN, 0.1, 3]);
    const bins = fitBins(v, 255, createRng(1));
    expect(bins.upper.length).toBe(4); // 0.1, 1, 2, 3
    for (const u of bins.upper) if (Number.isFinite(u)) expect(Math.fround(u)).toBe(u);
    const codes = binMatrix(v, v.length, [bins]);
    expect(Array.from(codes)).toEqual([1, 2, 2, 3, MISSING_BIN, 0, 3]);
  });

  it('caps many distinct values at maxBins with roughly equal counts', () => {
    const rng = createRng(2);
    const v = Float32Array.from({ length: 50_000 }, () => rng.next());
    const bins = fitBins(v, 32, rng);
    expect(bins.upper.length).toBe(32);
    const counts = new Array(32).fill(0);
    for (const c of binMatrix(v, v.length, [bins])) counts[c]++;
    expect(Math.min(...counts)).toBeGreaterThan(50_000 / 32 / 2);
  });

  it('fits long columns on a fixed-size sample: ≤ maxBins bins, the same for the same generator state', () => {
    const rng = createRng(3);
    const v = Float32Array.from({ length: 300_000 }, (_, i) => (i % 10 === 0 ? NaN : (rng.next() - 0.3) * 1e4));
    const a = fitBins(v, 255, createRng(9), 50_000);
    const b = fitBins(v, 255, createRng(9), 50_000);
    const c = fitBins(v, 255, createRng(10), 50_000);
    expect(a.upper.length).toBe(255);
    expect(Array.from(a.upper)).toEqual(Array.from(b.upper));
    expect(Array.from(a.upper)).not.toEqual(Array.from(c.upper));
    for (let i = 1; i < a.upper.length; i++) expect(a.upper[i]!).toBeGreaterThan(a.upper[i - 1]!);
  });

  it('bins every value where a binary search over the bounds puts it, signs, zeros and infinities included', () => {
    const rng = createRng(4);
    const special = [NaN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40, 3.4e38, -3.4e38];
    const v = Float32Array.from({ length: 20_000 }, (_, i) =>
      i < special.length ? special[i]! : (rng.next() - 0.5) * 10 ** rng.index(12),
    );
    for (const maxBins of [255, 8]) {
      const fitted = fitBins(v, maxBins, rng);
      const codes = binMatrix(v, v.length, [fitted]);
      for (let i = 0; i < v.length; i++) expect(codes[i]).toBe(binOf(fitted.upper, v[i]!));
    }
  });
});

describe('trainer', () => {
  const { m, y } = syntheticMatrix(5000, 6, 3);

  it('is reproducible for a seed, and the seed matters once rows and features are sampled', () => {
    const p = params({ name: 'squared' }, { subsample: 0.7, colsample: 0.6, rounds: 15 });
    const a = trainBooster(m, y, p).model;
    const b = trainBooster(m, y, p).model;
    const c = trainBooster(m, y, { ...p, seed: 7 }).model;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('lowers the training loss round after round and ranks informative features by gain', () => {
    const wide = syntheticMatrix(5000, 12, 4); // features 10 and 11 are pure noise
    const res = trainBooster(wide.m, wide.y, params({ name: 'squared' }));
    expect(res.history[39]!.trainLoss).toBeLessThan(res.history[0]!.trainLoss * 0.5);
    for (let r = 1; r < 40; r++) expect(res.history[r]!.trainLoss).toBeLessThanOrEqual(res.history[r - 1]!.trainLoss);
    const gain = res.model.gainImportance;
    expect(gain[0]!).toBeGreaterThan(10 * gain[10]!);
    expect(gain[2]!).toBeGreaterThan(10 * gain[11]!);
  });

  it('respects max depth and max leaves', () => {
    const deep = trainBooster(m, y, params({ name: 'squared' }, { maxDepth: 3, rounds: 3 })).model;
    for (const t of deep.trees) expect(t.value.length).toBeLessThanOrEqual(15);
    const leafy = trainBooster(m, y, params({ name: 'squared' }, { maxDepth: 0, maxLeaves: 5, rounds: 3 })).model;
    for (const t of leafy.trees) expect(t.left.filter((l) => l === -1).length).toBeLessThanOrEqual(5);
  });

  it('learns where missing values should go', () => {
    // Missing x means a high target: the learned default direction must send NaN to the high side.
    const n = 4000;
    const rng = createRng(5);
    const x = new Float32Array(n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const miss = rng.next() < 0.2;
      x[i] = miss ? NaN : rng.next();
      t[i] = miss ? 10 : x[i]! < 0.5 ? 0 : 5;
    }
    const model = trainBooster(
      { x, nRows: n, nFeatures: 1 },
      t,
      params({ name: 'squared' }, { rounds: 60, learningRate: 0.3 }),
    ).model;
    const p = predictRowMajor(model, Float32Array.from([NaN, 0.2, 0.9]), 3);
    expect(p[0]!).toBeCloseTo(10, 0);
    expect(p[1]!).toBeCloseTo(0, 0);
    expect(p[2]!).toBeCloseTo(5, 0);
  });

  it('stops early when the validation loss stops improving and keeps the best round', () => {
    const noisy = syntheticMatrix(3000, 6, 9);
    const valid = syntheticMatrix(1000, 6, 10);
    const res = trainBooster(
      noisy.m,
      noisy.y,
      params({ name: 'squared' }, { rounds: 1000, learningRate: 0.3, earlyStoppingRounds: 10, minDataInLeaf: 1 }),
      { valid: { m: valid.m, y: valid.y } },
    );
    expect(res.stoppedEarly).toBe(true);
    expect(res.history.length).toBeLessThan(1000);
    expect(res.model.rounds).toBe(res.bestRound);
    expect(res.history.length - res.bestRound).toBe(10);
    const best = Math.min(...res.history.map((h) => h.validLoss!));
    expect(res.history[res.bestRound - 1]!.validLoss).toBe(best);
  });

  it('quantile objective covers about alpha of the rows; absolute error resists outliers', () => {
    const q = trainBooster(m, y, params({ name: 'quantile', alpha: 0.9 }, { rounds: 60 })).model;
    const p = predictRowMajor(q, toRowMajor(m.x, m.nRows, m.nFeatures), m.nRows);
    const cover = y.filter((v, i) => v <= p[i]!).length / y.length;
    expect(cover).toBeGreaterThan(0.85);
    expect(cover).toBeLessThan(0.95);

    const dirty = y.map((v, i) => (i % 20 === 0 ? v + 200 : v)); // 5 % gross outliers
    const xr = toRowMajor(m.x, m.nRows, m.nFeatures);
    const mae = (o: ObjectiveConfig) =>
      regressionMetrics(y, predictRowMajor(trainBooster(m, dirty, params(o)).model, xr, m.nRows)).mae;
    expect(mae({ name: 'absolute' })).toBeLessThan(mae({ name: 'squared' }) * 0.5);
    expect(mae({ name: 'huber' })).toBeLessThan(mae({ name: 'squared' }) * 0.5);
  });

  it('binary and multiclass objectives separate classes', () => {
    const bin = trainTable(syntheticTable(4000, 11, 'binary'), {
      name: 't',
      target: 'y',
      task: 'binary',
      params: { rounds: 60 },
    });
    expect(bin.metrics.test).toMatchObject({ auc: expect.any(Number) });
    expect((bin.metrics.test as { auc: number }).auc).toBeGreaterThan(0.9);
    const multi = trainTable(syntheticTable(4000, 12, 'multiclass'), {
      name: 't',
      target: 'y',
      task: 'multiclass',
      params: { rounds: 60 },
    });
    expect(multi.manifest.classes).toEqual(['high', 'low', 'mid']);
    expect((multi.metrics.test as { accuracy: number }).accuracy).toBeGreaterThan(0.75);
  });
});

describe('pipeline', () => {
  it('splits in time order, encodes categories from training rows only, and beats a mean baseline', () => {
    const t = syntheticTable(6000, 21);
    const res = trainTable(t, {
      name: 'synthetic',
      target: 'y',
      task: 'regression',
      params: { rounds: 80 },
      baseline: ({ trainIdx, testIdx, table }) => {
        const y = table.columns.find((c) => c.name === 'y')!.num!;
        const mean = trainIdx.reduce((a, i) => a + y[i]!, 0) / trainIdx.length;
        return { name: 'training mean', values: new Float64Array(testIdx.length).fill(mean) };
      },
    });
    expect(res.metrics.rows).toMatchObject({ train: 4200, valid: 900, test: 900 });
    expect(res.manifest.dateColumn).toBe('date');
    expect(res.manifest.features.map((f) => f.name)).toEqual([
      'date.month',
      'date.dow',
      'date.doy',
      'a',
      'b',
      'noise',
      'lane',
    ]);
    const lane = res.manifest.features.find((f) => f.name === 'lane');
    // Ranked by training-row mean target: NORTH-1 (+12) highest, WEST-1 (−6) lowest.
    expect(lane).toMatchObject({ kind: 'categorical' });
    const cats = (lane as { categories: string[] }).categories;
    expect(cats[0]).toBe('WEST-1');
    expect(cats.at(-1)).toBe('NORTH-1');
    expect(res.metrics.baseline!.beats).toBe(true);
    expect((res.metrics.test as { r2: number }).r2).toBeGreaterThan(0.8);
    expect(res.metrics.importance.find((i) => i.feature === 'noise')!.share).toBeLessThan(0.1);
  });

  it('names the missing target column and refuses a binary task with three classes', () => {
    const t = syntheticTable(200, 1, 'multiclass');
    expect(() => trainTable(t, { name: 'x', target: 'nope', task: 'regression' })).toThrow(
      /Target column 'nope' is not in the data/,
    );
    expect(() => trainTable(t, { name: 'x', target: 'y', task: 'binary' })).toThrow(/3 classes.*multiclass/);
  });
});
