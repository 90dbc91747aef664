import type { Migration } from '../migrate';

/** Plan versions (an edit or a re-plan saves a child of the plan it came from) and issuing. */
export const m050PlanVersions: Migration = {
  version: 50,
  name: 'plan-versions',
  up: `
    ALTER TABLE plans ADD COLUMN parent_id TEXT REFERENCES plans(id) ON DELETE SET NULL;
    ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    -- Set once: an issued plan is read-only; later changes are new versions.
    ALTER TABLE plans ADD COLUMN issued_at TEXT;
    CREATE INDEX plans_parent ON plans(parent_id);
  `,
};
