import { describe, expect, it } from 'vitest';
import { trainTable } from './pipeline';
import { createRng } from '../synth/prng';
import { splitRows } from './split';
import { tableFromRows, type Table } from './table';

/**
 * A file sorted by its target's trend, with no date column: x rises through the file and y with
 * it, in three regimes. Holding back the file's tail would leave the top regime unseen.
 */
function sortedByTrend(n: number, withDate = false): Table {
  const rng = createRng(3);
  const rows = Array.from({ length: n }, (_, i) => {
    const x = (i / n) * 30;
    const regime = x < 10 ? 'low' : x < 20 ? 'mid' : 'high';
    const z = rng.next() * 4;
    return {
      ...(withDate ? { date: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 10) } : {}),
      x,
      z,
      regime,
      y: 2 * x + Math.sin(z) * 3 + (rng.next() - 0.5),
    };
  });
  return tableFromRows(rows);
}

describe('default split', () => {
  it('with no time column splits at random (seeded): validation and test rows come from every regime', () => {
    const t = sortedByTrend(3000);
    const res = trainTable(t, { name: 'trend', target: 'y', task: 'regression', params: { rounds: 200 } });
    expect(res.metrics.split).toBe('random');
    expect(res.manifest.split).toBe('random');
    // Held back at random, the top regime is in training too: the holdout fit is good and early
    // stopping does not cut the run short on rows the model has never seen the like of.
    expect((res.metrics.test as { r2: number }).r2).toBeGreaterThan(0.97);
    expect(res.metrics.bestRound).toBeGreaterThan(100);
    // The same seed gives the same split; the parts cover the file's start, middle and end.
    const order = Array.from({ length: 3000 }, (_, i) => i);
    const a = splitRows(order, { mode: 'random', seed: 42, validFraction: 0.15, testFraction: 0.15 });
    expect(splitRows(order, { mode: 'random', seed: 42, validFraction: 0.15, testFraction: 0.15 })).toEqual(a);
    for (const part of [a.valid, a.test]) {
      expect(part.some((i) => i < 1000)).toBe(true);
      expect(part.some((i) => i >= 2000)).toBe(true);
    }
    expect(new Set([...a.train, ...a.valid, ...a.test]).size).toBe(3000);
  });

  it('with a date column splits by time: the test rows are the latest', () => {
    const t = sortedByTrend(2000, true);
    const res = trainTable(t, { name: 'trend', target: 'y', task: 'regression', params: { rounds: 20 } });
    expect(res.metrics.split).toBe('time');
    expect(res.manifest.dateColumn).toBe('date');
    // The latest rows are the top of the trend, beyond anything in training: trees cannot reach
    // them, which is the honest answer for a forecast, and why a file without dates is not split so.
    expect((res.metrics.test as { r2: number }).r2).toBeLessThan(0.5);
  });
});

describe('refit', () => {
  it("retrains on every row with the rounds early stopping chose; the holdout metrics stay the held-out fit's", () => {
    // A category that only the last rows carry: only a model refitted on all rows knows it.
    const base = sortedByTrend(2000, true);
    const region = base.columns.find((c) => c.name === 'regime')!;
    for (let i = 1900; i < 2000; i++) region.str![i] = 'new-yard';
    const held = trainTable(base, {
      name: 'r',
      target: 'y',
      task: 'regression',
      params: { rounds: 60, earlyStoppingRounds: 10 },
    });
    const refit = trainTable(base, {
      name: 'r',
      target: 'y',
      task: 'regression',
      params: { rounds: 60, earlyStoppingRounds: 10 },
      refit: true,
    });
    expect(held.metrics.refit).toBeNull();
    expect(refit.metrics.refit).toEqual({ rows: 2000, rounds: held.metrics.bestRound });
    expect(refit.manifest.refitRows).toBe(2000);
    expect(refit.model.rounds).toBe(held.metrics.bestRound);
    expect(refit.model.trees).toHaveLength(held.metrics.bestRound);
    // Same holdout figures (they come from the fit that did not see the held-back rows) …
    expect(refit.metrics.test).toEqual(held.metrics.test);
    // … but the exported model learned from every row, the latest included.
    const cats = (m: typeof held) =>
      (m.manifest.features.find((f) => f.name === 'regime') as { categories: string[] }).categories;
    expect(cats(held)).not.toContain('new-yard');
    expect(cats(refit)).toContain('new-yard');
    expect(refit.onnx).not.toEqual(held.onnx);
  });
});
