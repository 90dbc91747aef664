import type { Migration } from '../migrate';
import { SYNTHETIC_HISTORY_KEY } from '../../scenarios/history-store';
import { DEMO_HISTORY_DAYS, DEMO_SEED, SEEDED_KEY } from '../../scenarios/seed';

/**
 * Databases seeded with the demo before the history's origin was recorded: their history tables
 * may still hold the demo's generated history, which training read as the plant's. Marked
 * synthetic on the safe side (history-store.ts); importing the plant's history clears the mark.
 */
export const m056HistoryOrigin: Migration = {
  version: 56,
  name: 'history origin',
  up: (db) => {
    const seeded = db.prepare('SELECT 1 FROM app_meta WHERE key = ?').get(SEEDED_KEY);
    const rows = db.prepare('SELECT 1 FROM history_demand LIMIT 1').get();
    if (seeded && rows)
      db.prepare('INSERT OR IGNORE INTO app_meta (key, value) VALUES (?, ?)').run(
        SYNTHETIC_HISTORY_KEY,
        JSON.stringify({ seed: DEMO_SEED, days: DEMO_HISTORY_DAYS }),
      );
  },
};
