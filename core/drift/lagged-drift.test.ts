import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../contract/api/monitoring';
import { generateHistory } from '../synth/history';
import { specDriftHost } from '../../tests/helpers/spec-drift';

/**
 * The demo's two years (seed 1): demand learns from the rows before its holdout, and the
 * holdout's months are the history recorded since. The same weeks a year earlier fall in the
 * history's first year, where lag364 and mean364 read days before the history starts.
 */
const history = generateHistory({ seed: 1, days: 730 });
const NAME = 'demand';
const SHORT_LAGS = ['lag14', 'lag21', 'lag28', 'mean7', 'mean28'];

describe('drift of a lagged feature: compared where its lag lies within the history', () => {
  const { db, drift } = specDriftHost('rp-lagged-drift-', [NAME], history);
  const feature = (r: DriftReport, name: string) => r.features.find((f) => f.feature === name)!;

  it('reads an unchanged plant as stable', () => {
    const r = drift().run(NAME, 'manual');
    expect(r.compared).toMatchObject({ kind: 'history', reference: { from: expect.any(String) } });
    expect({ status: r.status, message: r.message }).toMatchObject({ status: 'ok' });
    const first = history.demand.map((d) => d.date).sort()[0]!;
    const yearOn = (days: number) => new Date(Date.parse(first) + days * 86_400_000).toISOString().slice(0, 10);
    const after = (r.compared as { after: string }).after;
    expect(feature(r, 'lag364')).toMatchObject({ status: 'ok', reference: { from: yearOn(364), to: after } });
    expect(feature(r, 'mean364')).toMatchObject({ status: 'ok', reference: { from: yearOn(367), to: after } });
    // Missing by construction in neither: only the demand days the plant did not record.
    expect(feature(r, 'lag364').missingRate.reference).toBeLessThan(0.05);
    expect(r.message).toContain(
      `lag364 against the training rows from ${yearOn(364)}, where its lag lies within the history`,
    );
  });

  it('flags drift on the lags that read the demand since training when it rises by half', () => {
    const after = (drift().run(NAME, 'manual').compared as { after: string }).after;
    db().prepare('UPDATE history_demand SET tonnes = tonnes * 1.5 WHERE date > ?').run(after);
    const r = drift().run(NAME, 'manual');
    expect(r.status).toBe('drift');
    // The year-earlier lags read demand from before training, which did not change.
    const shifted = r.features.filter((f) => f.status === 'drift').map((f) => f.feature);
    expect(shifted.sort()).toEqual([...SHORT_LAGS].sort());
    expect(feature(r, 'lag364').status).toBe('ok');
  });
});
