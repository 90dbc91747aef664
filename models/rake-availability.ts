import { tableFromRows } from '../core/ml/table';
import { groupMeanBaseline } from './baselines';
import type { ModelSpec } from './spec';

export const rakeAvailabilitySpec: ModelSpec = {
  name: 'rake-availability',
  title: 'Rake availability (placement delay)',
  description: 'Hours between a rake\'s promised and actual placement, by wagon type, loading point, promised hour, calendar and the loading point\'s recent delays.',
  unit: 'h',
  table: 'rake_placements',
  target: 'delayH',
  task: 'regression',
  objective: 'huber',
  features: ['date', 'wagonType', 'loadingPoint', 'hour', 'recentDelayH'],
  params: { rounds: 300, learningRate: 0.05, maxDepth: 5, minDataInLeaf: 20, earlyStoppingRounds: 30 },
  feeds: 'Optimizer: expected placement time of each rake (promised time + forecast delay).',
  build(h) {
    const rows = [...h.rake_placements].sort((a, b) => Date.parse(a.promisedAt) - Date.parse(b.promisedAt));
    const recent = new Map<string, number[]>();
    const out = rows.map((r) => {
      // Mean delay of the loading point's last 10 placements: known when this rake is promised.
      const past = recent.get(r.loadingPoint) ?? [];
      const recentDelayH = past.length ? past.reduce((a, b) => a + b, 0) / past.length : null;
      if (r.delayH !== null) { past.push(r.delayH); if (past.length > 10) past.shift(); recent.set(r.loadingPoint, past); }
      return { date: r.promisedAt.slice(0, 10), wagonType: r.wagonType, loadingPoint: r.loadingPoint, hour: Number(r.promisedAt.slice(11, 13)), recentDelayH, delayH: r.delayH };
    });
    return tableFromRows(out, { date: 'date', wagonType: 'categorical', loadingPoint: 'categorical' }, 'rake_placements');
  },
  baseline: groupMeanBaseline('delayH', ['loadingPoint'], 'loading point mean delay'),
};
