import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../contract/api/monitoring';
import { insertHistory } from '../scenarios/history-store';
import { generateHistory, type HistoryTables } from '../synth/history';
import { specDriftHost } from '../../tests/helpers/spec-drift';

/**
 * The demo's two years (seed 1): rake-availability learns from the rows before its holdout, and
 * the holdout's months are the history recorded since. Its `recentDelayH` averages a loading
 * point's last ten delays, so consecutive rows share nine of them.
 */
const history = generateHistory({ seed: 1, days: 730 });
const NAME = 'rake-availability';

describe('drift of a moving-average feature: compared on the values it averages', () => {
  const { db, drift } = specDriftHost('rp-moving-average-drift-', [NAME], history);
  const recentDelay = (r: DriftReport) => r.features.find((f) => f.feature === 'recentDelayH')!;

  it('reads an unchanged plant as stable', () => {
    const r = drift().run(NAME, 'manual');
    expect(r.compared).toMatchObject({ kind: 'history', reference: { from: expect.any(String) } });
    expect({ status: r.status, message: r.message }).toMatchObject({ status: 'ok' });
    expect(recentDelay(r)).toMatchObject({ status: 'ok', comparedOn: 'delayH' });
    expect(r.message).toContain('recentDelayH on the delayH values it averages');
  });

  it('reads stable against all training rows when the history holds no year-earlier weeks', () => {
    const r0 = drift().run(NAME, 'manual');
    const { from, to } = (r0.compared as { reference: { from: string; to: string } }).reference;
    const inSpan = (r: { promisedAt: string }) => r.promisedAt.slice(0, 10) >= from && r.promisedAt.slice(0, 10) <= to;
    db().prepare('DELETE FROM history_rake_placements WHERE promisedAt >= ? AND promisedAt < ?').run(from, `${to}T99`);
    try {
      const r = drift().run(NAME, 'manual');
      expect(r.compared).toMatchObject({ kind: 'history', reference: null });
      expect({ status: r.status, message: r.message }).toMatchObject({ status: 'ok' });
      expect(recentDelay(r)).toMatchObject({ status: 'ok', comparedOn: 'delayH' });
    } finally {
      const back = history.rake_placements.filter(inSpan);
      insertHistory(db(), { ...emptyTables(), rake_placements: back }, { replace: false });
    }
  });

  it('flags drift when the delays since training double', () => {
    const after = (drift().run(NAME, 'manual').compared as { after: string }).after;
    const later = history.rake_placements.filter((r) => r.promisedAt.slice(0, 10) > after);
    db().prepare('DELETE FROM history_rake_placements WHERE promisedAt > ?').run(`${after}T99`);
    insertHistory(
      db(),
      {
        ...emptyTables(),
        rake_placements: later.map((r) => ({ ...r, delayH: r.delayH === null ? null : r.delayH * 2 })),
      },
      { replace: false },
    );
    const r = drift().run(NAME, 'manual');
    expect(r.status).toBe('drift');
    expect(recentDelay(r).status).toBe('drift');
  });
});

const emptyTables = (): HistoryTables => ({
  demand: [],
  rake_placements: [],
  trips: [],
  loading_events: [],
  shipments: [],
});
