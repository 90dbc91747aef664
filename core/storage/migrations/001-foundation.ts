import type { Migration } from '../migrate';

export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up: `
    CREATE TABLE app_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
    -- Long-running work (solves, training, batch scoring). A job left 'running' by a crash is
    -- marked failed at the next start (see jobs.ts), never shown as running forever.
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
      title TEXT NOT NULL,
      progress REAL,
      detail TEXT,
      error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX jobs_kind_created ON jobs(kind, created_at);
  `,
};
