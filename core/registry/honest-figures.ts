import { knownBaselineName, type BaselineNameText } from '../contract/baseline-names';
import type { GateCellText } from '../contract/gate-cells';
import { dayNumber, type Cell } from '../ml/table';
import type { VersionRecord } from './version-record';

/**
 * Why `v`'s errors on its stored holdout are training errors, not held-out ones (the exported
 * model was refit on every row, the holdout included), or null when they are honest.
 */
export function trainedOnHoldout(v: VersionRecord): NotComparable | null {
  const n = v.manifest.refitRows;
  return n ? { code: 'not-comparable-refit', params: { model: v.name, version: v.version, n } } : null;
}

/** Why two versions' errors on a holdout cannot be compared: a gate check's detail (core/contract/gate-cells.ts). */
export type NotComparable = GateCellText;

/**
 * Which rows of `cand`'s stored holdout `prod` never trained or early-stopped on (`unseen[k]` for
 * row k), or why that cannot be told. Production trained with other split fractions, or on other
 * data, may have learned from part of the candidate's holdout: its error there is partly a
 * training error, and comparing it with the candidate's held-out error favours production.
 */
export function productionUnseen(
  cand: VersionRecord,
  prod: VersionRecord,
  rows: readonly Record<string, Cell>[],
): { unseen: boolean[] } | { notComparable: NotComparable } {
  const refit = trainedOnHoldout(prod);
  if (refit) return { notComparable: refit };
  const c = cand.manifest,
    p = prod.manifest;
  const who = { model: prod.name, version: prod.version };
  const total = (m: typeof c) => m.rows.train + m.rows.valid + m.rows.test;
  const sameRows =
    Boolean(c.trainingData?.identity) &&
    c.trainingData?.identity?.sha256 === p.trainingData?.identity?.sha256 &&
    c.dateColumn === p.dateColumn &&
    total(c) === total(p);
  let unseen: boolean[] | null = null;
  if (sameRows && c.split !== 'random' && p.split !== 'random') {
    // One table in one order: the holdout is its last rows, production learned from its first
    // train + valid rows.
    const first = total(c) - rows.length;
    unseen = rows.map((_, k) => first + k >= p.rows.train + p.rows.valid);
  } else if (
    sameRows &&
    c.split === 'random' &&
    p.split === 'random' &&
    c.params.seed === p.params.seed &&
    c.rows.test === p.rows.test &&
    c.rows.valid === p.rows.valid
  )
    unseen = rows.map(() => true); // the same shuffle held back the same rows
  else if (p.trainedThrough && p.dateColumn) {
    const cut = dayNumber(p.trainedThrough);
    const col = p.dateColumn;
    unseen = rows.map((r) => typeof r[col] === 'string' && dayNumber(r[col]) > cut);
  }
  if (!unseen)
    return {
      notComparable: {
        code: prod.origin === 'imported' ? 'not-comparable-imported' : 'not-comparable-other-data',
        params: who,
      },
    };
  const n = unseen.filter(Boolean).length;
  if (n === 0)
    return {
      notComparable: p.trainedThrough
        ? { code: 'not-comparable-seen-through', params: { ...who, n: rows.length, date: p.trainedThrough } }
        : { code: 'not-comparable-seen', params: { ...who, n: rows.length } },
    };
  return { unseen };
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
  /** The name as data, when training stored it (core/contract/baseline-names.ts). */
  nameText?: BaselineNameText;
  rows: number;
  model: number;
  baseline: number;
  beats: boolean;
}

export function trainerBaseline(v: VersionRecord, metric: string): TrainerBaseline | null {
  const b = v.baselineMetrics as {
    name?: unknown;
    nameText?: unknown;
    rows?: unknown;
    model?: Record<string, unknown>;
    baseline?: Record<string, unknown>;
    beats?: unknown;
  } | null;
  const m = b?.model?.[metric],
    base = b?.baseline?.[metric];
  if (!b || typeof b.beats !== 'boolean' || typeof m !== 'number' || typeof base !== 'number') return null;
  const nameText = knownBaselineName(b.nameText);
  return {
    name: String(b.name),
    ...(nameText ? { nameText } : {}),
    rows: Number(b.rows),
    model: m,
    baseline: base,
    beats: b.beats,
  };
}
