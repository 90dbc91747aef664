import type { GateResult } from '../contract/api/registry';
import { told } from '../contract/gate-cells';
import { named, said } from '../contract/gate-text';
import { psi, quantileSorted } from '../drift/psi';
import { round } from './gate-cell-values';
import type { GateInputs, Out, Rows } from './gate-types';

/** The share of rows whose change the regression check reads: 90 % of predictions move less than the limit. */
const CHANGE_QUANTILE = 0.9;

/**
 * Do the candidate's predictions stay close to production's on the same inputs? Regression
 * models are compared row by row: two models that agree within a few per cent are consistent
 * even when tree predictions cluster so tightly that a few per cent moves them across decile
 * edges wholesale (a binned PSI would call that a large shift). Classifiers compare the shares
 * of predicted classes by PSI.
 */
export async function consistency(g: GateInputs, holdout: Rows): Promise<GateResult> {
  const t = g.thresholds.consistency;
  if (!g.prod)
    return {
      gate: 'consistency',
      passed: true,
      checks: [],
      ...said('no-production'),
    };
  const rows = g.recent.length >= t.minRows ? g.recent : holdout;
  const recent = g.recent.length >= t.minRows;
  if (rows.length < t.minRows)
    return {
      gate: 'consistency',
      passed: false,
      checks: [],
      ...said('few-inputs', { n: rows.length, min: t.minRows }),
    };
  let c: Out, p: Out;
  try {
    [c, p] = await Promise.all([g.predict(g.cand, rows), g.predict(g.prod, rows)]);
  } catch (err) {
    return {
      gate: 'consistency',
      passed: false,
      checks: [],
      ...said(recent ? 'cannot-compare-recent' : 'cannot-compare-holdout', { error: (err as Error).message }),
    };
  }
  const detail = told('detail', recent ? 'recent-inputs' : 'holdout-inputs', { n: rows.length });
  if (c.label && p.label) {
    const classes = g.cand.manifest.classes ?? [];
    const count = (l: string[]) => classes.map((k) => l.filter((x) => x === k).length);
    const value = psi(count(p.label), count(c.label));
    const passed = value <= t.maxPsi;
    return {
      gate: 'consistency',
      passed,
      checks: [
        {
          ...named('class-psi', { version: g.prod.version }),
          passed,
          value: round(value),
          ...told('limit', 'at-most', { max: t.maxPsi }),
          ...detail,
        },
      ],
      ...said(recent ? 'class-psi-recent' : 'class-psi-holdout', { psi: round(value), n: rows.length }),
    };
  }
  const out = g.cand.manifest.outputs[0]!;
  const change = relativeChange(p.columns[out]!, c.columns[out]!);
  const passed = change <= t.maxRelativeChange;
  const pct = (v: number) => (v * 100).toFixed(1);
  const share = CHANGE_QUANTILE * 100;
  return {
    gate: 'consistency',
    passed,
    checks: [
      {
        ...named('prediction-change', { share, version: g.prod.version }),
        passed,
        ...told('value', 'percent', { pct: pct(change) }),
        ...told('limit', 'percent-at-most', { pct: pct(t.maxRelativeChange) }),
        ...detail,
      },
    ],
    ...said(recent ? 'change-recent' : 'change-holdout', { share, change: pct(change), n: rows.length }),
  };
}

/**
 * The CHANGE_QUANTILE quantile of |candidate − production| / |production| over paired predictions.
 * A production prediction near zero (an idle lane's demand) would make any change there a huge
 * relative one, so each change is measured against at least a tenth of production's mean size.
 */
export function relativeChange(prod: readonly number[], cand: readonly number[]): number {
  const scale = (0.1 * prod.reduce((s, x) => s + Math.abs(x), 0)) / Math.max(1, prod.length);
  const rel = prod.map((x, i) => {
    const d = Math.abs(cand[i]! - x);
    const den = Math.max(Math.abs(x), scale);
    // Production predicting 0 everywhere: anything else counts as a 100 % change.
    return den > 0 ? d / den : d > 0 ? 1 : 0;
  });
  return quantileSorted(
    rel.sort((a, b) => a - b),
    CHANGE_QUANTILE,
  );
}
