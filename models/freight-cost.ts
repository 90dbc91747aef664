import { tableFromRows } from '../core/ml/table';
import { groupMeanBaseline, groupMedianBaseline } from './baselines';
import type { ModelSpec } from './spec';

export const freightCostSpec: ModelSpec = {
  name: 'freight-cost',
  title: 'Freight cost',
  description: 'Cost per tonne (₹/t) of a shipment by mode, lane, distance, lot size and product.',
  unit: '₹/t',
  table: 'shipments',
  target: 'costRsPerT',
  task: 'regression',
  // MAE-judged against the lane median: the absolute loss fits medians, so a few very dear road
  // lots do not drag every lane's forecast up (squared loss lost to the lane median).
  objective: 'absolute',
  features: ['date', 'mode', 'stockyard', 'destination', 'corridor', 'product', 'priority', 'tonnes', 'distanceKm'],
  categorical: ['priority'],
  params: { rounds: 300, learningRate: 0.1, maxDepth: 6, minDataInLeaf: 20, earlyStoppingRounds: 30 },
  feeds: 'Planning reports: expected ₹/t by lane and mode (the optimizer itself prices with the cost rules).',
  build(h) {
    return tableFromRows(
      h.shipments.map((r) => ({
        date: r.date,
        mode: r.mode,
        stockyard: r.stockyard,
        destination: r.destination,
        corridor: r.corridor,
        product: r.product,
        priority: r.priority,
        tonnes: r.tonnes,
        distanceKm: r.distanceKm,
        costRsPerT: r.costRsPerT,
      })),
      {
        date: 'date',
        mode: 'categorical',
        stockyard: 'categorical',
        destination: 'categorical',
        corridor: 'categorical',
        product: 'categorical',
      },
      'shipments',
    );
  },
  baseline: [
    groupMedianBaseline('costRsPerT', ['stockyard', 'destination', 'mode'], 'lane-median-cost'),
    groupMeanBaseline('costRsPerT', ['stockyard', 'destination', 'mode'], 'lane-mean-cost'),
  ],
};
