import { describe, expect, it } from 'vitest';
import type { PredictAnswer } from '../contract/api/registry';
import { DEFAULT_THRESHOLDS, featureDrift } from '../drift/detect';
import { computeStats, type FeatureStats } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import type { Cell } from '../ml/table';
import { generateHistory } from '../synth/history';
import { generateScenario } from '../synth/scenario';
import { eventTonnes, loadingThroughputSpec, rateOverEvents } from '../../models/loading-throughput';
import { versionRecord } from '../../tests/fixtures/version-record';
import { applyForecasts } from './apply';
import type { ModelAccess } from './model-access';

const history = generateHistory({ seed: 3, days: 180 });
const stats = computeStats(loadingThroughputSpec.build(history), loadingThroughputSpec.features);
const trained = stats.features.find((f) => f.name === 'tonnes') as Extract<FeatureStats, { kind: 'numeric' }>;
const sc = generateScenario({ seed: 4, size: 'day' });

/** A registry serving only loading-throughput (rate = tonnes ÷ 2 h), recording the rows it is asked. */
function throughput(asked: Record<string, Cell>[]): ModelAccess {
  const rec = versionRecord(
    'loading-throughput',
    1,
    { trainingData: { kind: 'plant-history', source: 'test' } } as Partial<ModelManifest>,
    { spec: 'loading-throughput', baselineMetrics: { beats: true }, datasetStats: stats },
  );
  return {
    serving: (name) => (name === 'loading-throughput' ? rec : null),
    predict: async (name, rows) => {
      asked.push(...rows);
      return {
        model: name,
        version: 1,
        source: 'model',
        columns: { prediction: rows.map((r) => Number(r.tonnes) / 2) },
        label: null,
        ms: 0,
      } satisfies PredictAnswer;
    },
  };
}

describe('loading-throughput serving rows', () => {
  it("asks at loading events' tonnes as training built them, so an unchanged plant shows no drift", async () => {
    const asked: Record<string, Cell>[] = [];
    const r = await applyForecasts(sc, throughput(asked), {
      demo: false,
      eventTonnes: eventTonnes(history.loading_events),
    });
    const tonnes = asked.map((x) => Number(x.tonnes));
    expect(tonnes.length).toBeGreaterThan(0);
    for (const t of tonnes) {
      expect(t).toBeGreaterThanOrEqual(trained.min);
      expect(t).toBeLessThanOrEqual(trained.max);
    }
    expect(featureDrift(trained, tonnes, DEFAULT_THRESHOLDS)!.status).toBe('ok');
    // Every event of a size takes 2 h here: the pair's rate is its mean event size over 2 h.
    const lp = r.sources.find((s) => s.field === 'loadingRateTph' && s.byProduct?.length)!;
    const x = lp.byProduct![0]!;
    const sizes = eventTonnes(history.loading_events)(lp.entity, x.product)!;
    expect(x.rateTph).toBe(Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length / 2));
  });

  it('without history the scenario may use, asks at the tonnes the serving version was trained on', async () => {
    const asked: Record<string, Cell>[] = [];
    await applyForecasts(sc, throughput(asked), { demo: false });
    const tonnes = asked.map((x) => Number(x.tonnes));
    for (const t of tonnes) {
      expect(t).toBeGreaterThanOrEqual(trained.min);
      expect(t).toBeLessThanOrEqual(trained.max);
    }
    expect(featureDrift(trained, tonnes, DEFAULT_THRESHOLDS)!.status).toBe('ok');
  });

  it('gives one rate over events of several sizes that keeps their loading hours', () => {
    // 100 t at 50 t/h and 300 t at 150 t/h: 4 h for 400 t.
    expect(rateOverEvents([100, 300], [50, 150])).toBe(100);
  });
});
