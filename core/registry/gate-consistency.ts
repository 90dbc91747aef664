import type { GateResult } from '../contract/api/registry';
import { psi, quantileSorted } from '../drift/psi';
import type { GateInputs, Out, Rows } from './gates';

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
      summary: 'no production version: nothing to be consistent with',
    };
  const rows = g.recent.length >= t.minRows ? g.recent : holdout;
  const source = g.recent.length >= t.minRows ? 'recent inputs' : 'holdout inputs';
  if (rows.length < t.minRows)
    return {
      gate: 'consistency',
      passed: false,
      checks: [],
      summary: `only ${rows.length} inputs to compare on (need ${t.minRows})`,
    };
  let c: Out, p: Out;
  try {
    [c, p] = await Promise.all([g.predict(g.cand, rows), g.predict(g.prod, rows)]);
  } catch (err) {
    return {
      gate: 'consistency',
      passed: false,
      checks: [],
      summary: `cannot compare predictions on ${source}: ${(err as Error).message}`,
    };
  }
  const detail = `${rows.length} ${source}`;
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
          name: `predicted-class PSI vs production @${g.prod.version}`,
          passed,
          value: round(value),
          limit: `≤ ${t.maxPsi}`,
          detail,
        },
      ],
      summary: `predicted-class PSI ${round(value)} on ${detail}`,
    };
  }
  const out = g.cand.manifest.outputs[0]!;
  const change = relativeChange(p.columns[out]!, c.columns[out]!);
  const passed = change <= t.maxRelativeChange;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const name = `P${CHANGE_QUANTILE * 100} change of predictions vs production @${g.prod.version}`;
  return {
    gate: 'consistency',
    passed,
    checks: [{ name, passed, value: pct(change), limit: `≤ ${pct(t.maxRelativeChange)}`, detail }],
    summary: `${CHANGE_QUANTILE * 100} % of predictions within ${pct(change)} of production's on ${detail}`,
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

const round = (v: number) => Math.round(v * 1000) / 1000;
