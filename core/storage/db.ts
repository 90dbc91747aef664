import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { StorageError } from './errors';
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
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new StorageError('unavailable', `Cannot open the database ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
    const migrated = migrate(db, migrations);
    return { db, path: file, migrated };
  } catch (err) {
    db.close();
    const message = (err as Error).message;
    if (/newer than this RakePlan/.test(message)) throw new StorageError('too-new', message);
    throw new StorageError(
      'corrupt',
      `The database ${file} is damaged or not a RakePlan database (${message}). Move it aside or restore a backup; RakePlan will create a new one.`,
    );
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
