import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, trainBooster } from './booster';
import { trainTable } from './pipeline';
import { syntheticTable } from './synthetic';
import { getColumn, type Table } from './table';

const train = (t: Table) =>
  trainTable(t, {
    name: 'm',
    target: 'y',
    task: 'regression',
    dateColumn: 'date',
    params: { rounds: 5, earlyStoppingRounds: 0 },
  });

describe('training on values no model can hold', () => {
  it('refuses a target beyond float32, naming the column, the row and the value', () => {
    const t = syntheticTable(300, 1);
    getColumn(t, 'y')!.num![5] = 1.5e301;
    expect(() => train(t)).toThrow("Target 'y', row 6: 1.500e+301 is beyond the ±3.4e38");
  });

  it('refuses such a feature value the same way, instead of a model with NaN metrics', () => {
    const t = syntheticTable(300, 1);
    getColumn(t, 'a')!.num![3] = -2e300;
    expect(() => train(t)).toThrow("Column 'a', row 4: -2.000e+300 is beyond the ±3.4e38");
  });

  it('names the cell that made a regression target text: an Infinity or NaN is not a missing value', () => {
    const t = syntheticTable(300, 1);
    const y = getColumn(t, 'y')!;
    const str = Array.from(y.num!, (v) => String(v));
    str[9] = 'Infinity';
    Object.assign(y, { type: 'categorical', num: null, str });
    expect(() => train(t)).toThrow(
      "Target 'y' must be numeric for regression: row 10 holds 'Infinity', which is not a finite number",
    );
  });
});

describe('the booster', () => {
  it('stops with an error when the training loss overflows, instead of fitting trees to NaN', () => {
    const n = 200;
    const x = Float32Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1e200 : -1e200));
    expect(() =>
      trainBooster({ x, nRows: n, nFeatures: 1 }, y, { ...DEFAULT_PARAMS, rounds: 5, objective: { name: 'squared' } }),
    ).toThrow(/Training diverged: the training loss is (Infinity|NaN) at round 1/);
  });
});

describe('the estimate of time left', () => {
  it('is timed from the first round, not from before the rows were binned', () => {
    const n = 200;
    const x = Float32Array.from({ length: n }, (_, i) => i % 17);
    const y = Float64Array.from(x, (v) => 2 * v + 1);
    // A clock on which binning took 10 s and each round takes 100 ms.
    const readings = [0, 10_000];
    const now = () => readings.shift() ?? (last += 100);
    let last = 10_000;
    const seen: { elapsedMs: number; etaMs: number }[] = [];
    trainBooster(
      { x, nRows: n, nFeatures: 1 },
      y,
      { ...DEFAULT_PARAMS, rounds: 5, earlyStoppingRounds: 0, objective: { name: 'squared' } },
      {
        now,
        onRound: (p) => seen.push(p),
      },
    );
    expect(seen[0]).toMatchObject({ elapsedMs: 10_100, etaMs: 400 });
    expect(seen.at(-1)).toMatchObject({ elapsedMs: 10_500, etaMs: 0 });
  });
});
