import type { VersionRecord } from './store';

/**
 * Why `v`'s errors on its stored holdout are training errors, not held-out ones (the exported
 * model was refit on every row, the holdout included), or null when they are honest.
 */
export function trainedOnHoldout(v: VersionRecord): string | null {
  const n = v.manifest.refitRows;
  return n ? `${v.name}@${v.version} was refit on all ${n} rows, its holdout included` : null;
}

/**
 * The trainer's figure for `metric` on the held-back rows, from the fit that never saw them (for a
 * refit model, the same recipe before it was retrained on every row); null when not recorded.
 */
export function heldOutFigure(v: VersionRecord, metric: string): number | null {
  const x = (v.metrics as { test?: Record<string, unknown> } | null)?.test?.[metric];
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
