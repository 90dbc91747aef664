import { tableFromRows } from '../core/ml/table';
import { groupMedianBaseline } from './baselines';
import type { ModelSpec } from './spec';

export const loadingThroughputSpec: ModelSpec = {
  name: 'loading-throughput',
  title: 'Loading throughput',
  description: 'Loading rate (t/h) of a loading point for a product, wagon type and lot size, by season.',
  unit: 't/h',
  table: 'loading_events',
  target: 'rateTph',
  task: 'regression',
  objective: 'huber',
  features: ['date', 'loadingPoint', 'product', 'wagonType', 'tonnes'],
  params: { rounds: 300, learningRate: 0.05, maxDepth: 6, minDataInLeaf: 20, earlyStoppingRounds: 30 },
  feeds: 'Optimizer: loading rate per loading point (loading duration = load ÷ rate).',
  build(h) {
    return tableFromRows(
      h.loading_events.map((r) => ({
        date: r.date,
        loadingPoint: r.loadingPoint,
        product: r.product,
        wagonType: r.wagonType,
        tonnes: r.tonnes,
        rateTph: r.rateTph,
      })),
      { date: 'date', loadingPoint: 'categorical', product: 'categorical', wagonType: 'categorical' },
      'loading_events',
    );
  },
  baseline: [
    groupMedianBaseline('rateTph', ['loadingPoint'], 'loading point median rate'),
    groupMedianBaseline('rateTph', ['loadingPoint', 'product'], 'loading point × product median rate'),
  ],
};
