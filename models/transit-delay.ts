import { tableFromRows } from '../core/ml/table';
import { groupMedianBaseline } from './baselines';
import type { ModelSpec } from './spec';

export const transitDelaySpec: ModelSpec = {
  name: 'transit-delay',
  title: 'Rail transit time (with P10/P90)',
  description:
    'Hours from dispatch to arrival of a rake, by corridor, destination, distance, wagon type, load and season; P10 and P90 bound the likely range.',
  unit: 'h',
  table: 'trips',
  target: 'transitH',
  task: 'regression',
  objective: 'huber',
  quantiles: [0.1, 0.9],
  features: ['date', 'corridor', 'destination', 'distanceKm', 'wagonType', 'loadT'],
  params: { rounds: 300, learningRate: 0.05, maxDepth: 6, minDataInLeaf: 20, earlyStoppingRounds: 30 },
  feeds: 'Optimizer: rail transit time per destination (ETA and lateness).',
  build(h) {
    return tableFromRows(
      h.trips.map((r) => ({
        date: r.date,
        corridor: r.corridor,
        destination: r.destination,
        distanceKm: r.distanceKm,
        wagonType: r.wagonType,
        loadT: r.loadT,
        transitH: r.transitH,
      })),
      { date: 'date', corridor: 'categorical', destination: 'categorical', wagonType: 'categorical' },
      'trips',
    );
  },
  baseline: [
    groupMedianBaseline('transitH', ['destination'], 'lane-median-transit'),
    groupMedianBaseline('transitH', ['destination', 'wagonType'], 'lane-wagon-median-transit'),
  ],
};
