/**
 * The naive forecasts a model has to beat, and the comparison on the holdout rows: the model and
 * each baseline scored on the rows that baseline forecasts, the strongest baseline first.
 */
import type { BaselineNameText } from '../contract/baseline-names';
import { classMetrics, regressionMetrics, type Metrics } from './metrics';
import type { Table } from './table';

/** A naive forecast on the test rows, to be beaten: regression values, or n × K class probabilities. */
export type BaselineFn = (ctx: { table: Table; trainIdx: number[]; testIdx: number[]; classes: string[] | null }) => {
  name: string;
  /** The name as data, for the interface to write in its own language. */
  nameText?: BaselineNameText;
  values: Float64Array;
};

/** `beats`: true when the model beats this baseline on the holdout (lower primary metric). */
export interface BaselineResult {
  name: string;
  nameText?: BaselineNameText;
  rows: number;
  model: Metrics;
  baseline: Metrics;
  beats: boolean;
}

/** The holdout the baselines are compared on, and the model's predictions for it. */
export interface BaselineHoldout {
  t: Table;
  trainIdx: number[];
  testIdx: number[];
  classes: string[] | null;
  classifier: boolean;
  yTest: Float64Array;
  /** The model's predictions on the test rows, row-major (outputs per row). */
  pred: Float32Array;
  /** Class probabilities (rows × classes) from `pred`. */
  probs: (p: Float32Array) => Float64Array;
  /** The model's first output on each test row. */
  col0: Float64Array;
  primary: { name: string };
}

/** Each baseline compared with the model on the test rows it forecasts, strongest first. */
export function compareBaselines(fns: readonly BaselineFn[], holdout: BaselineHoldout): BaselineResult[] {
  const { t, trainIdx, testIdx, classes, classifier, yTest, pred, probs, col0, primary } = holdout;
  const baselines: BaselineResult[] = [];
  for (const fn of fns) {
    const b = fn({ table: t, trainIdx, testIdx, classes });
    const width = classifier ? classes!.length : 1;
    const rows = testIdx.map((_, i) => i).filter((i) => !Number.isNaN(b.values[i * width]!));
    if (rows.length === 0) continue;
    const ys = rows.map((i) => yTest[i]!);
    let mm: Metrics, bm: Metrics;
    if (classifier) {
      const pm = probs(pred);
      const C = classes!.length;
      mm = classMetrics(
        ys,
        rows.flatMap((i) => Array.from(pm.subarray(i * C, i * C + C))),
        C,
      );
      bm = classMetrics(
        ys,
        rows.flatMap((i) => Array.from(b.values.subarray(i * C, i * C + C))),
        C,
      );
    } else {
      mm = regressionMetrics(
        ys,
        rows.map((i) => col0[i]!),
      );
      bm = regressionMetrics(
        ys,
        rows.map((i) => b.values[i]!),
      );
    }
    const key = primary.name as keyof Metrics;
    baselines.push({
      name: b.name,
      ...(b.nameText ? { nameText: b.nameText } : {}),
      rows: rows.length,
      model: mm,
      baseline: bm,
      beats: (mm[key] as number) < (bm[key] as number),
    });
  }
  // Strongest first: the one the model beats by the least (or loses to by the most).
  const ratio = (r: BaselineResult) =>
    (r.model[primary.name as keyof Metrics] as number) / (r.baseline[primary.name as keyof Metrics] as number);
  baselines.sort((x, y) => ratio(y) - ratio(x));
  return baselines;
}
