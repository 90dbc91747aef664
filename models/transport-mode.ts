import { tableFromRows } from '../core/ml/table';
import { groupShareBaseline } from './baselines';
import type { ModelSpec } from './spec';

export const transportModeSpec: ModelSpec = {
  name: 'transport-mode',
  title: 'Transport mode (rail / road)',
  description: 'Probability that a shipment goes by rail or road, from lane, distance, lot size, product and priority.',
  unit: 'probability',
  table: 'shipments',
  target: 'mode',
  task: 'binary',
  // Not distanceKm: the table records road or rail distance according to the mode chosen, which would leak the answer.
  features: ['date', 'stockyard', 'destination', 'corridor', 'product', 'priority', 'tonnes'],
  categorical: ['priority'],
  params: { rounds: 300, learningRate: 0.1, maxDepth: 6, minDataInLeaf: 20, earlyStoppingRounds: 30 },
  feeds: "Optimizer: rail/road prior for orders allowing either mode; planners' view of likely mode.",
  build(h) {
    return tableFromRows(
      h.shipments.map((r) => ({
        date: r.date,
        stockyard: r.stockyard,
        destination: r.destination,
        corridor: r.corridor,
        product: r.product,
        priority: r.priority,
        tonnes: r.tonnes,
        distanceKm: r.distanceKm,
        mode: r.mode,
      })),
      {
        date: 'date',
        stockyard: 'categorical',
        destination: 'categorical',
        corridor: 'categorical',
        product: 'categorical',
        mode: 'categorical',
      },
      'shipments',
    );
  },
  baseline: groupShareBaseline('mode', ['destination'], 'destination-mode-share'),
};
