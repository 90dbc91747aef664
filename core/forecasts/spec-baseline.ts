import { getSpec } from '../../models';
import type { HistoryData } from '../../models';
import { getColumn, tableFromRows, type Cell, type ColumnType } from '../ml/table';
import { rowsOf } from '../registry/training-data';

/**
 * The baseline a spec model was judged against (its spec's `baseline`, e.g. the lane's
 * historical mean transit), fitted on every history row with a target and answered for `rows`.
 * This is what planning uses when the model does not beat it: the same forecast that won.
 */
export function specBaseline(name: string, history: HistoryData, rows: readonly Record<string, Cell>[]): { values: number[]; description: string } | null {
  let spec;
  try {
    spec = getSpec(name);
  } catch {
    return null;
  }
  if (spec.task !== 'regression' && spec.task !== 'quantile') return null;
  const t = spec.build(history);
  const target = getColumn(t, spec.target);
  if (!target?.num) return null;
  const trainIdx: number[] = [];
  for (let i = 0; i < t.nRows; i++) if (!Number.isNaN(target.num[i]!)) trainIdx.push(i);
  if (!trainIdx.length) return null;
  const names = t.columns.map((c) => c.name);
  const types = Object.fromEntries(t.columns.map((c) => [c.name, c.type])) as Record<string, ColumnType>;
  const all = [...rowsOf(t, Array.from({ length: t.nRows }, (_, i) => i), names), ...rows.map((r) => ({ ...Object.fromEntries(names.map((n) => [n, null])), ...r, [spec.target]: null }))];
  const combined = tableFromRows(all, types, spec.table);
  const testIdx = rows.map((_, k) => t.nRows + k);
  const b = spec.baseline({ table: combined, trainIdx, testIdx, classes: null });
  return { values: Array.from(b.values), description: b.name };
}
