import type Database from 'better-sqlite3';
import type { DriftCompared } from '../contract/api/monitoring';
import { grouped } from '../domain/figures';
import { HISTORY_DATE_COLUMN } from '../domain/history';
import { cellAt, dayNumber, getColumn, takeRows, type Cell } from '../ml/table';
import { syntheticHistory } from '../scenarios/history-store';
import { historyRowsBetween } from '../training/history-source';
import { getSpec } from '../../models';
import { computeStats, type DatasetStats } from './reference';

/** What a drift check needs to know of a spec-trained production version. */
export interface HistoryBasis {
  /** `name@version`, for messages. */
  label: string;
  spec: string;
  /** The last day it trained on (its manifest's trainedThrough, else its data's last date); null: unknown. */
  trainedThrough: string | null;
  /** Trained on the demo's synthetic history (core/domain/training-origin.ts). */
  synthetic: boolean;
  dateColumn: string | null;
}

export type Current =
  | {
      rows: Record<string, Cell>[];
      /** The reference to compare with: the same weeks a year earlier, or the stored training statistics. */
      stats: DatasetStats;
      /** Which rows were compared, for the report's message. */
      what: string;
      compared?: DriftCompared;
    }
  | { rows: null; samples: number; message: string; compared?: DriftCompared };

/** One year back to the same weekday: seasons (the monsoon, the order cycles) line up. */
const YEAR_DAYS = 364;

const NOUN: Record<string, string> = {
  demand: 'daily demand records',
  rake_placements: 'rake placements',
  trips: 'trips',
  loading_events: 'loading events',
  shipments: 'shipments',
};

const isoDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/**
 * The feature rows the version's spec builds from the plant history recorded after its training
 * rows: what the plant did since, which drift compares with what the model learned from. At most
 * `cap` of the latest history rows are built (with the days their lags read), so a check reads a
 * few weeks of a table, not all of it. The reference is the training rows of the same weeks a year
 * earlier when the training data reaches that far: the whole year's mix would make every season
 * look like drift. Synthetic history is compared only with a model trained on it (the demo rule).
 */
export function currentFromHistory(
  db: Database.Database,
  basis: HistoryBasis,
  stored: DatasetStats,
  minSamples: number,
  cap: number,
): Current {
  const spec = getSpec(basis.spec);
  const table = spec.table;
  const noun = NOUN[table] ?? `${table} rows`;
  if (!basis.trainedThrough)
    return {
      rows: null,
      samples: 0,
      message: `${basis.label} records neither the last day it trained on nor its training rows' dates, so which history is new cannot be told; retrain it to check drift.`,
    };
  if (syntheticHistory(db) && !basis.synthetic)
    return {
      rows: null,
      samples: 0,
      message: `The stored history is the demo's generated history; ${basis.label} learned from the plant's, so only the plant's history is compared with it.`,
    };
  const after = basis.trainedThrough.slice(0, 10);
  const afterDay = dayNumber(after);
  const col = `"${HISTORY_DATE_COLUMN[table]}"`;
  const sqlTable = `"history_${table}"`;
  const start = isoDay(afterDay + 1);
  const recorded = (db.prepare(`SELECT COUNT(*) AS n FROM ${sqlTable} WHERE ${col} >= ?`).get(start) as { n: number })
    .n;
  const compared = (reference: { from: string; to: string } | null): DriftCompared => ({
    kind: 'history',
    table,
    after,
    recorded,
    reference,
  });
  const tooFew = (n: number): Current => ({
    rows: null,
    samples: n,
    compared: compared(null),
    message: `${grouped(n)} ${noun} recorded after ${after}; at least ${grouped(minSamples)} are needed to compare with what ${basis.label} learned from.`,
  });
  if (recorded < minSamples) return tooFew(recorded);
  const first =
    recorded > cap
      ? (
          db
            .prepare(
              `SELECT substr(${col}, 1, 10) AS d FROM ${sqlTable} WHERE ${col} >= ? ORDER BY ${col} DESC LIMIT 1 OFFSET ?`,
            )
            .get(start, cap - 1) as { d: string }
        ).d
      : start;
  const last = (db.prepare(`SELECT substr(MAX(${col}), 1, 10) AS d FROM ${sqlTable}`).get() as { d: string }).d;
  const [from, to] = [dayNumber(first), dayNumber(last)];
  const ref = [from - YEAR_DAYS, Math.min(to - YEAR_DAYS, afterDay)] as const;
  const spans = ref[0] <= ref[1] ? [[from, to] as const, ref] : [[from, to] as const];
  const ranges = spans.flatMap(([a, b]) => [
    [a, b] as const,
    ...(spec.lookback ?? []).map(([near, far]) => [a - far, b - near] as const),
  ]);
  const built = spec.build(
    historyRowsBetween(
      db,
      table,
      ranges.map(([a, b]) => [isoDay(a), isoDay(b)]),
    ),
  );
  const days = getColumn(built, basis.dateColumn ?? 'date')?.num;
  if (!days) throw new Error(`${basis.label}: the rows built by spec ${spec.name} have no date column.`);
  const cur: number[] = [];
  const past: number[] = [];
  for (let i = 0; i < built.nRows; i++) {
    const d = days[i]!;
    if (d >= from && d <= to && d > afterDay) cur.push(i);
    else if (d >= ref[0] && d <= ref[1]) past.push(i);
  }
  if (cur.length < minSamples) return tooFew(cur.length);
  const inputs = stored.features.map((f) => f.name);
  const cols = inputs.map((n) => getColumn(built, n)).filter((c) => c !== undefined);
  const rows = cur.map((i) => Object.fromEntries(cols.map((c) => [c.name, cellAt(c, i)])));
  const latest = recorded > cap ? `the latest ${grouped(cur.length)} of ` : '';
  const newRows = `${latest}${grouped(recorded)} ${noun} recorded after ${after}`;
  if (past.length >= minSamples) {
    const span = { from: isoDay(ref[0]), to: isoDay(ref[1]) };
    return {
      rows,
      stats: computeStats(takeRows(built, past), inputs),
      what: `${newRows}, against the training rows of the same weeks a year earlier (${span.from} to ${span.to})`,
      compared: compared(span),
    };
  }
  return {
    rows,
    stats: stored,
    what: `${newRows}, against all ${grouped(stored.rows)} training rows`,
    compared: compared(null),
  };
}
