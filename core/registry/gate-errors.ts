// The gates' error figures: each holdout row's loss, their mean, and how an error is written.
import type { GateParams } from '../contract/gate-text';
import type { Out, Rows } from './gate-types';
import type { VersionRecord } from './version-record';

/** How the gates write an error: its metric's name as the tables show it, and a value with the target's unit. */
export interface ErrorText {
  metric: string;
  /** `{unit}` for a cell's parameters. */
  unit: string;
  /** `{metric}`, `{value}` and `{unit}` for a summary's parameters. */
  params: (v: number) => GateParams;
}

/** Per-row loss: absolute error (regression), −log p(true class) (classifiers). */
export function rowErrors(v: VersionRecord, rows: Rows, o: Out): number[] {
  const m = v.manifest;
  if (m.classes) {
    return rows.map((r, i) => {
      const p = o.columns[`p_${String(r[m.target])}`]?.[i];
      return -Math.log(Math.min(1 - 1e-15, Math.max(1e-15, p ?? 0)));
    });
  }
  const pred = o.columns[m.outputs[0]!]!;
  return rows.map((r, i) => Math.abs(Number(r[m.target]) - pred[i]!));
}

export const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
