import type { Migration } from '../migrate';

/**
 * Monitoring time series: one row per minute × kind × key (call name, model, optimizer outcome),
 * holding counts and a latency histogram so percentiles can be recomputed for any window.
 * Rows older than the retention are deleted by the monitor on each flush.
 */
export const m041Monitoring: Migration = {
  version: 41,
  name: 'monitoring',
  up: `
    CREATE TABLE metric_points (
      minute INTEGER NOT NULL,         -- Unix time / 60 000
      kind TEXT NOT NULL,
      key TEXT NOT NULL,
      count INTEGER NOT NULL,
      errors INTEGER NOT NULL,
      sum_ms REAL NOT NULL,
      sum_value REAL NOT NULL,
      hist TEXT NOT NULL,              -- JSON sparse {bucketIndex: count}
      PRIMARY KEY (minute, kind, key)
    ) STRICT;
    CREATE INDEX metric_points_kind ON metric_points(kind, minute);
  `,
};
