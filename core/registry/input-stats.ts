import { MODEL_SPECS } from '../../models';
import { definedSince } from '../drift/feature-reference';
import { computeStats, type DatasetStats } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import { getColumn, isoOfDay, takeRows, type Table } from '../ml/table';

/**
 * The stored statistics of a version's inputs. A lagged feature of a spec model (ModelSpec.lagReach)
 * is described over the rows whose lag lies within the table's days: on earlier rows it is missing
 * because the history starts, not because the plant stopped recording, so a plant with two years of
 * history would read half of `lag364` missing and fail the data-quality gate by construction.
 */
export function inputStats(t: Table, m: ModelManifest, inputs: readonly string[]): DatasetStats {
  const stats = computeStats(t, inputs);
  const spec = MODEL_SPECS.find((s) => s.name === m.spec);
  const days = m.dateColumn ? getColumn(t, m.dateColumn)?.num : undefined;
  if (!spec?.lagReach || !days || days.length === 0) return stats;
  let first = Infinity;
  for (const d of days) if (d < first) first = d;
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
