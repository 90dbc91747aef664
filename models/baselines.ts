import { baselineName, type BaselineLabel, type BaselineNameText } from '../core/contract/baseline-names';
import type { BaselineFn } from '../core/ml/baseline-comparison';
import { cellAt, getColumn, type Table } from '../core/ml/table';

/** A baseline's name, in English and as data (core/contract/baseline-names.ts). */
function named(nameText: BaselineNameText): { name: string; nameText: BaselineNameText } {
  return { name: baselineName(nameText), nameText };
}

function keyOf(t: Table, cols: string[], i: number): string {
  return cols.map((c) => String(cellAt(getColumn(t, c)!, i))).join('|');
}

/**
 * "The lane's historical mean": the mean target of the training rows with the same key columns;
 * a key never seen in training falls back to the training mean (named in the baseline's name).
 */
export function groupMeanBaseline(target: string, keys: string[], label: BaselineLabel): BaselineFn {
  return ({ table, trainIdx, testIdx }) => {
    const y = getColumn(table, target)!.num!;
    const sums = new Map<string, { s: number; n: number }>();
    let total = 0;
    for (const i of trainIdx) {
      const k = keyOf(table, keys, i);
      const g = sums.get(k) ?? { s: 0, n: 0 };
      g.s += y[i]!;
      g.n++;
      total += y[i]!;
      sums.set(k, g);
    }
    const globalMean = total / trainIdx.length;
    const values = Float64Array.from(testIdx, (i) => {
      const g = sums.get(keyOf(table, keys, i));
      return g ? g.s / g.n : globalMean;
    });
    return { ...named({ code: label, kind: 'mean', keys }), values };
  };
}

/**
 * "The lane's typical value": the median target of the training rows with the same key columns
 * (for MAE, the median is the best constant — a mean is a weaker opponent than a planner's
 * rule of thumb). A key never seen in training falls back to the training median.
 */
export function groupMedianBaseline(target: string, keys: string[], label: BaselineLabel): BaselineFn {
  return ({ table, trainIdx, testIdx }) => {
    const y = getColumn(table, target)!.num!;
    const groups = new Map<string, number[]>();
    const all: number[] = [];
    for (const i of trainIdx) {
      if (Number.isNaN(y[i]!)) continue;
      const k = keyOf(table, keys, i);
      const g = groups.get(k) ?? [];
      g.push(y[i]!);
      all.push(y[i]!);
      groups.set(k, g);
    }
    const medians = new Map([...groups].map(([k, v]) => [k, median(v)]));
    const overall = median(all);
    const values = Float64Array.from(testIdx, (i) => medians.get(keyOf(table, keys, i)) ?? overall);
    return { ...named({ code: label, kind: 'median', keys }), values };
  };
}

function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Classifier baseline: class shares of the training rows with the same key. */
export function groupShareBaseline(target: string, keys: string[], label: BaselineLabel): BaselineFn {
  return ({ table, trainIdx, testIdx, classes }) => {
    const col = getColumn(table, target)!;
    const K = classes!.length;
    const idx = new Map(classes!.map((c, k) => [c, k]));
    const counts = new Map<string, Float64Array>();
    const all = new Float64Array(K);
    for (const i of trainIdx) {
      const c = idx.get(String(cellAt(col, i)));
      if (c === undefined) continue;
      const k = keyOf(table, keys, i);
      const v = counts.get(k) ?? new Float64Array(K);
      v[c]!++;
      all[c]!++;
      counts.set(k, v);
    }
    const values = new Float64Array(testIdx.length * K);
    testIdx.forEach((i, r) => {
      const v = counts.get(keyOf(table, keys, i)) ?? all;
      const n = v.reduce((a, b) => a + b, 0);
      // Laplace smoothing so an unseen class does not get probability 0 (infinite log-loss).
      for (let k = 0; k < K; k++) values[r * K + k] = (v[k]! + 1) / (n + K);
    });
    return { ...named({ code: label, kind: 'shares', keys }), values };
  };
}

/** A column already in the table is the naive forecast (e.g. last year's same weekday). */
export function columnBaseline(column: string, label: BaselineLabel): BaselineFn {
  return ({ table, testIdx }) => {
    const c = getColumn(table, column)!.num!;
    return { ...named({ code: label, kind: 'column', keys: [] }), values: Float64Array.from(testIdx, (i) => c[i]!) };
  };
}
