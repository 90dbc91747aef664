import type { DatasetStats } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import { getColumn, type Cell, type Table } from '../ml/table';

/**
 * The naive forecast a model must beat and the last-resort answer when no model can serve:
 * the target's mean (regression) or smoothed class shares (classifiers) per lane, where the lane is the
 * first categorical input among SEGMENT_COLUMNS, and overall for lanes never seen.
 */
export type Baseline =
  | {
      kind: 'mean';
      description: string;
      overall: number;
      segment: { column: string; values: Record<string, number> } | null;
    }
  | {
      kind: 'prior';
      description: string;
      classes: string[];
      overall: number[];
      segment: { column: string; values: Record<string, number[]> } | null;
    };

export const SEGMENT_COLUMNS = ['corridor', 'destination', 'lane', 'loadingPoint', 'product', 'wagonType', 'stockyard'];

/** Fit on the given rows of a table (the training rows; never the holdout). */
export function fitBaseline(t: Table, manifest: ModelManifest, rows: readonly number[]): Baseline | null {
  const target = getColumn(t, manifest.target);
  if (!target || rows.length === 0) return null;
  const segName = SEGMENT_COLUMNS.find(
    (c) => manifest.inputs.some((i) => i.name === c && i.type === 'categorical') && getColumn(t, c),
  );
  const seg = segName ? getColumn(t, segName)! : null;
  const key = (i: number) => seg?.str?.[i] ?? null;
  if (manifest.classes) {
    const classes = manifest.classes;
    const idx = new Map(classes.map((c, k) => [c, k]));
    const label = (i: number) =>
      target.str ? target.str[i] : Number.isNaN(target.num![i]!) ? null : String(target.num![i]);
    const overall = new Array<number>(classes.length).fill(0);
    const by = new Map<string, number[]>();
    for (const i of rows) {
      const k = idx.get(label(i) ?? '');
      if (k === undefined) continue;
      overall[k]!++;
      const s = key(i);
      if (s !== null) {
        let a = by.get(s);
        if (!a) by.set(s, (a = new Array<number>(classes.length).fill(0)));
        a[k]!++;
      }
    }
    // Laplace-smoothed, as the trainer's share baseline: a lane whose training rows all went one
    // way must not answer the other mode with probability 0 (a served fallback that rules road
    // out, and a per-row log-loss of ~0 no model can match).
    const norm = (a: number[]) => {
      const n = a.reduce((x, y) => x + y, 0);
      return a.map((x) => (x + 1) / (n + a.length));
    };
    return {
      kind: 'prior',
      classes,
      overall: norm(overall),
      description: segName ? `smoothed class shares by ${segName}` : 'smoothed overall class shares',
      segment: segName ? { column: segName, values: Object.fromEntries([...by].map(([k, a]) => [k, norm(a)])) } : null,
    };
  }
  if (!target.num) return null;
  let sum = 0,
    n = 0;
  const by = new Map<string, { s: number; n: number }>();
  for (const i of rows) {
    const y = target.num[i]!;
    if (Number.isNaN(y)) continue;
    sum += y;
    n++;
    const s = key(i);
    if (s !== null) {
      const a = by.get(s) ?? { s: 0, n: 0 };
      a.s += y;
      a.n++;
      by.set(s, a);
    }
  }
  if (n === 0) return null;
  return {
    kind: 'mean',
    overall: sum / n,
    description: segName ? `mean ${manifest.target} by ${segName}` : `mean ${manifest.target}`,
    segment: segName ? { column: segName, values: Object.fromEntries([...by].map(([k, a]) => [k, a.s / a.n])) } : null,
  };
}

/**
 * A classifier baseline as stored, smoothed if it was stored before fitBaseline smoothed the shares
 * (its description then lacks "smoothed"): an older version's fallback must not rule a class out
 * either. Only the shares were stored, so the rows behind each lane's shares are estimated from the
 * version's own record: the lane's rows in its data (the input's category counts), scaled by the
 * training rows' part of the data; the overall shares rest on all its training rows.
 */
export function smoothStoredPrior(b: Baseline | null, m: ModelManifest, stats: DatasetStats | null): Baseline | null {
  if (b?.kind !== 'prior' || b.description.startsWith('smoothed')) return b;
  const k = b.classes.length;
  const train = m.rows?.train ?? 0;
  const total = m.rows ? m.rows.train + m.rows.valid + m.rows.test : 0;
  const smooth = (p: readonly number[], n: number) => p.map((x) => (x * n + 1) / (n + k));
  const seg = b.segment;
  const feature = seg ? stats?.features.find((f) => f.name === seg.column) : undefined;
  const counts = feature?.kind === 'categorical' ? feature.counts : null;
  const lanes = seg ? Math.max(1, Object.keys(seg.values).length) : 1;
  const laneRows = (v: string) =>
    counts && Object.hasOwn(counts, v) && total > 0 ? (counts[v]! * train) / total : train / lanes;
  return {
    ...b,
    description: `smoothed ${b.description}`,
    overall: smooth(b.overall, train),
    segment: seg && {
      column: seg.column,
      values: Object.fromEntries(Object.entries(seg.values).map(([v, p]) => [v, smooth(p, laneRows(v))])),
    },
  };
}

/** Baseline answers in the model's output columns. */
export function predictBaseline(
  b: Baseline,
  manifest: ModelManifest,
  rows: readonly Record<string, Cell>[],
): { columns: Record<string, number[]>; label: string[] | null } {
  const seg = (r: Record<string, Cell>) => (b.segment ? r[b.segment.column] : undefined);
  if (b.kind === 'mean') {
    const values = rows.map((r) => {
      const s = seg(r);
      return s !== undefined && s !== null && b.segment!.values[String(s)] !== undefined
        ? b.segment!.values[String(s)]!
        : b.overall;
    });
    return { columns: Object.fromEntries(manifest.outputs.map((o) => [o, values])), label: null };
  }
  const probs = rows.map((r) => {
    const s = seg(r);
    return (s !== undefined && s !== null && b.segment!.values[String(s)]) || b.overall;
  });
  const columns: Record<string, number[]> = {};
  b.classes.forEach((c, k) => {
    columns[`p_${c}`] = probs.map((p) => p[k]!);
  });
  const label = probs.map((p) => b.classes[p.indexOf(Math.max(...p))]!);
  return { columns, label };
}
