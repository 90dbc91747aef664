import type Database from 'better-sqlite3';
import type { HistoryInfo } from '../contract/api/scenarios';
import { HISTORY_TABLES, type HistoryTable } from '../domain/history';
import type { HistoryTables } from '../synth/history';

/**
 * The plant's history tables (`history_<table>`, columns = core/domain/history.ts field names).
 * The forecasting models read them with `readHistory`.
 */
export const HISTORY_TABLE_NAMES = Object.keys(HISTORY_TABLES) as HistoryTable[];

function fields(table: HistoryTable): string[] {
  return Object.keys((HISTORY_TABLES[table] as unknown as { shape: Record<string, unknown> }).shape);
}

/** Insert history rows (the caller may hold a transaction; this opens one if not). */
export function insertHistory(db: Database.Database, tables: HistoryTables, opts: { replace: boolean }): void {
  const run = () => {
    for (const table of HISTORY_TABLE_NAMES) {
      if (opts.replace) db.prepare(`DELETE FROM history_${table}`).run();
      const cols = fields(table);
      const stmt = db.prepare(
        `INSERT INTO history_${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      for (const row of tables[table] as unknown as Record<string, unknown>[])
        stmt.run(...cols.map((c) => row[c] ?? null));
    }
  };
  if (db.inTransaction) run();
  else db.transaction(run)();
}

export function readHistory<T extends HistoryTable>(db: Database.Database, table: T): HistoryTables[T] {
  const cols = fields(table);
  return db
    .prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM history_${table} ORDER BY rid`)
    .all() as HistoryTables[T];
}

export function historyInfo(db: Database.Database): HistoryInfo {
  const tables = {} as HistoryInfo['tables'];
  for (const table of HISTORY_TABLE_NAMES) {
    const dateCol = table === 'rake_placements' ? 'promisedAt' : 'date';
    const r = db
      .prepare(`SELECT COUNT(*) AS n, MIN("${dateCol}") AS lo, MAX("${dateCol}") AS hi FROM history_${table}`)
      .get() as { n: number; lo: string | null; hi: string | null };
    tables[table] = { rows: r.n, from: r.lo ? r.lo.slice(0, 10) : null, to: r.hi ? r.hi.slice(0, 10) : null };
  }
  return { tables };
}

export function historyColumns(table: HistoryTable): string[] {
  return fields(table);
}
