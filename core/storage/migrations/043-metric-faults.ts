import type { Migration } from '../migrate';

/**
 * Failures of RakePlan itself, apart from the errors a caller is answered with on purpose (a
 * cancel, a refused payload): the failure-rate alert reads these. Older points count none.
 */
export const m043MetricFaults: Migration = {
  version: 43,
  name: 'metric faults',
  up: `ALTER TABLE metric_points ADD COLUMN faults INTEGER NOT NULL DEFAULT 0;`,
};
