import type Database from 'better-sqlite3';
import type { DriftCompared } from '../contract/api/monitoring';
import { HISTORY_NOUNS } from '../contract/model-reasons';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { grouped } from '../domain/figures';
import { HISTORY_DATE_COLUMN } from '../domain/history';
import { cellAt, dayNumber, getColumn, isoOfDay, takeRows, type Cell } from '../ml/table';
import { syntheticHistory } from '../scenarios/history-store';
import { historyRowsBetween } from '../training/history-source';
import { getSpec } from '../../models';
import {
  builtDays,
  comparedColumns,
  definedSince,
  historyFirstDay,
  storedSpanStats,
  trainingSpanStats,
  type TrainingSpanReader,
  type TrainingSpanStats,
} from './feature-reference';
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
  /** The training span's statistics stored with the version; null for one registered before they were. */
  trainingSpan: TrainingSpanStats | null;
}

export type Current =
  | {
      /** Each compared feature's current values (a lagged feature's only where its lag lies within the history). */
      values: Readonly<Record<string, readonly Cell[]>>;
      /** Rows compared. */
      samples: number;
      /** The reference to compare with: the same weeks a year earlier, or the stored training statistics. */
      stats: DatasetStats;
      /** Which rows were compared, for the report's message. */
      what: string;
      compared?: DriftCompared;
      /** Features compared on the column they average (ModelSpec.driftOn), with that column. */
      via?: Readonly<Record<string, string>>;
      /** Lagged features compared with the training rows where their lags lie within the history, with those rows' days. */
      spans?: Readonly<Record<string, { from: string; to: string }>>;
    }
  | { values: null; samples: number; message: string; reasons: ErrorReason[]; compared?: DriftCompared };

/** One year back to the same weekday: seasons (the monsoon, the order cycles) line up. */
const YEAR_DAYS = 364;

/** A check that cannot compare: its message and why, as data. */
export const told = (r: ErrorReason) => ({ message: reasonText(r), reasons: [r] });

/**
 * The feature rows the version's spec builds from the plant history recorded after its training
 * rows: what the plant did since, which drift compares with what the model learned from. At most
 * `cap` of the latest history rows are built (with the days their lags read), so a check reads a
 * few weeks of a table, not all of it. The reference is the training rows of the same weeks a year
 * earlier when the training data reaches that far: the whole year's mix would make every season
 * look like drift. A lagged feature (ModelSpec.lagReach) is compared only on rows whose lag lies
 * within the history: on the history's first year a year-earlier lag is missing by construction.
 * Synthetic history is compared only with a model trained on it (the demo rule).
 */
export function currentFromHistory(
  db: Database.Database,
  basis: HistoryBasis,
  stored: DatasetStats,
  minSamples: number,
  cap: number,
  readSpan: TrainingSpanReader = trainingSpanStats,
): Current {
  const spec = getSpec(basis.spec);
  const table = spec.table;
  const noun = HISTORY_NOUNS[table];
  if (!basis.trainedThrough)
    return {
      values: null,
      samples: 0,
      ...told({ code: 'drift-no-trained-through', params: { model: basis.label } }),
    };
  if (syntheticHistory(db) && !basis.synthetic)
    return {
      values: null,
      samples: 0,
      ...told({ code: 'drift-demo-history', params: { model: basis.label } }),
    };
  const after = basis.trainedThrough.slice(0, 10);
  const afterDay = dayNumber(after);
  const col = `"${HISTORY_DATE_COLUMN[table]}"`;
  const sqlTable = `"history_${table}"`;
  const start = isoOfDay(afterDay + 1);
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
    values: null,
    samples: n,
    compared: compared(null),
    message: `${grouped(n)} ${noun} recorded after ${after}; at least ${grouped(minSamples)} are needed to compare with what ${basis.label} learned from.`,
    reasons: [{ code: 'drift-few-history', params: { n, noun: table, after, min: minSamples, model: basis.label } }],
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
      ranges.map(([a, b]) => [isoOfDay(a), isoOfDay(b)]),
    ),
  );
  const days = builtDays(built, spec, basis);
  const since = definedSince(spec, historyFirstDay(db, table) ?? from);
  const cur: number[] = [];
  const past: number[] = [];
  for (let i = 0; i < built.nRows; i++) {
    const d = days[i]!;
    if (d >= from && d <= to && d > afterDay) cur.push(i);
    else if (d >= ref[0] && d <= ref[1]) past.push(i);
  }
  if (cur.length < minSamples) return tooFew(cur.length);
  const inputs = stored.features.map((f) => f.name);
  const via: Record<string, string> = Object.fromEntries(
    inputs.flatMap((n) => (spec.driftOn?.[n] ? [[n, spec.driftOn[n]]] : [])),
  );
  const lagged = (n: string) => Boolean(spec.lagReach?.[n]);
  const seasonal = past.length >= minSamples;
  // A lagged feature has its weeks a year earlier only where their lags lie within the history
  // too; else, like a moving average compared against all training rows, it takes its reference
  // from the training span of the history (the stored statistics count its missing lags).
  const fromTraining = inputs.filter((n) => (seasonal ? ref[0] < since(n) : lagged(n) || via[n]));
  // The stored statistics describe the same rows (core/registry/input-stats.ts trainingSpan): a
  // version registered without them has the span's features rebuilt from the history.
  const training =
    (basis.trainingSpan && storedSpanStats(basis.trainingSpan, basis, fromTraining, minSamples)) ??
    readSpan(db, spec, basis, fromTraining, via, since, minSamples);
  for (const n of fromTraining) if (!training.has(n)) delete via[n];
  const view = comparedColumns(built, inputs, via);
  const own = new Map(
    (seasonal ? computeStats(takeRows(view, past), inputs) : stored).features.map((f) => [f.name, f]),
  );
  const features: FeatureStats[] = [];
  const values: Record<string, Cell[]> = {};
  const lagSpans: Record<string, { from: string; to: string }> = {};
  const notCompared: string[] = [];
  for (const n of inputs) {
    const reference = training.get(n) ?? (fromTraining.includes(n) && lagged(n) ? undefined : own.get(n));
    const rows = cur.filter((i) => days[i]! >= since(n));
    if (!reference || rows.length < minSamples) {
      if (lagged(n)) notCompared.push(n);
      continue;
    }
    const c = getColumn(view, n);
    features.push(reference);
    values[n] = rows.map((i) => (c ? cellAt(c, i) : null));
    if (training.has(n) && lagged(n)) lagSpans[n] = { from: reference.definedSince ?? isoOfDay(since(n)), to: after };
  }
  const latest = recorded > cap ? `the latest ${grouped(cur.length)} of ` : '';
  const newRows = `${latest}${grouped(recorded)} ${noun} recorded after ${after}`;
  const span = seasonal ? { from: isoOfDay(ref[0]), to: isoOfDay(ref[1]) } : null;
  const what = span
    ? `${newRows}, against the training rows of the same weeks a year earlier (${span.from} to ${span.to})`
    : `${newRows}, against all ${grouped(stored.rows)} training rows`;
  const notes = [
    ...Object.entries(via).map(([f, c]) => `${f} on the ${c} values it averages`),
    ...Object.entries(lagSpans).map(
      ([f, s]) => `${f} against the training rows from ${s.from}, where its lag lies within the history`,
    ),
    ...(notCompared.length
      ? [`${notCompared.join(', ')} not compared: too few rows whose lags lie within the history`]
      : []),
  ];
  return {
    values,
    samples: cur.length,
    stats: { rows: seasonal ? past.length : stored.rows, features },
    what: [what, ...notes].join('; '),
    compared: compared(span),
    via,
    spans: lagSpans,
  };
}
