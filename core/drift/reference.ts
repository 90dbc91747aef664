import { createHash } from 'node:crypto';
import { cellAt, type Table } from '../ml/table';
import { quantileSorted } from './psi';

/** Reference statistics of one model input over the training rows: the baseline drift compares to. */
export type FeatureStats = (
  | {
      name: string;
      kind: 'numeric';
      n: number;
      missingRate: number;
      mean: number;
      min: number;
      max: number;
      /** Quantiles at 0, 10, …, 100 %. */
      quantiles: number[];
      /** Up to SAMPLE_SIZE values spread evenly over the sorted data, for KS and PSI bins. */
      sample: number[];
    }
  | { name: string; kind: 'categorical'; n: number; missingRate: number; counts: Record<string, number> }
  | { name: string; kind: 'date'; n: number; missingRate: number; from: string | null; to: string | null }
) & {
  /** The first day described, for a lagged feature described only where its lag lies within the history. */
  definedSince?: string;
};

export interface DatasetStats {
  rows: number;
  features: FeatureStats[];
}

export interface DatasetFingerprint {
  /** sha256 of the table's cells in column order. */
  hash: string;
  rows: number;
  /** Time range of the date column, if any (ISO dates). */
  from: string | null;
  to: string | null;
}

const SAMPLE_SIZE = 500;

/** Statistics of the given columns (default: all) of a table. */
export function computeStats(t: Table, columns?: readonly string[]): DatasetStats {
  const cols = columns ? t.columns.filter((c) => columns.includes(c.name)) : t.columns;
  return {
    rows: t.nRows,
    features: cols.map((c): FeatureStats => {
      const n = t.nRows;
      if (c.type === 'numeric') {
        const vals = Array.from(c.num!)
          .filter((v) => !Number.isNaN(v))
          .sort((a, b) => a - b);
        const missingRate = n ? (n - vals.length) / n : 0;
        if (vals.length === 0)
          return {
            name: c.name,
            kind: 'numeric',
            n,
            missingRate,
            mean: NaN,
            min: NaN,
            max: NaN,
            quantiles: [],
            sample: [],
          };
        const step = Math.max(1, vals.length / SAMPLE_SIZE);
        const sample: number[] = [];
        for (let k = 0; k < Math.min(SAMPLE_SIZE, vals.length); k++)
          sample.push(vals[Math.min(vals.length - 1, Math.floor(k * step + step / 2))]!);
        return {
          name: c.name,
          kind: 'numeric',
          n,
          missingRate,
          mean: vals.reduce((a, b) => a + b, 0) / vals.length,
          min: vals[0]!,
          max: vals.at(-1)!,
          quantiles: Array.from({ length: 11 }, (_, k) => quantileSorted(vals, k / 10)),
          sample,
        };
      }
      if (c.type === 'date') {
        const present = c.str!.filter((s): s is string => s !== null).sort();
        return {
          name: c.name,
          kind: 'date',
          n,
          missingRate: n ? (n - present.length) / n : 0,
          from: present[0] ?? null,
          to: present.at(-1) ?? null,
        };
      }
      // Counted in a Map: a category named "constructor" or "__proto__" is data, not a key of Object.
      const counts = new Map<string, number>();
      let missing = 0;
      for (const v of c.str!) {
        if (v === null) missing++;
        else counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return {
        name: c.name,
        kind: 'categorical',
        n,
        missingRate: n ? missing / n : 0,
        counts: Object.fromEntries(counts),
      };
    }),
  };
}

/** Content hash, row count and time range of a training table. */
export function fingerprint(t: Table, dateColumn: string | null): DatasetFingerprint {
  const h = createHash('sha256');
  for (const c of t.columns) {
    h.update(`${c.name}\u0001${c.type}\u0001`);
    for (let i = 0; i < t.nRows; i++) h.update(`${String(cellAt(c, i))}\u0002`);
  }
  const d = dateColumn ? t.columns.find((c) => c.name === dateColumn) : undefined;
  const dates = d?.str?.filter((s): s is string => s !== null).sort() ?? [];
  return { hash: h.digest('hex'), rows: t.nRows, from: dates[0] ?? null, to: dates.at(-1) ?? null };
}
