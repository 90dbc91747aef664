import type { Migration } from '../migrate';

/**
 * Training runs: one row per `training.start`, keyed by its job id (status lives in `jobs`, so a
 * run interrupted by a crash shows as failed after restart). The loss curve and the metrics are
 * JSON documents written whole when the run ends.
 */
export const m030Training: Migration = {
  version: 30,
  name: 'training-runs',
  up: `
    CREATE TABLE training_runs (
      job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('spec','csv')),
      request TEXT NOT NULL,      -- JSON payload of training.start
      version TEXT,
      dir TEXT,
      source TEXT,
      history TEXT,               -- JSON [{round, trainLoss, validLoss}] of the main model
      metrics TEXT,               -- JSON ModelMetrics
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX training_runs_name ON training_runs(name, created_at);
  `,
};
