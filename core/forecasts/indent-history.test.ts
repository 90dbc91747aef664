import { describe, expect, it } from 'vitest';
import { dayNumber } from '../ml/table';
import { generateHistory } from '../synth/history';
import { hostWithHistory } from '../../tests/helpers/history-host';
import { shipmentLanes } from './indent-for';
import { laneShipments } from './rail-share';
import { demandLagRows } from './service';

/** Two years of shipments and demand: the indent reads their sums and the lags' days, not every row. */
const history = generateHistory({ seed: 3, days: 730 });

describe('what the indent reads of the history', () => {
  const { db } = hostWithHistory('rp-indent-history-', history);
  const key = (l: { destination: string; product: string }) => `${l.destination}|${l.product}`;

  it('sums the shipments per destination × product in the database, as the rows sum', () => {
    const want = new Map(laneShipments(history.shipments).map((l) => [key(l), l]));
    const got = shipmentLanes(db);
    expect(got.map(key).sort()).toEqual([...want.keys()].sort());
    for (const l of got) {
      const w = want.get(key(l))!;
      expect(l.n).toBe(w.n);
      expect(l.railT).toBeCloseTo(w.railT, 6);
      expect(l.allT).toBeCloseTo(w.allT, 6);
    }
  });

  it("reads only the days the next days' demand lags reach from the last day of the scenario's lanes", () => {
    const [a, b] = [...new Set(history.demand.map((r) => r.destination))].sort();
    const product = history.demand[0]!.product;
    const rows = demandLagRows(db, new Set([a!, b!]), new Set([product])).demand;
    const lanes = history.demand.filter((r) => (r.destination === a || r.destination === b) && r.product === product);
    const last = lanes
      .map((r) => r.date)
      .sort()
      .at(-1)!;
    // The farthest lag of the first forecast day (last + 1) is mean364's day − 367.
    const first = dayNumber(last) + 1 - 367;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => dayNumber(r.date) >= first && r.date <= last)).toBe(true);
    const mine = rows.filter((r) => (r.destination === a || r.destination === b) && r.product === product);
    expect(mine).toEqual(lanes.filter((r) => dayNumber(r.date) >= first));
  });
});
