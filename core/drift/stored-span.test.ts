import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../contract/api/monitoring';
import { registryFor } from '../registry/context';
import { generateHistory } from '../synth/history';
import { specDriftHost } from '../../tests/helpers/spec-drift';
import { getSpec } from '../../models';
import { DEFAULT_THRESHOLDS, featureDrift } from './detect';
import {
  definedSince,
  historyFirstDay,
  storedSpanStats,
  trainingSpanStats,
  type TrainingSpanReader,
} from './feature-reference';
import { currentFromHistory, type Current, type HistoryBasis } from './history-window';
import { DriftService } from './service';

/**
 * The demo's two years (seed 1). Demand compares its year lags with the training span in every
 * check; rake availability compares its moving average there when the year-earlier weeks are missing.
 */
const history = generateHistory({ seed: 1, days: 730 });
const MODELS = ['demand', 'rake-availability'] as const;

describe('drift against the training-span statistics stored with the version', () => {
  const { s, db } = specDriftHost('rp-stored-span-', MODELS, history);
  const reference = (name: string) => registryFor(s).reference(name)!;
  /** A drift service whose versions have their stored statistics, or (`stored` false) not. */
  const service = (stored: boolean) =>
    new DriftService(
      s,
      (name) => {
        const ref = reference(name);
        return stored ? ref : { ...ref, history: { ...ref.history!, trainingSpan: null } };
      },
      () => [...MODELS],
      { scheduleMs: 0 },
    );
  const verdict = (r: DriftReport) => ({
    status: r.status,
    samples: r.samples,
    message: r.message,
    features: r.features.map((f) => ({ feature: f.feature, psi: f.psi, ks: f.ks, status: f.status })),
  });
  const both = (name: string) => {
    const [fromStored, reRead] = [service(true), service(false)];
    try {
      return [fromStored.run(name, 'manual'), reRead.run(name, 'manual')] as const;
    } finally {
      fromStored.stop();
      reRead.stop();
    }
  };

  it('stores the training span with a spec-trained version, ending on its trainedThrough', () => {
    for (const name of MODELS) {
      const h = reference(name).history!;
      expect(h.trainingSpan?.through).toBe(h.trainedThrough!.slice(0, 10));
      expect(h.trainingSpan!.features.length).toBeGreaterThan(0);
    }
  });

  it('gives the same PSI, KS and verdict as the history read back, for the year lags', () => {
    const [fromStored, reRead] = both('demand');
    const lags = (r: DriftReport) => r.features.filter((f) => f.reference).map((f) => f.feature);
    expect(lags(reRead).sort()).toEqual(['lag364', 'mean364']);
    expect(verdict(fromStored)).toEqual(verdict(reRead));
    expect(fromStored.features).toEqual(reRead.features);
  });

  it('holds what the history read back gives, for every input of either model', () => {
    for (const name of MODELS) {
      const h = reference(name).history!;
      const spec = getSpec(h.spec);
      const inputs = reference(name).stats.features.map((f) => f.name);
      const since = definedSince(spec, historyFirstDay(db(), spec.table)!);
      const reRead = trainingSpanStats(db(), spec, h, inputs, spec.driftOn ?? {}, since, 100);
      const stored = storedSpanStats(h.trainingSpan!, h, inputs, 100)!;
      expect([...stored.keys()].sort()).toEqual([...reRead.keys()].sort());
      expect(stored.size).toBe(inputs.length);
      for (const [n, f] of stored)
        expect({ ...f, definedSince: undefined }).toEqual({ ...reRead.get(n), definedSince: undefined });
    }
  });

  it('reads the training history only for a version without stored statistics', () => {
    let reads = 0;
    const counting: TrainingSpanReader = (...args) => {
      reads++;
      return trainingSpanStats(...args);
    };
    const h = reference('demand').history!;
    const check = (basis: HistoryBasis) =>
      currentFromHistory(db(), basis, reference('demand').stats, 100, 5_000, counting);
    const fromStored = check(h);
    expect(reads).toBe(0);
    const reRead = check({ ...h, trainingSpan: null });
    expect(reads).toBe(1);
    const psi = (c: Current) =>
      c.values ? c.stats.features.map((f) => featureDrift(f, c.values[f.name] ?? [], DEFAULT_THRESHOLDS)) : null;
    expect(psi(fromStored)).toEqual(psi(reRead));
  });
});
