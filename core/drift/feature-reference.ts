import type Database from 'better-sqlite3';
import { HISTORY_DATE_COLUMN } from '../domain/history';
import { dayNumber, getColumn, isoOfDay, takeRows, type Table } from '../ml/table';
import { historyRowsBetween } from '../training/history-source';
import type { ModelSpec } from '../../models/spec';
import { computeStats, type FeatureStats } from './reference';
import type { HistoryBasis } from './history-window';

/** The first day of a history table, as a day number; null when it holds no rows. */
export function historyFirstDay(db: Database.Database, table: ModelSpec['table']): number | null {
  const col = `"${HISTORY_DATE_COLUMN[table]}"`;
  const first = (
    db.prepare(`SELECT substr(MIN(${col}), 1, 10) AS d FROM "history_${table}"`).get() as {
      d: string | null;
    }
  ).d;
  return first ? dayNumber(first) : null;
}

/**
 * The first day on which a feature has its value by construction: a lagged feature
 * (ModelSpec.lagReach) reads days before the history's first day on earlier rows, which are
 * missing because the history starts, not because the plant stopped recording them.
 */
export const definedSince =
  (spec: ModelSpec, firstDay: number) =>
  (feature: string): number =>
    firstDay + (spec.lagReach?.[feature] ?? 0);

export function builtDays(built: Table, spec: ModelSpec, basis: HistoryBasis): Float64Array {
  const days = getColumn(built, basis.dateColumn ?? 'date')?.num;
  if (!days) throw new Error(`${basis.label}: the rows built by spec ${spec.name} have no date column.`);
  return days;
}

/**
 * The built columns drift compares, under the inputs' names: for a moving average
 * (ModelSpec.driftOn), the column it averages.
 */
export function comparedColumns(built: Table, inputs: readonly string[], via: Readonly<Record<string, string>>): Table {
  return {
    nRows: built.nRows,
    columns: inputs.flatMap((n) => {
      const c = getColumn(built, via[n] ?? n);
      return c ? [{ ...c, name: n }] : [];
    }),
  };
}

/**
 * The training-span statistics a version stores when it is registered (core/registry/input-stats.ts
 * trainingSpan): what trainingSpanStats would read back from the history, taken from the training
 * table itself, for every input. `through` is the trainedThrough day they end on.
 */
export interface TrainingSpanStats {
  through: string;
  features: FeatureStats[];
}

/**
 * Statistics of each of `names` over the rows of `built` dated up to `afterDay`, each on the rows
 * where it has its value by construction (`since`), on the column it averages when it is in `via`.
 */
export function spanStats(
  built: Table,
  days: Float64Array,
  afterDay: number,
  names: readonly string[],
  via: Readonly<Record<string, string>>,
  since: (feature: string) => number,
): FeatureStats[] {
  return names.flatMap((n) => {
    const rows: number[] = [];
    for (let i = 0; i < built.nRows; i++) if (days[i]! <= afterDay && days[i]! >= since(n)) rows.push(i);
    const f = computeStats(takeRows(comparedColumns(built, [n], via), rows), [n]).features[0];
    return f ? [f] : [];
  });
}

/** Reads the training span's statistics of `names` (trainingSpanStats, or a counting stand-in in tests). */
export type TrainingSpanReader = typeof trainingSpanStats;

/**
 * Reference statistics of `names` over the training span of the history (rows dated from the
 * history's first day up to trainedThrough), each on the rows where it has its value by
 * construction (`since`), on the column it averages when it is in `via`. A feature with fewer
 * than `minSamples` such rows is left out: the history no longer holds enough of them. This
 * rebuilds the whole span's features: drift reads it only for a version registered without
 * stored training-span statistics (storedSpanStats).
 */
export function trainingSpanStats(
  db: Database.Database,
  spec: ModelSpec,
  basis: HistoryBasis,
  names: readonly string[],
  via: Readonly<Record<string, string>>,
  since: (feature: string) => number,
  minSamples: number,
): Map<string, FeatureStats> {
  const firstDay = historyFirstDay(db, spec.table);
  const after = basis.trainedThrough!.slice(0, 10);
  const afterDay = dayNumber(after);
  if (firstDay === null || firstDay > afterDay || names.length === 0) return new Map();
  const from = isoOfDay(firstDay);
  const built = spec.build(historyRowsBetween(db, spec.table, [[from, after]]));
  const days = builtDays(built, spec, basis);
  return enough(spanStats(built, days, afterDay, names, via, since), minSamples);
}

/**
 * The stored training-span statistics of `names`, as trainingSpanStats would read them; null when
 * they end on another day than the version's trainedThrough (then the history is read instead).
 */
export function storedSpanStats(
  stored: TrainingSpanStats,
  basis: HistoryBasis,
  names: readonly string[],
  minSamples: number,
): Map<string, FeatureStats> | null {
  if (stored.through !== basis.trainedThrough?.slice(0, 10)) return null;
  return enough(
    stored.features.filter((f) => names.includes(f.name)),
    minSamples,
  );
}

const enough = (features: readonly FeatureStats[], minSamples: number) =>
  new Map(features.filter((f) => f.n >= minSamples).map((f) => [f.name, f]));
