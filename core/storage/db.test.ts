import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { DB_FILE, openDatabase } from './db';
import { StorageError } from './errors';
import { migrate, schemaVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { HISTORY_DATE_COLUMN } from '../domain/history';
import { m056HistoryOrigin } from './migrations/056-history-origin';
import { syntheticHistory } from '../scenarios/history-store';
import { DEMO_HISTORY_DAYS, DEMO_SEED, SEEDED_KEY } from '../scenarios/seed';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));
function dir() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('database and migrations', () => {
  it('creates an empty database in WAL mode at the latest schema', () => {
    const d = dir();
    const { db, migrated } = openDatabase(d);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(migrated.from).toBe(0);
      expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['app_meta', 'jobs']));
      // Readers of the history after a date (drift) find it by an index on every table.
      for (const [table, col] of Object.entries(HISTORY_DATE_COLUMN)) {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM history_${table} WHERE "${col}" >= '2026-01-01'`)
          .all() as { detail: string }[];
        expect(plan.map((r) => r.detail).join(' '), table).toMatch(/USING (COVERING )?INDEX/);
      }
      // A demand forecast reads its one lane's rows.
      const lane = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM history_demand WHERE destination = 'D' AND product = 'P' ORDER BY rid`,
        )
        .all() as { detail: string }[];
      expect(lane.map((r) => r.detail).join(' ')).toMatch(/USING INDEX history_demand_lane/);
    } finally {
      db.close();
    }
  });

  it('brings a database at an older schema up to date, keeping its rows', () => {
    const d = dir();
    const v1: Migration[] = [
      { version: 1, name: 'one', up: 'CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT) STRICT;' },
    ];
    const v3: Migration[] = [
      ...v1,
      { version: 2, name: 'two', up: `ALTER TABLE t ADD COLUMN qty_t REAL NOT NULL DEFAULT 0;` },
      { version: 3, name: 'three', up: (db) => db.prepare(`UPDATE t SET qty_t = 42`).run() },
    ];
    const first = openDatabase(d, v1);
    first.db.prepare(`INSERT INTO t (note) VALUES ('kept')`).run();
    first.db.close();
    const second = openDatabase(d, v3);
    try {
      expect(second.migrated).toEqual({ from: 1, to: 3, applied: ['2-two', '3-three'] });
      expect(second.db.prepare('SELECT note, qty_t FROM t').get()).toEqual({ note: 'kept', qty_t: 42 });
    } finally {
      second.db.close();
    }
  });

  it('marks the history of a database seeded with the demo before its origin was recorded as synthetic', () => {
    const d = dir();
    const before = MIGRATIONS.filter((m) => m.version < m056HistoryOrigin.version);
    const old = openDatabase(d, before).db;
    old.prepare(`INSERT INTO app_meta (key, value) VALUES (?, '2026-01-01T00:00:00Z')`).run(SEEDED_KEY);
    old
      .prepare(`INSERT INTO history_demand ("date", destination, corridor, product, tonnes) VALUES (?, ?, ?, ?, ?)`)
      .run('2025-01-01', 'HWH', 'EAST', 'HRC', 120);
    old.close();
    const { db } = openDatabase(d);
    try {
      expect(syntheticHistory(db)).toEqual({ seed: DEMO_SEED, days: DEMO_HISTORY_DAYS });
    } finally {
      db.close();
    }
    // Never seeded (a plant that imported its own history): nothing marked.
    const plant = openDatabase(dir());
    try {
      expect(syntheticHistory(plant.db)).toBeNull();
    } finally {
      plant.db.close();
    }
  });

  it('rolls back a failing migration whole and leaves the version where it was', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [
      { version: 1, name: 'ok', up: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 2, name: 'half', up: 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, bad)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'b'`).pluck().get()).toBe(0);
  });

  it('gives a clear error, not a crash, for a corrupt database file', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, DB_FILE), Buffer.from('this is not a database, it is a spreadsheet '.repeat(200)));
    let caught: unknown;
    try {
      openDatabase(d);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).kind).toBe('corrupt');
    expect((caught as Error).message).toMatch(/rakeplan\.db is damaged or not a RakePlan database/);
  });

  it('says a database it cannot write is unavailable, never damaged, and leaves it as it was', () => {
    const d = dir();
    openDatabase(d, MIGRATIONS.slice(0, 1)).db.close();
    const failing = (version: number, up: Migration['up']): Migration[] => [
      ...MIGRATIONS.slice(0, 1),
      { version, name: 'write', up },
    ];
    const cases: [Migration[], RegExp][] = [
      // What SQLite answers on a read-only folder or file (SQLITE_READONLY).
      [
        failing(2, (db) => (db.pragma('query_only = ON'), db.exec('CREATE TABLE x (a INTEGER)'))),
        /cannot be written: its folder and file must be writable/,
      ],
      // And on a full disk (SQLITE_FULL): the database may grow by no page.
      [
        failing(2, (db) => {
          db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
          db.exec(`CREATE TABLE x (a TEXT); INSERT INTO x VALUES (zeroblob(100000));`);
        }),
        /cannot be written: the disk is full/,
      ],
    ];
    for (const [migrations, message] of cases) {
      const caught = thrown(() => openDatabase(d, migrations));
      expect(caught).toBeInstanceOf(StorageError);
      expect((caught as StorageError).kind).toBe('unavailable');
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toMatch(/damaged|Move it aside/);
    }
    const { db, migrated } = openDatabase(d, MIGRATIONS.slice(0, 1));
    db.close();
    expect(migrated.from).toBe(MIGRATIONS[0]!.version);
  });

  it('applies each migration once when another process upgrades the same database meanwhile', () => {
    const d = dir();
    const file = path.join(d, DB_FILE);
    const v1: Migration[] = [{ version: 1, name: 'one', up: 'CREATE TABLE a (x INTEGER) STRICT;' }];
    const v2: Migration[] = [...v1, { version: 2, name: 'two', up: 'CREATE TABLE b (x INTEGER) STRICT;' }];
    openDatabase(d, v1).db.close();
    // After this connection has read the version (1) and before its first migration's transaction,
    // another connection (another RakePlan) applies migration 2 and commits.
    const db = new Database(file);
    const other = new Database(file);
    const transaction = db.transaction.bind(db);
    let raced = false;
    db.transaction = ((fn: Parameters<typeof transaction>[0]) => {
      if (!raced) {
        raced = true;
        other.exec('BEGIN IMMEDIATE; CREATE TABLE b (x INTEGER) STRICT; PRAGMA user_version = 2; COMMIT');
      }
      return transaction(fn);
    }) as typeof db.transaction;
    try {
      expect(migrate(db, v2)).toEqual({ from: 1, to: 2, applied: [] });
      expect(raced).toBe(true);
    } finally {
      db.close();
      other.close();
    }
  });

  it('refuses a database from a newer RakePlan instead of migrating it down', () => {
    const d = dir();
    const db = new Database(path.join(d, DB_FILE));
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(d)).toThrow(/schema version 999, newer than this RakePlan/);
  });
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
