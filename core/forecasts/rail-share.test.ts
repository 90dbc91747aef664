import { describe, expect, it } from 'vitest';
import type { ShipmentRow } from '../domain/history';
import type { Scenario } from '../domain/scenario';
import { generateScenario } from '../synth/scenario';
import { rakeIndent } from './indent';
import { laneShipments, MIN_LANE_SHIPMENTS, railDemand } from './rail-share';

const ship = (destination: string, product: string, mode: 'rail' | 'road', tonnes: number, i: number): ShipmentRow => ({
  date: '2024-01-01',
  orderId: `O${i}`,
  stockyard: 'SY',
  destination,
  corridor: 'C',
  product,
  priority: 2,
  mode,
  tonnes,
  distanceKm: 300,
  costRsPerT: null,
});

/** `n` pairs of shipments (one by road, one by rail) of `product` to `destination`, `roadShare` of the tonnes by road. */
const lane = (destination: string, product: string, roadShare: number, n = MIN_LANE_SHIPMENTS): ShipmentRow[] =>
  Array.from({ length: n }, (_, i) => [
    ship(destination, product, 'road', 100 * roadShare, i),
    ship(destination, product, 'rail', 100 * (1 - roadShare), i),
  ]).flat();

describe('rail share of forecast demand', () => {
  const base = generateScenario({ seed: 4, size: 'day' });
  const [roadLane, noRoad, unknown] = base.plant.destinations;
  const sc: Scenario = {
    ...base,
    orders: [],
    plant: {
      ...base.plant,
      destinations: base.plant.destinations.map((d) =>
        d.code === noRoad!.code ? { ...d, roadPossible: false } : { ...d, roadPossible: true },
      ),
    },
  };
  const product = sc.plant.products[0]!.code;
  const other = sc.plant.products[1]!.code;
  const demand = [roadLane!, noRoad!, unknown!].flatMap((d) =>
    Array.from({ length: 14 }, (_, day) => ({ day, destination: d.code, product, tonnes: 2_000 })),
  );
  const history = [
    ...lane(roadLane!.code, product, 0.8),
    // The destination ships its other product all by rail: the lane's own share wins over it.
    ...lane(roadLane!.code, other, 0),
    // History says road, but the scenario closes the destination to road: all of it wants rail.
    ...lane(noRoad!.code, product, 0.9),
  ];
  const byDest = (ds: { destination: string; tonnes: number }[], code: string) =>
    ds.filter((d) => d.destination === code).reduce((s, d) => s + d.tonnes, 0);

  it("keeps a lane's rail share of its forecast, all of it where road is closed, and names a destination without history", () => {
    const r = railDemand(sc, demand, laneShipments(history));
    expect(byDest(r.demand, roadLane!.code)).toBeCloseTo(0.2 * 14 * 2_000, 6);
    expect(byDest(r.demand, noRoad!.code)).toBeCloseTo(14 * 2_000, 6);
    expect(byDest(r.demand, unknown!.code)).toBeCloseTo(14 * 2_000, 6);
    expect(r.notes).toEqual([
      `${unknown!.code}: no shipment history to split its forecast demand by mode; all of it counted as rail`,
    ]);
    // The indent asks for rakes for the rail part only.
    const all = rakeIndent(sc, demand, 14);
    const rail = rakeIndent(sc, r.demand, 14);
    expect(rail.demandT).toBe(Math.round(all.demandT - 0.8 * 14 * 2_000));
    expect(rail.indentedT).toBeLessThan(all.indentedT);
  });

  it("falls back to the destination's share when its lane has too few shipments", () => {
    const pairs = MIN_LANE_SHIPMENTS / 2 - 1;
    const few = [...lane(roadLane!.code, product, 1, pairs), ...lane(roadLane!.code, other, 0, 60)];
    const r = railDemand(sc, demand, laneShipments(few));
    // The lane's own shipments all went by road, too few to go by: the destination's rail share.
    expect(byDest(r.demand, roadLane!.code)).toBeCloseTo((60 / (60 + pairs)) * 14 * 2_000, 6);
  });

  it('counts everything as rail, in one note, when there is no history the scenario may use', () => {
    const r = railDemand(sc, demand, null);
    expect(r.demand.map((d) => d.tonnes)).toEqual(demand.map((d) => d.tonnes));
    expect(r.notes).toEqual([
      `no shipment history to split forecast demand by mode; all of it counted as rail (${[roadLane!.code, unknown!.code].sort().join(', ')})`,
    ]);
  });
});
