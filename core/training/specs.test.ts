import { describe, expect, it } from 'vitest';
import { MODEL_SPECS } from '../../models';
import { trainTable } from '../ml/pipeline';
import { generateHistory } from '../synth/history';
import { specTrainOptions } from './spec-options';

// 500 days: enough for the demand model's 52-week seasonal naive baseline on the holdout.
const history = generateHistory({ seed: 7, days: 500 });

/**
 * Specs that, on this history, honestly do not beat their strongest baseline (planning then uses
 * the baseline). Empty: each of the six was tuned until it does; a spec added here must say why.
 */
const NOT_BETTER = new Set<string>();

describe('the six forecasting models on synthetic plant history', () => {
  for (const spec of MODEL_SPECS) {
    it(`${spec.name} is judged against its strongest naive baseline (${spec.table} → ${spec.target}) on the time-ordered holdout`, () => {
      const table = spec.build(history);
      const res = trainTable(
        table,
        specTrainOptions(spec, { rounds: Math.min(spec.params.rounds ?? 300, 120), learningRate: 0.1 }),
      );
      const m = res.metrics;
      const b = m.baseline!;
      expect(b, 'baseline evaluated').not.toBeNull();
      expect(b.rows).toBeGreaterThan(0.5 * m.rows.test);
      const key = m.primary.name as 'mae';
      const score = (x: unknown) => (x as Record<string, number>)[key]!;
      // MAE-judged models face group medians (the best constant for MAE), demand also the recent mean.
      if (key === 'mae')
        expect(
          m.baselines.some((x) => /median|28 days/.test(x.name)),
          m.baselines.map((x) => x.name).join('; '),
        ).toBe(true);
      if (spec.name === 'demand')
        expect(m.baselines.map((x) => x.name)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/last 28 days known 14 days ahead/),
            expect.stringMatching(/52 weeks/),
          ]),
        );
      // `baseline` is the strongest one, and `beats` means beating every one of them.
      expect(m.baselines[0]).toEqual(b);
      for (const x of m.baselines) expect(x.beats).toBe(score(x.model) < score(x.baseline));
      expect(b.beats).toBe(m.baselines.every((x) => x.beats));
      const detail = `${spec.name}: ${key} ${m.baselines.map((x) => `${score(x.model).toFixed(3)} vs ${x.name} ${score(x.baseline).toFixed(3)}`).join('; ')}`;
      expect(b.beats, detail).toBe(!NOT_BETTER.has(spec.name));
      expect(res.manifest.dateColumn).toBe('date');
      expect(m.split).toBe('time');
      if (spec.quantiles) expect(res.manifest.outputs).toEqual(['prediction', 'p10', 'p90']);
      if (spec.task === 'binary') expect(res.manifest.classes).toEqual(['rail', 'road']);
    });
  }
});
