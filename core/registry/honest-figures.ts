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

/** The trainer's comparison with the spec's baseline: the one figure the version panel shows and planning enforces. */
export interface TrainerBaseline {
  name: string;
  rows: number;
  model: number;
  baseline: number;
  beats: boolean;
}

export function trainerBaseline(v: VersionRecord, metric: string): TrainerBaseline | null {
  const b = v.baselineMetrics as {
    name?: unknown;
    rows?: unknown;
    model?: Record<string, unknown>;
    baseline?: Record<string, unknown>;
    beats?: unknown;
  } | null;
  const m = b?.model?.[metric],
    base = b?.baseline?.[metric];
  if (!b || typeof b.beats !== 'boolean' || typeof m !== 'number' || typeof base !== 'number') return null;
  return { name: String(b.name), rows: Number(b.rows), model: m, baseline: base, beats: b.beats };
}
