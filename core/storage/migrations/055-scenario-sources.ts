import type { Migration } from '../migrate';

/**
 * The provenance table of a saved scenario (docs/scenario-format.md, `sources`): which model
 * version, baseline or default gave each forecast figure. One JSON array per scenario.
 */
export const m055ScenarioSources: Migration = {
  version: 55,
  name: 'scenario sources',
  up: `CREATE TABLE scenario_sources (
      scenario_id TEXT PRIMARY KEY REFERENCES scenarios(id) ON DELETE CASCADE,
      sources TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );`,
};
