// The data-quality gate: the inputs production reads are all there, enough training and holdout rows,
// few missing values, and numeric features within production's range plus a margin.
import type { GateCheck, GateResult, GateThresholds } from '../contract/api/registry';
import { told } from '../contract/gate-cells';
import { named, said } from '../contract/gate-text';
import { round } from './gate-cell-values';
import type { VersionRecord } from './version-record';

export function dataQuality(
  cand: VersionRecord,
  prod: VersionRecord | null,
  holdoutRows: number,
  th: GateThresholds,
): GateResult {
  const t = th.dataQuality;
  const checks: GateCheck[] = [];
  if (prod) {
    const want = prod.manifest.inputs.map((i) => `${i.name}:${i.type}`).sort();
    const have = new Set(cand.manifest.inputs.map((i) => `${i.name}:${i.type}`));
    const missing = want.filter((w) => !have.has(w));
    checks.push({
      ...named('inputs-match'),
      passed: missing.length === 0,
      ...(missing.length
        ? told('value', 'inputs-missing', { inputs: missing.join(', ') })
        : told('value', 'all-present')),
      ...told('limit', 'inputs', { inputs: want.join(', ') }),
    });
  }
  const rows = cand.dataset?.rows ?? cand.datasetStats?.rows ?? null;
  checks.push({
    ...named('training-rows'),
    passed: rows !== null && rows >= t.minRows,
    value: rows,
    ...told('limit', 'at-least', { min: t.minRows }),
    ...(rows === null ? told('detail', 'no-dataset') : {}),
  });
  checks.push({
    ...named('holdout-rows'),
    passed: holdoutRows > 0,
    value: holdoutRows,
    ...told('limit', 'more-than', { min: 0 }),
  });
  for (const f of cand.datasetStats?.features ?? []) {
    checks.push({
      ...named('missing-rate', { feature: f.name }),
      passed: f.missingRate <= t.maxMissingRate,
      value: round(f.missingRate),
      ...told('limit', 'at-most', { max: t.maxMissingRate }),
      ...(f.definedSince ? told('detail', 'rows-since', { date: f.definedSince }) : {}),
    });
    const p = prod?.datasetStats?.features.find((x) => x.name === f.name);
    if (f.kind === 'numeric' && p?.kind === 'numeric' && Number.isFinite(p.min) && Number.isFinite(f.min)) {
      const slack = (p.max - p.min) * t.maxRangeExcess;
      // A feature production never saw below 0 (a distance, tonnes, a count) cannot be: its limit stays at 0.
      const low = p.min >= 0 ? Math.max(0, p.min - slack) : p.min - slack;
      const ok = f.min >= low && f.max <= p.max + slack;
      checks.push({
        ...named('range', { feature: f.name }),
        passed: ok,
        ...told('value', 'span', { low: round(f.min), high: round(f.max) }),
        ...told('limit', 'span', { low: round(low), high: round(p.max + slack) }),
      });
    }
  }
  const failed = checks.filter((c) => !c.passed);
  return {
    gate: 'data-quality',
    passed: failed.length === 0,
    checks,
    ...(failed.length
      ? said('checks-failed', { n: failed.length, checks: failed.map((c) => c.name).join(', ') })
      : said('checks-passed', { n: checks.length })),
  };
}
