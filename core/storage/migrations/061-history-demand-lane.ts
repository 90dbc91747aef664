import type { Migration } from '../migrate';

/**
 * A demand forecast reads one lane's history (destination × product, core/training/demand-forecast.ts):
 * without an index that is a scan of every demand row, two years of a plant's being ~500,000.
 */
export const m061HistoryDemandLane: Migration = {
  version: 61,
  name: 'history demand lane index',
  up: `CREATE INDEX IF NOT EXISTS history_demand_lane ON history_demand(destination, product);`,
};
