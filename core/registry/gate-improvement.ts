// The improvement gate: the candidate's held-out error against production's and a naive baseline's,
// and the summary saying which rows the candidate's figure comes from.
import type { GateCheck, GateResult, GateThresholds } from '../contract/api/registry';
import { baselineNameParams } from '../contract/baseline-names';
import { told, type GateCellText } from '../contract/gate-cells';
import { said, named, type GateParams } from '../contract/gate-text';
import type { Baseline } from './baseline';
import { baselineDetail, pct, versus } from './gate-cell-values';
import type { ErrorText } from './gate-errors';
import type { Said } from './gate-types';
import type { NotComparable, TrainerBaseline } from './honest-figures';
import type { VersionRecord } from './version-record';

/** The candidate's held-out error and what it is compared with, each from rows it never trained on. */
export interface Figures {
  cand: number | null;
  /** Why `cand` is null, as the summary. */
  missing: Said;
  /** The summary: `cand`'s figure and where it comes from. */
  candFrom: (v: number) => Said;
  /** Candidate and production on the holdout rows neither trained on; `rows` says which when not all. */
  prod: { cand: number; prod: number; rows: GateCellText | null } | null;
  /** Why candidate and production cannot be compared on this holdout, or null. */
  notComparable: NotComparable | null;
  /** The trainer's comparison with the spec baseline (the figure planning enforces). */
  trainer: TrainerBaseline | null;
  /** The registry's fallback baseline on this holdout, for versions trained without a spec baseline. */
  registryBase: { value: number; baseline: Baseline; target: string } | null;
}

export function improvement(
  f: Figures,
  prod: VersionRecord | null,
  err: ErrorText,
  th: GateThresholds,
  prodError: GateCellText | null,
): GateResult {
  const metric = err.metric;
  const t = th.improvement;
  if (f.cand === null)
    return {
      gate: 'improvement',
      passed: false,
      checks: [],
      ...f.missing,
    };
  const c = f.cand;
  const checks: GateCheck[] = [];
  if (prodError)
    checks.push({
      ...named('vs-production', { metric }),
      passed: false,
      value: null,
      ...told('limit', 'comparable'),
      ...told('detail', prodError.code, prodError.params),
    });
  else if (prod && f.notComparable)
    checks.push({
      ...named('vs-production-at', { metric, version: prod.version }),
      passed: false,
      value: null,
      ...told('limit', 'comparable'),
      ...told('detail', f.notComparable.code, f.notComparable.params),
    });
  else if (f.prod && prod) {
    const { cand: cp, prod: p, rows } = f.prod;
    const gain = p > 0 ? (p - cp) / p : cp === 0 ? 0 : -Infinity;
    checks.push({
      ...named('vs-production-at', { metric, version: prod.version }),
      passed: gain >= t.minRelativeGain,
      ...versus(err.unit, cp, p, gain < 0 ? 'versus-worse' : 'versus-better', { pct: pct(gain) }),
      ...told('limit', 'gain-at-least', { pct: pct(t.minRelativeGain) }),
      ...(rows ? told('detail', rows.code, rows.params) : {}),
    });
  }
  if (f.trainer)
    checks.push({
      ...named('vs-naive-baseline', { metric }),
      passed: !t.mustBeatBaseline || f.trainer.beats,
      ...versus(err.unit, f.trainer.model, f.trainer.baseline, 'versus'),
      ...told('limit', t.mustBeatBaseline ? 'lower' : 'not-required'),
      ...told('detail', 'trainer-baseline', {
        name: f.trainer.name,
        rows: f.trainer.rows,
        ...(f.trainer.nameText ? baselineNameParams(f.trainer.nameText) : {}),
      }),
    });
  else if (f.registryBase)
    checks.push({
      ...named('vs-registry-baseline', { metric }),
      passed: !t.mustBeatBaseline || c < f.registryBase.value,
      ...versus(err.unit, c, f.registryBase.value, 'versus'),
      ...told('limit', t.mustBeatBaseline ? 'lower' : 'not-required'),
      ...baselineDetail(f.registryBase.baseline, f.registryBase.target),
    });
  else if (t.mustBeatBaseline)
    checks.push({
      ...named('vs-naive-baseline', { metric }),
      passed: false,
      value: null,
      ...told('limit', 'lower'),
      ...told('detail', 'no-baseline'),
    });
  const failed = checks.filter((x) => !x.passed);
  return {
    gate: 'improvement',
    passed: failed.length === 0,
    checks,
    ...(failed.length
      ? said('checks-failed-values', {
          checks: failed.map((x) => `${x.name}: ${x.value ?? x.detail ?? 'n/a'}`).join('; '),
        })
      : f.candFrom(c)),
  };
}

/**
 * The candidate's figure and the rows it comes from. The registry stores only the latest rows of a
 * large holdout, so training's figure (on all of it) and the gate's can differ: say which rows these are.
 */
export function holdoutFigure(cand: VersionRecord, figure: GateParams, n: number, stored: boolean): Said {
  const all = cand.manifest.rows?.test ?? 0;
  if (!stored || all <= n) return said('figure-on-holdout', { ...figure, rows: n });
  const m = cand.manifest;
  const code =
    m.split === 'random'
      ? 'figure-on-part-holdout'
      : m.dateColumn
        ? 'figure-on-latest-holdout'
        : 'figure-on-last-holdout';
  return said(code, { ...figure, rows: n, all });
}
