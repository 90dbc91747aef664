import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL text, or a function for data migrations. Runs inside the migration's transaction. */
  up: string | ((db: Database.Database) => void);
}

/** Current schema version: SQLite's user_version, set by each migration in its transaction. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Apply every migration newer than the database, each in its own transaction together with the
 * version bump, so a crash leaves the database at the last whole migration. Safe when two
 * processes open the same database at once: each migration runs once.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
): { from: number; to: number; applied: string[] } {
  assertOrdered(migrations);
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(
      `The database is at schema version ${from}, newer than this RakePlan (${latest}). Update RakePlan or use another data directory.`,
    );
  }
  const applied: string[] = [];
  for (const m of migrations) {
    if (m.version <= from) continue;
    // The version is read again under the write lock (IMMEDIATE): another RakePlan opening the
    // same database may have applied this migration since `from` was read.
    const ran = db
      .transaction(() => {
        if (schemaVersion(db) >= m.version) return false;
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
        db.pragma(`user_version = ${m.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(`${m.version}-${m.name}`);
  }
  return { from, to: schemaVersion(db), applied };
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (const [i, m] of migrations.entries()) {
    const prev = migrations[i - 1];
    if (prev && m.version <= prev.version) {
      throw new Error(`Migrations out of order: ${prev.version} then ${m.version}.`);
    }
  }
}
