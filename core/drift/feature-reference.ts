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
 * Reference statistics of `names` over the training span of the history (rows dated from the
 * history's first day up to trainedThrough), each on the rows where it has its value by
 * construction (`since`), on the column it averages when it is in `via`. A feature with fewer
 * than `minSamples` such rows is left out: the history no longer holds enough of them.
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
  const out = new Map<string, FeatureStats>();
  const firstDay = historyFirstDay(db, spec.table);
  const after = basis.trainedThrough!.slice(0, 10);
  const afterDay = dayNumber(after);
  if (firstDay === null || firstDay > afterDay || names.length === 0) return out;
  const from = isoOfDay(firstDay);
  const built = spec.build(historyRowsBetween(db, spec.table, [[from, after]]));
  const days = builtDays(built, spec, basis);
  for (const n of names) {
    const rows: number[] = [];
    for (let i = 0; i < built.nRows; i++) if (days[i]! <= afterDay && days[i]! >= since(n)) rows.push(i);
    if (rows.length < minSamples) continue;
    const f = computeStats(takeRows(comparedColumns(built, [n], via), rows), [n]).features[0];
    if (f) out.set(n, f);
  }
  return out;
}
