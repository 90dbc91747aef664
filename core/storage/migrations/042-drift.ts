import type { Migration } from '../migrate';

/** Inputs sampled from prediction requests (bounded per model) and the drift reports computed on them. */
export const m042Drift: Migration = {
  version: 42,
  name: 'drift',
  up: `
    CREATE TABLE drift_samples (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      row TEXT NOT NULL,               -- JSON input row as the model received it
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX drift_samples_name ON drift_samples(name, id);
    CREATE TABLE drift_reports (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      version INTEGER,
      status TEXT NOT NULL CHECK (status IN ('ok','warn','drift','no-data')),
      report TEXT NOT NULL,            -- JSON DriftReport
      trigger TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX drift_reports_name ON drift_reports(name, id);
  `,
};
