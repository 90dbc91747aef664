import type Database from 'better-sqlite3';
import type { DriftCompared } from '../contract/api/monitoring';
import { HISTORY_NOUNS } from '../contract/model-reasons';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { grouped } from '../domain/figures';
import { HISTORY_DATE_COLUMN } from '../domain/history';
import { cellAt, dayNumber, getColumn, takeRows, type Cell, type Table } from '../ml/table';
import { syntheticHistory } from '../scenarios/history-store';
import { historyRowsBetween } from '../training/history-source';
import { getSpec } from '../../models';
import type { ModelSpec } from '../../models/spec';
import { computeStats, type DatasetStats, type FeatureStats } from './reference';

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
      /** Features compared on the column they average (ModelSpec.driftOn), with that column. */
      via?: Readonly<Record<string, string>>;
    }
  | { rows: null; samples: number; message: string; reasons: ErrorReason[]; compared?: DriftCompared };

/** One year back to the same weekday: seasons (the monsoon, the order cycles) line up. */
const YEAR_DAYS = 364;

const NOUN: Record<string, string> = HISTORY_NOUNS;

/** A check that cannot compare: its message and why, as data. */
export const told = (r: ErrorReason) => ({ message: reasonText(r), reasons: [r] });

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
      ...told({ code: 'drift-no-trained-through', params: { model: basis.label } }),
    };
  if (syntheticHistory(db) && !basis.synthetic)
    return {
      rows: null,
      samples: 0,
      ...told({ code: 'drift-demo-history', params: { model: basis.label } }),
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
    reasons: [{ code: 'drift-few-history', params: { n, noun, after, min: minSamples, model: basis.label } }],
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
  const days = builtDays(built, spec, basis);
  const cur: number[] = [];
  const past: number[] = [];
  for (let i = 0; i < built.nRows; i++) {
    const d = days[i]!;
    if (d >= from && d <= to && d > afterDay) cur.push(i);
    else if (d >= ref[0] && d <= ref[1]) past.push(i);
  }
  if (cur.length < minSamples) return tooFew(cur.length);
  const inputs = stored.features.map((f) => f.name);
  let via = Object.fromEntries(inputs.flatMap((n) => (spec.driftOn?.[n] ? [[n, spec.driftOn[n]]] : [])));
  const latest = recorded > cap ? `the latest ${grouped(cur.length)} of ` : '';
  const newRows = `${latest}${grouped(recorded)} ${noun} recorded after ${after}`;
  let stats: DatasetStats;
  let what: string;
  let span: { from: string; to: string } | null = null;
  if (past.length >= minSamples) {
    span = { from: isoDay(ref[0]), to: isoDay(ref[1]) };
    stats = computeStats(takeRows(comparedColumns(built, inputs, via), past), inputs);
    what = `${newRows}, against the training rows of the same weeks a year earlier (${span.from} to ${span.to})`;
  } else {
    // The stored statistics are the features' own; a feature compared on the values it averages
    // takes that column's reference from the training span of the history.
    const sources = Object.keys(via).length ? sourceStats(db, spec, basis, inputs, via, minSamples) : null;
    if (!sources) via = {};
    stats = { ...stored, features: stored.features.map((f) => sources?.get(f.name) ?? f) };
    what = `${newRows}, against all ${grouped(stored.rows)} training rows`;
  }
  const view = comparedColumns(built, inputs, via);
  const rows = cur.map((i) => Object.fromEntries(view.columns.map((c) => [c.name, cellAt(c, i)])));
  const averaged = Object.entries(via).map(([f, c]) => `${f} on the ${c} values it averages`);
  return {
    rows,
    stats,
    what: averaged.length ? `${what}; ${averaged.join(', ')}` : what,
    compared: compared(span),
    via,
  };
}

function builtDays(built: Table, spec: ModelSpec, basis: HistoryBasis): Float64Array {
  const days = getColumn(built, basis.dateColumn ?? 'date')?.num;
  if (!days) throw new Error(`${basis.label}: the rows built by spec ${spec.name} have no date column.`);
  return days;
}

/**
 * The built columns drift compares, under the inputs' names: for a moving average
 * (ModelSpec.driftOn), the column it averages.
 */
function comparedColumns(built: Table, inputs: readonly string[], via: Readonly<Record<string, string>>): Table {
  return {
    nRows: built.nRows,
    columns: inputs.flatMap((n) => {
      const c = getColumn(built, via[n] ?? n);
      return c ? [{ ...c, name: n }] : [];
    }),
  };
}

/**
 * Reference statistics of the columns the `via` features average, over the training span of the
 * history (rows dated up to trainedThrough); null when the history no longer holds enough of them.
 */
function sourceStats(
  db: Database.Database,
  spec: ModelSpec,
  basis: HistoryBasis,
  inputs: readonly string[],
  via: Readonly<Record<string, string>>,
  minSamples: number,
): Map<string, FeatureStats> | null {
  const col = `"${HISTORY_DATE_COLUMN[spec.table]}"`;
  const first = (
    db.prepare(`SELECT substr(MIN(${col}), 1, 10) AS d FROM "history_${spec.table}"`).get() as {
      d: string | null;
    }
  ).d;
  const after = basis.trainedThrough!.slice(0, 10);
  if (!first || first > after) return null;
  const built = spec.build(historyRowsBetween(db, spec.table, [[first, after]]));
  const days = builtDays(built, spec, basis);
  const afterDay = dayNumber(after);
  const training: number[] = [];
  for (let i = 0; i < built.nRows; i++) if (days[i]! <= afterDay) training.push(i);
  if (training.length < minSamples) return null;
  const names = inputs.filter((n) => via[n]);
  const stats = computeStats(takeRows(comparedColumns(built, names, via), training), names);
  return new Map(stats.features.map((f) => [f.name, f]));
}
