import type { RailShareFrom } from '../contract/api/forecasts';
import type { ShipmentRow } from '../domain/history';
import type { Scenario } from '../domain/scenario';
import type { DemandDay } from './indent';

/**
 * Shipments a destination × product needs in history before its own rail share is used; with
 * fewer, the destination's share over all its products is (a handful of orders is no share).
 */
export const MIN_LANE_SHIPMENTS = 20;

type Split = { rail: number; all: number; n: number };

/** One destination × product's shipments in history: rail and all tonnes, and how many [t]. */
export interface LaneShipments {
  destination: string;
  product: string;
  railT: number;
  allT: number;
  n: number;
}

/** Shipment rows summed per destination × product (a database sums them in SQL: indent-for.ts). */
export function laneShipments(rows: readonly ShipmentRow[]): LaneShipments[] {
  const by = new Map<string, LaneShipments>();
  for (const s of rows) {
    const k = `${s.destination}|${s.product}`;
    const x = by.get(k) ?? { destination: s.destination, product: s.product, railT: 0, allT: 0, n: 0 };
    if (s.mode === 'rail') x.railT += s.tonnes;
    x.allT += s.tonnes;
    x.n++;
    by.set(k, x);
  }
  return [...by.values()];
}

/**
 * The forecast demand that will go by rail: each destination × product's forecast tonnes times
 * the rail share of the tonnes that lane shipped in history (`lanes`, null when there is no
 * history the scenario may use). The demand forecast counts every order, rail and road, and only
 * the rail part wants rakes. A destination the scenario closes to road is all rail; one with no
 * shipment history is counted as rail too, as an open order allowing either mode is, and a note
 * names it.
 */
export function railDemand(
  sc: Scenario,
  demand: readonly DemandDay[],
  lanes: readonly LaneShipments[] | null,
): { demand: DemandDay[]; notes: string[] } {
  const byLane = new Map<string, Split>();
  const byDest = new Map<string, Split>();
  for (const l of lanes ?? []) {
    byLane.set(`${l.destination}|${l.product}`, { rail: l.railT, all: l.allT, n: l.n });
    const x = byDest.get(l.destination) ?? { rail: 0, all: 0, n: 0 };
    byDest.set(l.destination, { rail: x.rail + l.railT, all: x.all + l.allT, n: x.n + l.n });
  }
  const roadPossible = new Map(sc.plant.destinations.map((d) => [d.code, d.roadPossible]));
  const unknown = new Set<string>();
  const share = (dest: string, product: string): number => {
    if (roadPossible.get(dest) === false) return 1;
    const lane = byLane.get(`${dest}|${product}`);
    const x = lane && lane.n >= MIN_LANE_SHIPMENTS ? lane : byDest.get(dest);
    if (!x || !(x.all > 0)) {
      unknown.add(dest);
      return 1;
    }
    return x.rail / x.all;
  };
  const out = demand.map((d) => ({ ...d, tonnes: d.tonnes * share(d.destination, d.product) }));
  const notes =
    lanes === null
      ? unknown.size
        ? [
            `no shipment history to split forecast demand by mode; all of it counted as rail (${[...unknown].sort().join(', ')})`,
          ]
        : []
      : [...unknown]
          .sort()
          .map((d) => `${d}: no shipment history to split its forecast demand by mode; all of it counted as rail`);
  return { demand: out, notes };
}

/** The rail share's source, worded for the indent's documents and the CLI (`history`: its source text). */
export function railShareText(code: RailShareFrom['code'], history: string): string {
  return code === 'history'
    ? `rail share per destination × product from ${history}`
    : `all counted as rail: the plant has no shipment history to split it by mode (${history})`;
}
