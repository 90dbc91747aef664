import type { Migration } from '../migrate';

/** Saved dispatch plans: the plan JSON with the scenario it was made from. */
export const m020Plans: Migration = {
  version: 20,
  name: 'plans',
  up: `
    CREATE TABLE plans (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      scenario_id TEXT,
      scenario_name TEXT NOT NULL,
      -- Content hash of the scenario as planned: a plan stays traceable after its scenario changes.
      scenario_hash TEXT NOT NULL,
      scenario_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      method TEXT NOT NULL,
      status TEXT NOT NULL,
      gap REAL,
      seconds REAL NOT NULL,
      total_cost REAL NOT NULL,
      rule_based_cost REAL NOT NULL,
      plan_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX plans_scenario_created ON plans(scenario_id, created_at);
  `,
};
