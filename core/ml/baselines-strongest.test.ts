import { describe, expect, it } from 'vitest';
import { groupMeanBaseline, groupMedianBaseline } from '../../models/baselines';
import { baselineVerdict } from '../registry/baseline-verdict';
import { describeMetrics } from '../cli/commands/train';
import type { BaselineFn } from './baseline-comparison';
import { trainTable } from './pipeline';
import { syntheticTable } from './synthetic';
import { tableFromRows } from './table';

describe('baselines', () => {
  it('the group median is the median of the training rows of the group (a long tail does not move it)', () => {
    const t = tableFromRows([
      { g: 'a', y: 1 },
      { g: 'a', y: 2 },
      { g: 'a', y: 100 },
      { g: 'b', y: 5 },
      { g: 'b', y: 7 },
      { g: 'c', y: 0 },
      { g: 'a', y: 0 },
      { g: 'z', y: 0 },
    ]);
    const args = { table: t, trainIdx: [0, 1, 2, 3, 4], testIdx: [6, 7], classes: null };
    const median = groupMedianBaseline('y', ['g'], 'lane-median-cost')(args);
    expect(Array.from(median.values)).toEqual([2, 5]); // a: 2; unseen z: median of all 5
    expect(Array.from(groupMeanBaseline('y', ['g'], 'lane-mean-cost')(args).values)[0]).toBeCloseTo(103 / 3, 12);
    // Named in English and by code, for the interface to write in its own language.
    expect([median.name, median.nameText]).toEqual([
      'lane median cost (training-period median; overall median for unseen g)',
      { code: 'lane-median-cost', kind: 'median', keys: ['g'] },
    ]);
  });

  it('a model must beat every baseline: the strongest is reported, and losing to it marks the model not better', () => {
    const t = syntheticTable(3000, 5);
    const y = t.columns.find((c) => c.name === 'y')!.num!;
    const mean: BaselineFn = ({ trainIdx, testIdx }) => ({
      name: 'training mean',
      values: new Float64Array(testIdx.length).fill(trainIdx.reduce((s, i) => s + y[i]!, 0) / trainIdx.length),
    });
    // A forecaster that knows the answer to within 0.01: no model beats it.
    const oracle: BaselineFn = ({ testIdx }) => ({
      name: 'oracle',
      values: Float64Array.from(testIdx, (i) => y[i]! + 0.01),
    });
    const res = trainTable(t, {
      name: 's',
      target: 'y',
      task: 'regression',
      params: { rounds: 40 },
      baseline: [mean, oracle],
    });
    expect(res.metrics.baselines.map((b) => [b.name, b.beats])).toEqual([
      ['oracle', false],
      ['training mean', true],
    ]);
    expect(res.metrics.baseline).toEqual(res.metrics.baselines[0]);
    expect(res.metrics.baseline!.beats).toBe(false);
    expect(describeMetrics(res.metrics, 'regression', 't').join('\n')).toMatch(
      /MODEL DOES NOT BEAT THE BASELINE — planning uses the baseline: mae \S+ vs \S+ \(\d+\.\d % higher\)\n {2}also beats: training mean/,
    );
    expect(baselineVerdict(res.metrics.baseline as unknown as Record<string, unknown>)).toMatch(
      /^NOT BETTER THAN BASELINE — planning uses the baseline: mae \S+ vs 0.01000 for oracle on 450 holdout rows$/,
    );
    const weak = trainTable(t, { name: 's', target: 'y', task: 'regression', params: { rounds: 40 }, baseline: mean });
    expect(describeMetrics(weak.metrics, 'regression', 't').join('\n')).toMatch(
      /model beats the baseline: mae \S+ vs \S+ \(\d+\.\d % lower\)/,
    );
    expect(baselineVerdict(weak.metrics.baseline as unknown as Record<string, unknown>)).toMatch(
      /^better than baseline: mae/,
    );
    expect(baselineVerdict(null)).toBeNull();
  });
});
