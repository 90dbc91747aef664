import { MODEL_SPECS } from '../../models';
import { definedSince, spanStats, type TrainingSpanStats } from '../drift/feature-reference';
import { computeStats, type DatasetStats } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import { dayNumber, getColumn, isoOfDay, takeRows, type Table } from '../ml/table';

/**
 * The stored statistics of a version's inputs. A lagged feature of a spec model (ModelSpec.lagReach)
 * is described over the rows whose lag lies within the table's days: on earlier rows it is missing
 * because the history starts, not because the plant stopped recording, so a plant with two years of
 * history would read half of `lag364` missing and fail the data-quality gate by construction.
 */
export function inputStats(t: Table, m: ModelManifest, inputs: readonly string[]): DatasetStats {
  const stats = computeStats(t, inputs);
  const { spec, days, first } = specDays(t, m);
  if (!spec?.lagReach || !days) return stats;
  const from = definedSince(spec, first);
  return {
    ...stats,
    features: stats.features.map((f) => {
      if (!spec.lagReach![f.name]) return f;
      const since = from(f.name);
      const rows: number[] = [];
      for (let i = 0; i < days.length; i++) if (days[i]! >= since) rows.push(i);
      // No row reaches that far: the feature is missing throughout, and the gate should say so.
      if (rows.length === 0) return f;
      return { ...computeStats(takeRows(t, rows), [f.name]).features[0]!, definedSince: isoOfDay(since) };
    }),
  };
}

/**
 * What drift compares a spec model's lagged and moving-average inputs with (core/drift/history-window.ts):
 * each input over the training rows up to trainedThrough, from the day its lag lies within the
 * data, on the column it averages (ModelSpec.driftOn). Stored with the version, so a drift check
 * need not rebuild two years of features from the history each time; null for a model with no spec,
 * date column or trainedThrough (drift does not compare it with the history).
 */
export function trainingSpan(t: Table, m: ModelManifest, inputs: readonly string[]): TrainingSpanStats | null {
  const { spec, days, first } = specDays(t, m);
  if (!spec || !days || !m.trainedThrough) return null;
  const through = m.trainedThrough.slice(0, 10);
  const since = definedSince(spec, first);
  return {
    through,
    features: spanStats(t, days, dayNumber(through), inputs, spec.driftOn ?? {}, since).map((f) =>
      spec.lagReach?.[f.name] ? { ...f, definedSince: isoOfDay(since(f.name)) } : f,
    ),
  };
}

/** The spec a version was trained from, its table's day numbers and the first of them. */
function specDays(t: Table, m: ModelManifest) {
  const spec = MODEL_SPECS.find((s) => s.name === m.spec);
  const days = m.dateColumn ? getColumn(t, m.dateColumn)?.num : undefined;
  let first = Infinity;
  for (const d of days ?? []) if (d < first) first = d;
  return { spec, days: days && days.length > 0 ? days : undefined, first };
}
