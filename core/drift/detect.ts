import type { DriftFeature, DriftThresholds } from '../contract/api/monitoring';
import { ks2 } from './ks';
import { binCounts, decileEdges, psi } from './psi';
import type { FeatureStats } from './reference';

export const DEFAULT_THRESHOLDS: DriftThresholds = { psiWarn: 0.1, psiDrift: 0.25, ksPValue: 0.01, minSamples: 100 };

type Cell = number | string | null | undefined;

/**
 * Compare current values of one feature with its training reference. Missing values form their
 * own bin, so a feature that starts arriving empty drifts too. Categorical values unseen in
 * training share an "unseen" bin. Date features are not compared: time always moves on.
 */
export function featureDrift(ref: FeatureStats, current: readonly Cell[], th: DriftThresholds): DriftFeature | null {
  if (ref.kind === 'date') return null;
  const present = current.filter((v) => v !== null && v !== undefined && v !== '');
  const curMissing = current.length ? (current.length - present.length) / current.length : 0;
  const refMissing = ref.missingRate;
  if (ref.kind === 'numeric') {
    const values = present.map(Number).filter((v) => Number.isFinite(v));
    if (ref.sample.length === 0) return null;
    const edges = decileEdges(ref.sample);
    const refBins = binCounts(ref.sample, edges).map((c) => (c / ref.sample.length) * (1 - refMissing));
    const curBins = values.length
      ? binCounts(values, edges).map((c) => (c / values.length) * (1 - curMissing))
      : refBins.map(() => 0);
    const p = psi([...refBins, refMissing], [...curBins, curMissing]);
    const ks = values.length > 0 ? ks2(ref.sample, values) : null;
    const status =
      p >= th.psiDrift || (ks !== null && ks.pValue < th.ksPValue && p >= th.psiWarn)
        ? 'drift'
        : p >= th.psiWarn || (ks !== null && ks.pValue < th.ksPValue)
          ? 'warn'
          : 'ok';
    return {
      feature: ref.name,
      kind: 'numeric',
      psi: p,
      ks,
      status,
      missingRate: { reference: refMissing, current: curMissing },
    };
  }
  const cats = Object.keys(ref.counts).sort();
  const refTotal = cats.reduce((a, c) => a + ref.counts[c]!, 0) || 1;
  const refBins = [...cats.map((c) => (ref.counts[c]! / refTotal) * (1 - refMissing)), 0, refMissing];
  const index = new Map(cats.map((c, i) => [c, i]));
  const curCounts = new Array<number>(cats.length + 1).fill(0);
  for (const v of present) curCounts[index.get(String(v)) ?? cats.length]!++;
  const curBins = [...curCounts.map((c) => (present.length ? c / present.length : 0) * (1 - curMissing)), curMissing];
  const p = psi(refBins, curBins);
  const status = p >= th.psiDrift ? 'drift' : p >= th.psiWarn ? 'warn' : 'ok';
  return {
    feature: ref.name,
    kind: 'categorical',
    psi: p,
    ks: null,
    status,
    missingRate: { reference: refMissing, current: curMissing },
  };
}

export function overallStatus(features: readonly DriftFeature[]): 'ok' | 'warn' | 'drift' {
  if (features.some((f) => f.status === 'drift')) return 'drift';
  if (features.some((f) => f.status === 'warn')) return 'warn';
  return 'ok';
}
