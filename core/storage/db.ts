import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openFailure, StorageError } from './errors';
import { migrate, schemaVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

export const DB_FILE = 'rakeplan.db';

export interface OpenedDb {
  db: Database.Database;
  path: string;
  migrated: { from: number; to: number; applied: string[] };
}

/**
 * Open (or create) the data directory's database: WAL journal, synchronous=FULL so a committed
 * transaction survives a killed process or power cut, foreign keys on, integrity checked, and
 * pending migrations applied. Any failure becomes a StorageError naming the file and the cause.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): OpenedDb {
  const file = path.join(dataDir, DB_FILE);
  let db: Database.Database;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new StorageError('unavailable', `Cannot create the data folder ${dataDir}: ${(err as Error).message}`);
  }
  try {
    db = new Database(file);
  } catch (err) {
    throw openFailure(file, err);
  }
  try {
    // First, so a second RakePlan creating or upgrading the same database is waited for.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
    const migrated = migrate(db, migrations);
    return { db, path: file, migrated };
  } catch (err) {
    db.close();
    throw openFailure(file, err);
  }
}

/**
 * A second connection to a database the host has already opened (and migrated), for a worker
 * thread that writes a large change in its own transaction. Same durability and foreign keys as
 * the host's connection; it waits up to 5 s for the host's write lock.
 */
export function openWorkerConnection(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export { schemaVersion };
export type { Database };
