import type { Migration } from '../migrate';

/**
 * Model registry: versions per model name (integer, increasing), the two aliases, per-consumer
 * pins, the history of alias moves (rollback reads it), gate reports and batch-scoring output.
 * JSON columns hold documents the registry writes whole and reads whole.
 */
export const m040Registry: Migration = {
  version: 40,
  name: 'registry',
  up: `
    CREATE TABLE model_versions (
      name TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      origin TEXT NOT NULL CHECK (origin IN ('trained','imported')),
      spec TEXT,
      params TEXT NOT NULL,            -- JSON
      manifest TEXT NOT NULL,          -- JSON ModelManifest (features, inputs, outputs)
      dataset TEXT,                    -- JSON fingerprint {hash, rows, from, to}
      dataset_stats TEXT,              -- JSON per-feature reference statistics (drift reference)
      metrics TEXT,                    -- JSON holdout metrics
      baseline_metrics TEXT,           -- JSON
      baseline TEXT,                   -- JSON naive predictor used for fallback
      train_ms INTEGER,
      parent_version INTEGER,
      note TEXT NOT NULL DEFAULT '',
      source_ref TEXT,                 -- where it came from (training run dir, imported file name)
      file_sha256 TEXT NOT NULL,
      file_bytes INTEGER NOT NULL,
      holdout_sha256 TEXT,             -- JSON rows of the time-ordered holdout, in the blob store
      last_error TEXT,
      last_error_at TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (name, version)
    ) STRICT;
    CREATE TABLE model_aliases (
      name TEXT NOT NULL,
      alias TEXT NOT NULL CHECK (alias IN ('production','candidate')),
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (name, alias),
      FOREIGN KEY (name, version) REFERENCES model_versions(name, version)
    ) STRICT;
    CREATE TABLE model_pins (
      consumer TEXT NOT NULL,
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (consumer, name),
      FOREIGN KEY (name, version) REFERENCES model_versions(name, version)
    ) STRICT;
    -- Every alias move, override, load failure and import: the lineage shown in the UI and what
    -- rollback walks back through.
    CREATE TABLE model_events (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      version INTEGER,
      kind TEXT NOT NULL,
      from_version INTEGER,
      detail TEXT,                     -- JSON
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX model_events_name ON model_events(name, id);
    CREATE TABLE gate_reports (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      against_version INTEGER,
      passed INTEGER NOT NULL,
      report TEXT NOT NULL,            -- JSON GateReport
      created_at TEXT NOT NULL,
      FOREIGN KEY (name, version) REFERENCES model_versions(name, version) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX gate_reports_version ON gate_reports(name, version, id);
    CREATE TABLE batch_predictions (
      job_id TEXT NOT NULL,
      row_index INTEGER NOT NULL,
      model TEXT NOT NULL,
      version INTEGER,
      source TEXT NOT NULL,
      output TEXT NOT NULL,            -- JSON {column: value}
      PRIMARY KEY (job_id, row_index)
    ) STRICT;
  `,
};
