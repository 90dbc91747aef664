import type Database from 'better-sqlite3';
import { generateHistory } from '../synth/history';
import { generateScenario } from '../synth/scenario';
import { insertHistory } from './history-store';
import { insertScenario } from './store';

/** The demo's seed: the same plant, orders and history on every machine. */
export const DEMO_SEED = 42;
export const DEMO_HISTORY_DAYS = 730;
export const SEEDED_KEY = 'scenarios.demo_seeded';

/**
 * First launch: put the Bokaro demo (a week's scenario and two years of history) into an empty
 * database, in one transaction, so a newcomer sees a real plant. Runs once: a planner who deletes
 * the demo does not get it back on the next start.
 */
export function seedDemoIfEmpty(db: Database.Database): { seeded: boolean } {
  const done = db.prepare('SELECT value FROM app_meta WHERE key = ?').get(SEEDED_KEY);
  if (done) return { seeded: false };
  const scenarios = (db.prepare('SELECT COUNT(*) AS n FROM scenarios').get() as { n: number }).n;
  const history = (db.prepare('SELECT COUNT(*) AS n FROM history_demand').get() as { n: number }).n;
  const scenario = scenarios === 0 ? generateScenario({ seed: DEMO_SEED, size: 'week' }) : null;
  const tables = history === 0 ? generateHistory({ seed: DEMO_SEED, days: DEMO_HISTORY_DAYS }) : null;
  // Generating takes seconds; another RakePlan starting on the same new folder may have seeded
  // meanwhile. Checked again under the write lock, so the demo is put in once and neither fails.
  return db
    .transaction(() => {
      if (db.prepare('SELECT 1 FROM app_meta WHERE key = ?').get(SEEDED_KEY)) return { seeded: false };
      if (scenario) insertScenario(db, scenario, { name: 'Bokaro demo', source: 'demo' });
      if (tables)
        insertHistory(db, tables, {
          replace: false,
          synthetic: { seed: DEMO_SEED, days: DEMO_HISTORY_DAYS },
        });
      db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, new Date().toISOString());
      return { seeded: true };
    })
    .immediate();
}
