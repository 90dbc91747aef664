import type Database from 'better-sqlite3';
import type { HistoryInfo, SyntheticHistory } from '../contract/api/scenarios';
import { HISTORY_DATE_COLUMN, HISTORY_TABLES, type HistoryTable } from '../domain/history';
import type { HistoryTables } from '../synth/history';

/**
 * The plant's history tables (`history_<table>`, columns = core/domain/history.ts field names).
 * Training and the forecasts read them through core/training/history-source.ts.
 */
export const HISTORY_TABLE_NAMES = Object.keys(HISTORY_TABLES) as HistoryTable[];

function fields(table: HistoryTable): string[] {
  return Object.keys((HISTORY_TABLES[table] as unknown as { shape: Record<string, unknown> }).shape);
}

/** Where the stored history came from, when any of it is generated (app_meta, as JSON). */
export const SYNTHETIC_HISTORY_KEY = 'history.synthetic';
/** When the history tables last changed (app_meta): readers that cache the history compare it. */
export const HISTORY_CHANGED_KEY = 'history.changed_at';

/**
 * Insert history rows (the caller may hold a transaction; this opens one if not). `synthetic`
 * says the rows are generated (the demo's): the tables then count as synthetic until the plant's
 * own history replaces them, so no model trained on them feeds a real plan. The plant's rows added
 * beside synthetic ones leave the tables synthetic: a mix is not the plant's history.
 */
export function insertHistory(
  db: Database.Database,
  tables: HistoryTables,
  opts: { replace: boolean; synthetic?: SyntheticHistory },
): void {
  const run = () => {
    // Generated rows added to generated ones keep the first seed: the tables stay synthetic either way.
    if (opts.synthetic)
      db.prepare(`INSERT OR ${opts.replace ? 'REPLACE' : 'IGNORE'} INTO app_meta (key, value) VALUES (?, ?)`).run(
        SYNTHETIC_HISTORY_KEY,
        JSON.stringify(opts.synthetic),
      );
    else if (opts.replace) db.prepare('DELETE FROM app_meta WHERE key = ?').run(SYNTHETIC_HISTORY_KEY);
    db.prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)').run(
      HISTORY_CHANGED_KEY,
      new Date().toISOString(),
    );
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

/** The generated history the tables hold, or null when they hold only the plant's own (or nothing). */
export function syntheticHistory(db: Database.Database): SyntheticHistory | null {
  const row = db.prepare('SELECT value FROM app_meta WHERE key = ?').get(SYNTHETIC_HISTORY_KEY) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as SyntheticHistory) : null;
}

/** When the history tables last changed (ISO time), or null when never since this was recorded. */
export function historyChangedAt(db: Database.Database): string | null {
  const row = db.prepare('SELECT value FROM app_meta WHERE key = ?').get(HISTORY_CHANGED_KEY) as
    { value: string } | undefined;
  return row?.value ?? null;
}

/** In words, for a training run's or a forecast's source: whose history this is. */
export function syntheticHistoryText(h: SyntheticHistory): string {
  return `the demo's synthetic history (seed ${h.seed}, ${h.days} days), not the plant's`;
}

/** A history table's rows as arrays in `historyColumns` order, read one at a time (exports). */
export function iterateHistory(db: Database.Database, table: HistoryTable): IterableIterator<unknown[]> {
  const cols = fields(table);
  return db
    .prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM history_${table} ORDER BY rid`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
}

/**
 * Rows of the plant's own stored history; 0 when nothing is stored or what is stored is the
 * demo's. Neither generated history nor a replacing import may overwrite them unasked.
 */
export function ownHistoryRows(db: Database.Database): number {
  const info = historyInfo(db);
  return info.synthetic ? 0 : Object.values(info.tables).reduce((a, t) => a + t.rows, 0);
}

export function historyInfo(db: Database.Database): HistoryInfo {
  const tables = {} as HistoryInfo['tables'];
  for (const table of HISTORY_TABLE_NAMES) {
    const dateCol = HISTORY_DATE_COLUMN[table];
    const r = db
      .prepare(`SELECT COUNT(*) AS n, MIN("${dateCol}") AS lo, MAX("${dateCol}") AS hi FROM history_${table}`)
      .get() as { n: number; lo: string | null; hi: string | null };
    tables[table] = { rows: r.n, from: r.lo ? r.lo.slice(0, 10) : null, to: r.hi ? r.hi.slice(0, 10) : null };
  }
  return { tables, synthetic: syntheticHistory(db) };
}

export function historyColumns(table: HistoryTable): string[] {
  return fields(table);
}
