import { getSpec } from '../../models';
import type { BaselineNameText } from '../contract/baseline-names';
import type { HistoryData } from '../../models';
import { getColumn, tableFromRows, type Cell, type ColumnType } from '../ml/table';
import { rowsOf } from '../registry/training-data';

/** A spec baseline's forecasts and its name, in English and as codes when its spec gives them. */
export interface SpecBaseline {
  values: Record<string, number[]>;
  name: string;
  nameText?: BaselineNameText;
  /** P10/P90 are the destination's empirical quantiles of the history. */
  spread: boolean;
}

/**
 * The baseline a spec model was judged against (its spec's `baseline`, e.g. the lane's
 * historical median transit), fitted on every history row with a target and answered for `rows`.
 * This is what planning uses when the model does not beat it: the same forecast that won.
 */
export function specBaseline(
  name: string,
  history: HistoryData,
  rows: readonly Record<string, Cell>[],
  prefer?: string,
): SpecBaseline | null {
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
  const all = [
    ...rowsOf(
      t,
      Array.from({ length: t.nRows }, (_, i) => i),
      names,
    ),
    ...rows.map((r) => ({ ...Object.fromEntries(names.map((n) => [n, null])), ...r, [spec.target]: null })),
  ];
  const combined = tableFromRows(all, types, spec.table);
  const testIdx = rows.map((_, k) => t.nRows + k);
  // A spec may name several baselines; the model was judged against the strongest on its
  // holdout, recorded by name: that one is used (else the spec's first).
  const fns = Array.isArray(spec.baseline) ? spec.baseline : [spec.baseline];
  const results = fns.map((fn) => fn({ table: combined, trainIdx, testIdx, classes: null }));
  const b = results.find((r) => r.name === prefer) ?? results[0];
  if (!b) return null;
  const values: Record<string, number[]> = { prediction: Array.from(b.values) };
  // A quantile model's baseline keeps a spread: the lane's empirical quantiles of the history.
  const lane = getColumn(t, 'destination')?.str;
  if (spec.quantiles?.length && lane) {
    const by = new Map<string, number[]>();
    for (const i of trainIdx) {
      const k = lane[i];
      if (k !== null && k !== undefined) {
        const a = by.get(k) ?? [];
        a.push(target.num[i]!);
        by.set(k, a);
      }
    }
    for (const a of by.values()) a.sort((x, y) => x - y);
    for (const q of spec.quantiles) {
      values[`p${Math.round(q * 100)}`] = rows.map((r, k) => {
        const a = by.get(String(r.destination));
        return a && a.length >= 5 ? a[Math.min(a.length - 1, Math.floor(q * a.length))]! : values.prediction![k]!;
      });
    }
  }
  return {
    values,
    name: b.name,
    ...(b.nameText ? { nameText: b.nameText } : {}),
    spread: Boolean(spec.quantiles?.length && lane),
  };
}
