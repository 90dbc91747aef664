import Database from 'better-sqlite3';
import fs from 'node:fs';
import { grouped } from '../domain/figures';
import { HISTORY_DATE_COLUMN, HISTORY_TABLES } from '../domain/history';
import { historyChangedAt, syntheticHistory, syntheticHistoryText } from '../scenarios/history-store';
import { generateHistory } from '../synth/history';
import type { HistoryData } from '../../models';
import type { HistoryFrom } from '../contract/api/training';

export interface HistorySource {
  /** The app database: its history tables are used when they hold rows. */
  dbPath?: string;
  /** Otherwise generate synthetic history (seed, days); the source is named in every result. */
  synthetic?: { seed: number; days: number };
}

export const DEFAULT_SYNTHETIC = { seed: 1, days: 730 };
let synthetic: { key: string; data: HistoryData } | null = null;

/** What a history read says of its rows: where they come from, and whether they are the demo's. */
export interface HistoryOrigin {
  source: string;
  synthetic: boolean;
  from: HistoryFrom;
}

/**
 * The plant history for training: the database's history tables if they exist and hold rows,
 * else synthetic history — never silently: `source` says which, and why. Tables holding the demo's
 * generated history (seeded at first launch, history-store.ts) count as synthetic too.
 */
export function loadHistory(src: HistorySource, table: keyof HistoryData): { data: HistoryData } & HistoryOrigin {
  const { value, ...origin } = readHistory(
    src,
    table,
    (db) => {
      const data = emptyHistory();
      // Migration 011 stores each history table as history_<name> (rid + the domain columns).
      const rows = db.prepare(`SELECT * FROM "history_${table}" ORDER BY rid`).all() as Record<string, unknown>[];
      (data as unknown as Record<string, unknown[]>)[table] = parseHistoryRows(table, rows);
      return data;
    },
    (data) => data,
  );
  return { data: value, ...origin };
}

/**
 * What `read` takes from one history table when it holds rows (a reader that needs a few weeks or
 * a sum reads only that), else what `generated` takes from synthetic history; named as
 * loadHistory names it, with the table's whole row count.
 */
export function readHistory<T>(
  src: HistorySource,
  table: keyof HistoryData,
  read: (db: Database.Database) => T,
  generated: (data: HistoryData) => T,
): { value: T } & HistoryOrigin {
  let why = 'no database given';
  let whyCode: Extract<HistoryFrom, { code: 'generated' }>['why'] = 'no-database';
  if (src.dbPath && fs.existsSync(src.dbPath)) {
    const db = new Database(src.dbPath, { readonly: true, fileMustExist: true });
    try {
      const sqlTable = `history_${table}`;
      const exists = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(sqlTable);
      const count = exists ? (db.prepare(`SELECT COUNT(*) AS n FROM "${sqlTable}"`).get() as { n: number }).n : 0;
      if (count > 0) {
        const value = read(db);
        // The demo's history seeded at first launch sits in the same tables: still synthetic.
        const generated = syntheticHistory(db);
        const source = `database table ${sqlTable} (${grouped(count)} rows)`;
        const from = { code: 'table', table: sqlTable, rows: count } as const;
        return generated
          ? {
              value,
              source: `${source}: ${syntheticHistoryText(generated)}`,
              synthetic: true,
              from: { ...from, demo: { seed: generated.seed, days: generated.days } },
            }
          : { value, source, synthetic: false, from: { ...from, demo: null } };
      }
      why = exists ? `database table ${sqlTable} is empty` : `database has no ${sqlTable} table`;
      whyCode = exists ? 'table-empty' : 'no-table';
    } finally {
      db.close();
    }
  } else if (src.dbPath) {
    why = `database ${src.dbPath} not found`;
    whyCode = 'database-missing';
  }
  const syn = src.synthetic ?? DEFAULT_SYNTHETIC;
  const key = `${syn.seed}:${syn.days}`;
  // Generating two years takes seconds and is deterministic: keep the last one.
  if (synthetic?.key !== key) synthetic = { key, data: generateHistory(syn) };
  return {
    value: generated(synthetic.data),
    source: `synthetic history (seed ${syn.seed}, ${syn.days} days) — ${why}`,
    synthetic: true,
    from: { code: 'generated', seed: syn.seed, days: syn.days, why: whyCode, table: `history_${table}` },
  };
}

/**
 * Which history a database holds now, for readers that keep it between calls: changes whenever
 * its history tables are written (an import, generated history), so a cache keyed by it never
 * serves the history an import replaced.
 */
export function historyVersion(dbPath: string): string {
  if (!fs.existsSync(dbPath)) return `${dbPath}|none`;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return `${dbPath}|${historyChangedAt(db) ?? 'unrecorded'}`;
  } finally {
    db.close();
  }
}

/** Rows read from a history table, checked against its schema; a bad row is named by its position. */
function parseHistoryRows(table: keyof HistoryData, rows: readonly Record<string, unknown>[]): unknown[] {
  const schema = HISTORY_TABLES[table];
  return rows.map((r, i) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success)
      throw new Error(
        `History table history_${table} row ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
    return parsed.data;
  });
}

/**
 * The rows of one history table dated within any of `ranges` (ISO days, both ends included), in
 * the order they were recorded; the other tables are empty. Reads only those rows (the date
 * columns are indexed), for readers that need a few weeks of a large table.
 */
export function historyRowsBetween(
  db: Database.Database,
  table: keyof HistoryData,
  ranges: readonly (readonly [string, string])[],
): HistoryData {
  if (ranges.length === 0) return emptyHistory();
  const col = `"${HISTORY_DATE_COLUMN[table]}"`;
  // Timestamps compare as text too: a day's rows run from its date up to the next day's date.
  const where = ranges.map(() => `(${col} >= ? AND ${col} < ?)`).join(' OR ');
  return historyRowsWhere(
    db,
    table,
    where,
    ranges.flatMap(([a, b]) => [a, nextDay(b)]),
  );
}

/**
 * The rows of one history table that `where` (SQL over its columns, `?` for each of `params`)
 * keeps, in the order they were recorded; the other tables are empty.
 */
export function historyRowsWhere(
  db: Database.Database,
  table: keyof HistoryData,
  where: string,
  params: readonly (string | number)[],
): HistoryData {
  const data = emptyHistory() as unknown as Record<string, unknown[]>;
  const rows = db.prepare(`SELECT * FROM "history_${table}" WHERE ${where} ORDER BY rid`).all(...params) as Record<
    string,
    unknown
  >[];
  data[table] = parseHistoryRows(table, rows);
  return data as unknown as HistoryData;
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** No rows in any table. */
export function emptyHistory(): HistoryData {
  return { demand: [], rake_placements: [], trips: [], loading_events: [], shipments: [] };
}
