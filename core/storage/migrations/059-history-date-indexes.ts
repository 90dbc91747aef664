import type { Migration } from '../migrate';

/**
 * Drift checks read only the history recorded after a model's training (core/drift/history-window.ts):
 * every history table needs its date column indexed for that, not only the three 011 indexed.
 */
export const m059HistoryDateIndexes: Migration = {
  version: 59,
  name: 'history date indexes',
  up: `
    CREATE INDEX IF NOT EXISTS history_loading_events_date ON history_loading_events(date);
    CREATE INDEX IF NOT EXISTS history_rake_placements_promised ON history_rake_placements(promisedAt);
  `,
};
