import type { Migration } from '../migrate';

/**
 * A spec-trained version's training-span statistics (core/registry/input-stats.ts trainingSpan),
 * read by every drift check instead of rebuilding the features of its training history. Kept
 * apart from dataset_stats: every read of a version parses that, and only drift reads this.
 * Versions registered before it have none, and drift reads their history as before.
 */
export const m062ModelTrainingSpan: Migration = {
  version: 62,
  name: 'model training span',
  up: `ALTER TABLE model_versions ADD COLUMN training_span TEXT;`,
};
