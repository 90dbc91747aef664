import { describe, expect, it } from 'vitest';
import { MODEL_SPECS } from '../../models';
import { trainTable } from '../ml/pipeline';
import { generateHistory } from '../synth/history';

// 500 days: enough for the demand model's 52-week seasonal naive baseline on the holdout.
const history = generateHistory({ seed: 7, days: 500 });

describe('the six forecasting models on synthetic plant history', () => {
  for (const spec of MODEL_SPECS) {
    it(`${spec.name} beats its naive baseline (${spec.table} → ${spec.target}) on the time-ordered holdout`, () => {
      const table = spec.build(history);
      const res = trainTable(table, {
        name: spec.name, spec: spec.name, target: spec.target, task: spec.task, objective: spec.objective, quantiles: spec.quantiles,
        features: spec.features, categorical: spec.categorical, dateColumn: 'date', baseline: spec.baseline,
        params: { ...spec.params, rounds: Math.min(spec.params.rounds ?? 300, 120), learningRate: 0.1 },
      });
      const b = res.metrics.baseline!;
      expect(b, 'baseline evaluated').not.toBeNull();
      expect(b.rows).toBeGreaterThan(0.5 * res.metrics.rows.test);
      expect(b.beats, `${spec.name}: ${res.metrics.primary.name} model ${JSON.stringify(b.model)} vs baseline ${JSON.stringify(b.baseline)}`).toBe(true);
      // Holdout rows come after every training row in time.
      expect(res.manifest.dateColumn).toBe('date');
      if (spec.quantiles) expect(res.manifest.outputs).toEqual(['prediction', 'p10', 'p90']);
      if (spec.task === 'binary') expect(res.manifest.classes).toEqual(['rail', 'road']);
    });
  }
});
