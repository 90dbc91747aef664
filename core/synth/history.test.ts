import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_TABLES } from '../domain/history';
import { buildPlantProfile } from './plant';
import { generateHistory, simulateHistory, type HistoryTables, type HistoryTruth } from './history';
import { FESTIVE_MONTHS, MONSOON_MONTHS } from './seasons';

const month = (date: string) => Number(date.slice(5, 7));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Mean daily total of demand rows selected by `keep` (null tonnes skipped). */
function dailyDemand(rows: HistoryTables['demand'], keep: (date: string) => boolean): number {
  const byDay = new Map<string, number>();
  for (const r of rows) if (keep(r.date)) byDay.set(r.date, (byDay.get(r.date) ?? 0) + (r.tonnes ?? 0));
  return mean([...byDay.values()]);
}

describe('generateHistory: two years', () => {
  let h: HistoryTables;
  let truth: HistoryTruth;
  beforeAll(() => {
    const sim = simulateHistory({ seed: 3, days: 730 });
    h = sim.tables;
    truth = sim.truth;
  });

  it('rows match the history schemas', () => {
    for (const [table, schema] of Object.entries(HISTORY_TABLES)) {
      const rows = h[table as keyof HistoryTables] as unknown[];
      expect(rows.length, table).toBeGreaterThan(1000);
      for (let i = 0; i < rows.length; i += 97) expect(schema.safeParse(rows[i]).success, `${table}[${i}]`).toBe(true);
    }
  });

  it('is mass-balanced: ordered = shipped + open, stock in = stock out, loading = trips = rail shipments', () => {
    expect(truth.shippedRailT + truth.shippedRoadT + truth.backlogT).toBeCloseTo(truth.orderedT, 6);
    expect(truth.openingStockT + truth.producedT).toBeCloseTo(
      truth.closingStockT + truth.shippedRailT + truth.shippedRoadT,
      6,
    );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const railShip = sum(h.shipments.filter((s) => s.mode === 'rail').map((s) => s.tonnes));
    const roadShip = sum(h.shipments.filter((s) => s.mode === 'road').map((s) => s.tonnes));
    expect(railShip).toBeCloseTo(truth.shippedRailT, 6);
    expect(roadShip).toBeCloseTo(truth.shippedRoadT, 6);
    expect(sum(h.loading_events.map((e) => e.tonnes))).toBeCloseTo(railShip, 6);
    const tripsByRake = new Map<string, number>();
    for (const t of h.trips) tripsByRake.set(t.rakeId, (tripsByRake.get(t.rakeId) ?? 0) + (t.loadT ?? 0));
    const loadByRake = new Map<string, number>();
    for (const e of h.loading_events) loadByRake.set(e.rakeId, (loadByRake.get(e.rakeId) ?? 0) + e.tonnes);
    expect(tripsByRake.size).toBe(loadByRake.size);
    for (const [rake, t] of loadByRake) expect(tripsByRake.get(rake), rake).toBeCloseTo(t, 6);
    expect(new Set(h.rake_placements.map((r) => r.rakeId)).size).toBe(h.rake_placements.length);
    expect(h.rake_placements.length).toBe(truth.rakes);
    // Recorded demand is the ordered tonnes, less the few unrecorded days.
    const recorded = sum(h.demand.map((d) => d.tonnes ?? 0));
    expect(recorded).toBeLessThanOrEqual(truth.orderedT);
    expect(recorded).toBeGreaterThan(truth.orderedT * 0.93);
    // Backlog stays a few days' orders, not an ever-growing queue.
    expect(truth.backlogT).toBeLessThan((truth.orderedT / 730) * 15);
  });

  it('has Bokaro-scale volume and realistic rakes', () => {
    const perDay = truth.orderedT / 730;
    expect(perDay).toBeGreaterThan(11_000);
    expect(perDay).toBeLessThan(15_000);
    const loads = new Map<string, number>();
    for (const e of h.loading_events) loads.set(e.rakeId, (loads.get(e.rakeId) ?? 0) + e.tonnes);
    const avgLoad = mean([...loads.values()]);
    expect(avgLoad).toBeGreaterThan(1800);
    expect(avgLoad).toBeLessThan(3700);
    const rates = h.loading_events.map((e) => e.rateTph).filter((r): r is number => r !== null);
    const medianRate = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)];
    expect(medianRate).toBeGreaterThan(220);
    expect(medianRate).toBeLessThan(500);
  });

  it('monsoon slows transit and loading and delays rake placement', () => {
    const perKm = (keep: (m: number) => boolean) =>
      mean(h.trips.filter((t) => t.transitH !== null && keep(t.month)).map((t) => t.transitH! / t.distanceKm));
    expect(perKm((m) => MONSOON_MONTHS.has(m))).toBeGreaterThan(perKm((m) => !MONSOON_MONTHS.has(m)) * 1.1);
    const rate = (keep: (m: number) => boolean) =>
      mean(h.loading_events.filter((e) => e.rateTph !== null && keep(month(e.date))).map((e) => e.rateTph!));
    expect(rate((m) => MONSOON_MONTHS.has(m))).toBeLessThan(rate((m) => !MONSOON_MONTHS.has(m)));
    const delay = (keep: (m: number) => boolean) =>
      mean(
        h.rake_placements
          .filter((r) => r.delayH !== null && keep(month(r.promisedAt.slice(0, 10))))
          .map((r) => r.delayH!),
      );
    expect(delay((m) => MONSOON_MONTHS.has(m))).toBeGreaterThan(delay((m) => !MONSOON_MONTHS.has(m)));
  });

  it('demand: festive and March above the yearly mean, monsoon construction demand below, quiet Sundays', () => {
    const all = dailyDemand(h.demand, () => true);
    expect(dailyDemand(h.demand, (d) => FESTIVE_MONTHS.has(month(d)))).toBeGreaterThan(all * 1.1);
    expect(dailyDemand(h.demand, (d) => month(d) === 3)).toBeGreaterThan(all * 1.1);
    const plates = h.demand.filter((r) => r.product === 'HRPL');
    expect(dailyDemand(plates, (d) => MONSOON_MONTHS.has(month(d)))).toBeLessThan(
      dailyDemand(plates, (d) => !MONSOON_MONTHS.has(month(d))) * 0.85,
    );
    const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
    expect(dailyDemand(h.demand, (d) => weekday(d) === 0)).toBeLessThan(
      dailyDemand(h.demand, (d) => weekday(d) === 1) * 0.7,
    );
  });

  it('busy corridors are slower per km than quiet ones', () => {
    const perKm = (c: string) =>
      mean(
        h.trips
          .filter((t) => t.corridor === c && t.transitH !== null && !MONSOON_MONTHS.has(t.month))
          .map((t) => t.transitH! / t.distanceKm),
      );
    expect(perKm('NORTH')).toBeGreaterThan(perKm('WEST'));
  });

  it('has a few per cent missing values and some outliers', () => {
    const share = (xs: unknown[]) => xs.filter((x) => x === null).length / xs.length;
    for (const s of [
      share(h.trips.map((t) => t.transitH)),
      share(h.shipments.map((x) => x.costRsPerT)),
      share(h.demand.map((d) => d.tonnes)),
      share(h.rake_placements.map((r) => r.delayH)),
    ]) {
      expect(s).toBeGreaterThan(0.005);
      expect(s).toBeLessThan(0.05);
    }
    const ratios = h.trips.filter((t) => t.transitH !== null).map((t) => t.transitH! / t.distanceKm);
    const m = mean(ratios);
    expect(ratios.some((r) => r > m * 2.5)).toBe(true);
  });

  it('road is chosen for short hauls only', () => {
    const road = h.shipments.filter((s) => s.mode === 'road');
    expect(road.length).toBeGreaterThan(100);
    for (let i = 0; i < road.length; i += 13) expect(road[i]!.distanceKm).toBeLessThanOrEqual(700);
  });
});

describe('generateHistory: determinism and options', () => {
  it('same seed, same rows; another seed, other rows', () => {
    const a = JSON.stringify(generateHistory({ seed: 9, days: 45 }));
    expect(JSON.stringify(generateHistory({ seed: 9, days: 45 }))).toBe(a);
    expect(JSON.stringify(generateHistory({ seed: 10, days: 45 }))).not.toBe(a);
  });

  it('ends the day before the seed plan start and accepts another plant', () => {
    const sim = simulateHistory({ seed: 31, days: 20, plant: buildPlantProfile('large').plant });
    expect(sim.to).toBe('2026-01-31');
    expect(sim.from).toBe('2026-01-12');
    expect(new Set(sim.tables.demand.map((d) => d.destination)).size).toBe(150);
    expect(sim.tables.trips.length).toBeGreaterThan(0);
  });

  it('rejects a non-positive number of days', () => {
    expect(() => generateHistory({ seed: 1, days: 0 })).toThrow(/days must be a whole number ≥ 1/);
  });
});
