import { describe, expect, it } from 'vitest';
import { modelAccess } from '../forecasts/service';
import { registryFor } from '../registry/context';
import { insertHistory } from '../scenarios/history-store';
import { generateHistory, type HistoryTables } from '../synth/history';
import { specDriftHost } from '../../tests/helpers/spec-drift';

/** Two years and two months of one plant: the models learn from the first two years. */
const history = generateHistory({ seed: 9, days: 790 });
const FIRST = Date.parse(history.trips.map((t) => t.date).sort()[0]!);
const CUT = new Date(FIRST + 729 * 86_400_000).toISOString().slice(0, 10);
const dated = (r: object) => String('promisedAt' in r ? r.promisedAt : (r as { date: string }).date).slice(0, 10);
function part(keep: (day: string) => boolean): HistoryTables {
  const out = {} as Record<string, unknown[]>;
  for (const [table, rows] of Object.entries(history)) out[table] = (rows as object[]).filter((r) => keep(dated(r)));
  return out as unknown as HistoryTables;
}
const MODELS = ['transit-delay', 'loading-throughput', 'freight-cost'] as const;

describe('drift of a spec-trained model: the history recorded after its training rows', () => {
  const { s, db, drift } = specDriftHost(
    'rp-history-drift-',
    MODELS,
    part((d) => d <= CUT),
  );
  const newRows = part((d) => d > CUT);

  it('says how many new rows there are and how many are needed', () => {
    drift().setThresholds({ ...drift().thresholds(), minSamples: 200_000 });
    try {
      const r = drift().run('transit-delay', 'manual');
      expect(r.status).toBe('no-data');
      expect(r.message).toMatch(
        /^[\d,]+ trips recorded after \d{4}-\d\d-\d\d; at least 2,00,000 are needed to compare with what transit-delay@1 learned from\.$/,
      );
      expect(r.compared).toMatchObject({ kind: 'history', table: 'trips' });
    } finally {
      drift().setThresholds({ ...drift().thresholds(), minSamples: 100 });
    }
  });

  it('shows no drift for an unchanged plant, however the forecasts ask the models', async () => {
    insertHistory(db(), newRows, { replace: false });
    // The forecasts ask every lane (every loading point × product × event size, …): a grid, here
    // 200 times the one lane.
    const lane = { ...newRows.trips[0]!, date: '2026-03-01' };
    for (let i = 0; i < 10; i++) await modelAccess(s).predict('transit-delay', Array(20).fill(lane));
    drift().flush();
    expect(db().prepare('SELECT COUNT(*) AS n FROM drift_samples').get()).toEqual({ n: 0 });
    for (const name of MODELS) {
      const r = drift().run(name, 'manual');
      expect({ name, status: r.status, message: r.message }).toMatchObject({ name, status: 'ok' });
      expect(r.compared).toMatchObject({ kind: 'history', reference: { from: expect.any(String) } });
      expect(r.samples).toBeGreaterThanOrEqual(100);
    }
    const trips = drift().run('transit-delay', 'manual');
    const recorded = history.trips.filter((t) => t.date > (trips.compared as { after: string }).after).length;
    expect(trips.message).toContain(`${recorded.toLocaleString('en-IN')} trips recorded after`);
  });

  it("flags drift when the plant's operations shift", () => {
    // Since the cut, half the trips go to one destination and every loading event is at one point.
    const lane = newRows.trips[0]!;
    const lp = newRows.loading_events[0]!.loadingPoint;
    const shifted: HistoryTables = {
      ...newRows,
      trips: newRows.trips.map((t, i) =>
        i % 2 ? t : { ...t, destination: lane.destination, corridor: lane.corridor, distanceKm: lane.distanceKm },
      ),
      loading_events: newRows.loading_events.map((e) => ({ ...e, loadingPoint: lp })),
    };
    for (const table of ['trips', 'loading_events'] as const)
      db().prepare(`DELETE FROM history_${table} WHERE date > ?`).run(CUT);
    insertHistory(db(), { ...shifted, demand: [], rake_placements: [], shipments: [] }, { replace: false });
    const trips = drift().run('transit-delay', 'manual');
    expect(trips.status).toBe('drift');
    expect(trips.features.find((f) => f.feature === 'destination')!.status).toBe('drift');
    const loads = drift().run('loading-throughput', 'manual');
    expect(loads.status).toBe('drift');
    expect(loads.features.find((f) => f.feature === 'loadingPoint')!.status).toBe('drift');
  });

  it('keeps sampling the inputs of a model asked directly', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ lane: `L${i % 3}`, x: i }));
    await registryFor(s)
      .server.predict('csv-model', rows)
      .catch(() => undefined);
    drift().flush();
    expect(db().prepare('SELECT COUNT(*) AS n FROM drift_samples WHERE name = ?').get('csv-model')).toEqual({ n: 20 });
  });
});
