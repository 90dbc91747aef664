import type { Migration } from '../migrate';

/**
 * Which process runs a job. Another RakePlan opening the same data folder (the CLI while the app
 * runs) must not take that process's running jobs for ones a crash interrupted.
 */
export const m060JobOwner: Migration = {
  version: 60,
  name: 'job owner',
  up: `ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;`,
};
