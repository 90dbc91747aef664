import { JobStore } from '../jobs/jobs';
import { openDatabase, schemaVersion, type Database } from '../storage/db';
import { StorageError } from '../storage/errors';
import { ContractError } from '../contract/errors';
import { JobSlots } from './job-slots';
import { appVersion } from './paths';

export type HostMode = 'electron' | 'browser' | 'cli' | 'test';

/**
 * What every feature's handlers get. The database may be unusable (corrupt, too new): the host
 * still starts so the planner sees why, and data calls answer UNAVAILABLE via `requireDb()`.
 */
export interface HostServices {
  mode: HostMode;
  dataDir: string;
  appVersion: string;
  startedAt: number;
  dbPath: string;
  db: Database.Database | null;
  dbError: StorageError | null;
  jobs: JobStore | null;
  /** Heavy work (solves, trainings, large imports) running in this host, each kind capped. */
  slots: JobSlots;
  requireDb(): Database.Database;
  requireJobs(): JobStore;
  close(): void;
}

export function createServices(opts: { dataDir: string; mode: HostMode }): HostServices {
  let db: Database.Database | null = null;
  let dbError: StorageError | null = null;
  let dbPath = '';
  try {
    const opened = openDatabase(opts.dataDir);
    db = opened.db;
    dbPath = opened.path;
  } catch (err) {
    if (!(err instanceof StorageError)) throw err;
    dbError = err;
  }
  const jobs = db ? new JobStore(db) : null;
  jobs?.failInterrupted();
  const unavailable = () => new ContractError('UNAVAILABLE', dbError ? dbError.message : 'The database is closed.');
  return {
    mode: opts.mode,
    dataDir: opts.dataDir,
    appVersion: appVersion(),
    startedAt: Date.now(),
    dbPath: dbPath || `${opts.dataDir}/rakeplan.db`,
    db,
    dbError,
    jobs,
    slots: new JobSlots(),
    requireDb() {
      if (!db) throw unavailable();
      return db;
    },
    requireJobs() {
      if (!jobs) throw unavailable();
      return jobs;
    },
    close() {
      db?.close();
      db = null;
    },
  };
}

export function currentSchemaVersion(s: HostServices): number {
  return s.db ? schemaVersion(s.db) : 0;
}
