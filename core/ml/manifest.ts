import { ReasonError } from '../contract/reason-error';
import type { ObjectiveConfig } from './objectives';
import { getColumn, type ColumnType, type Table } from './table';

export const MANIFEST_FORMAT = 'rakeplan.model/1';
export type Task = 'regression' | 'quantile' | 'binary' | 'multiclass';
export type DatePart = 'month' | 'dow' | 'doy';
export const DATE_PARTS: readonly DatePart[] = ['month', 'dow', 'doy'];

/** One column of the ONNX input, derived from one source column. */
export type FeatureDef =
  | { name: string; source: string; kind: 'numeric' }
  /** categories[code]: codes are ranks by the training rows' mean target; unseen → missing. */
  | { name: string; source: string; kind: 'categorical'; categories: string[] }
  | { name: string; source: string; kind: 'date-part'; part: DatePart };

/**
 * Everything needed to turn raw rows into the model's float input, stored beside model.onnx as
 * manifest.json. Training-time evaluation and inference both go through `encodeTable` with it.
 */
export interface ModelManifest {
  format: typeof MANIFEST_FORMAT;
  name: string;
  title: string;
  task: Task;
  objective: ObjectiveConfig;
  target: string;
  /** Classifiers: class labels; ONNX output column k is the probability of classes[k]. */
  classes?: string[];
  /** Names of the ONNX `prediction` output's columns. */
  outputs: string[];
  features: FeatureDef[];
  /** Source columns a prediction request must carry. */
  inputs: { name: string; type: ColumnType }[];
  dateColumn: string | null;
  trainedAt: string;
  rows: { train: number; valid: number; test: number };
  /** How validation and test rows were held back (absent in older models: time, or file order). */
  split?: 'time' | 'random';
  /** Set when the exported model was retrained on this many rows (every row with a target). */
  refitRows?: number;
  /**
   * The date of the latest row the exported model trained or early-stopped on (absent in older
   * models and without a date column). Rows dated after it are rows it never saw, whatever data
   * or split another version used: the registry compares versions only on those.
   */
  trainedThrough?: string;
  params: Record<string, unknown>;
  /** The model spec (models/) it was trained from, if any. */
  spec: string | null;
  /**
   * Where the training rows came from. A model trained on synthetic history feeds a real
   * scenario only when the planner asks for the demo (core/forecasts/model-access.ts).
   */
  trainingData?: {
    kind: 'plant-history' | 'synthetic-history' | 'csv';
    source: string;
    /**
     * Which rows exactly: the sha256 of the table built from the history (reference.ts
     * `fingerprint`) or of the CSV file's bytes. Registration rebuilds the data and compares, so
     * a version never records a holdout, baseline or drift reference from other rows.
     */
    identity?: { of: 'history-table' | 'csv-file'; sha256: string; rows: number };
  };
}

/**
 * Fit the feature encoding on the training rows only (categorical ranks use their target means,
 * never validation or test targets): `trainIdx` picks the rows, `y` is aligned with them.
 */
export function fitFeatures(
  t: Table,
  sources: string[],
  categorical: Set<string>,
  trainIdx: ArrayLike<number>,
  y: Float64Array,
  rankByTarget: boolean,
): FeatureDef[] {
  const out: FeatureDef[] = [];
  for (const name of sources) {
    const col = getColumn(t, name);
    if (!col) throw new Error(`Feature column '${name}' is not in the data.`);
    if (col.type === 'date') {
      for (const part of DATE_PARTS) out.push({ name: `${name}.${part}`, source: name, kind: 'date-part', part });
    } else if (col.type === 'categorical' || categorical.has(name)) {
      const stats = new Map<string, { n: number; sum: number }>();
      let total = 0;
      for (let k = 0; k < trainIdx.length; k++) {
        const i = trainIdx[k]!;
        const v = col.str ? col.str[i] : Number.isNaN(col.num![i]!) ? null : String(col.num![i]);
        if (v === null || v === undefined) continue;
        const s = stats.get(v) ?? { n: 0, sum: 0 };
        s.n++;
        s.sum += y[k]!;
        total += y[k]!;
        stats.set(v, s);
      }
      const prior = total / Math.max(1, trainIdx.length);
      const smooth = 10; // shrink rare categories toward the overall mean before ranking
      const key = (s: { n: number; sum: number }) => (rankByTarget ? (s.sum + smooth * prior) / (s.n + smooth) : -s.n);
      const categories = [...stats.entries()]
        .sort((a, b) => key(a[1]) - key(b[1]) || (a[0] < b[0] ? -1 : 1))
        .map(([c]) => c);
      out.push({ name, source: name, kind: 'categorical', categories });
    } else out.push({ name, source: name, kind: 'numeric' });
  }
  return out;
}

/**
 * Raw table → row-major float32 matrix (n × features) in the manifest's feature order. Missing
 * source columns are an error naming them; extra columns are ignored.
 */
export function encodeTable(features: FeatureDef[], t: Table): Float32Array {
  const missing = [...new Set(features.map((f) => f.source))].filter((s) => !getColumn(t, s));
  if (missing.length > 0) throw new ReasonError({ code: 'input-missing', params: { columns: missing.join(', ') } });
  const F = features.length;
  const n = t.nRows;
  const x = new Float32Array(n * F);
  features.forEach((f, j) => {
    const col = getColumn(t, f.source)!;
    if (f.kind === 'numeric') {
      if (!col.num || col.type === 'date')
        throw new ReasonError({ code: 'input-not-numeric', params: { column: f.source } });
      for (let i = 0; i < n; i++) x[i * F + j] = col.num[i]!;
    } else if (f.kind === 'categorical') {
      const code = new Map(f.categories.map((c, k) => [c, k]));
      for (let i = 0; i < n; i++) {
        const v = col.str ? col.str[i] : Number.isNaN(col.num![i]!) ? null : String(col.num![i]);
        x[i * F + j] = v === null || v === undefined ? NaN : (code.get(v) ?? NaN);
      }
    } else {
      if (!col.num || col.type !== 'date')
        throw new ReasonError({ code: 'input-not-date', params: { column: f.source } });
      for (let i = 0; i < n; i++) x[i * F + j] = datePart(col.num[i]!, f.part);
    }
  });
  return x;
}

/** Calendar part of a day number (days since 1970-01-01, UTC). dow: 0 = Monday. */
export function datePart(day: number, part: DatePart): number {
  if (Number.isNaN(day)) return NaN;
  const d = new Date(day * 86_400_000);
  if (part === 'month') return d.getUTCMonth() + 1;
  if (part === 'dow') return (d.getUTCDay() + 6) % 7;
  return Math.floor((day * 86_400_000 - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}
