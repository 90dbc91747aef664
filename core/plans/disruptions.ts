import type { Disruption } from '../contract/api/plan-loop';
import type { RefusalDetail } from '../contract/refusals';
import type { SidingOutage } from '../domain/plan-loop';
import type { Scenario } from '../domain/scenario';

/**
 * A disruption that names something the scenario does not have, or a re-plan it makes impossible;
 * `detail` is the refusal as data, for the interface to word (core/contract/refusals.ts).
 */
export class DisruptionError extends Error {
  constructor(
    message: string,
    readonly detail?: RefusalDetail,
  ) {
    super(message);
  }
}

/**
 * Apply disruptions to a scenario: a delayed rake's placement moves, a cancelled rake gets status
 * `cancelled`, lower stock lowers on-hand (usable = on-hand − safety), an urgent order is added.
 * A siding outage is not a scenario field: it is returned for the planner to plan around.
 */
export function applyDisruptions(
  sc: Scenario,
  list: readonly Disruption[],
): { scenario: Scenario; outages: SidingOutage[] } {
  const out: Scenario = structuredClone(sc);
  const outages: SidingOutage[] = [];
  list.forEach((d, i) => {
    const where = `disruptions[${i}] (${d.kind})`;
    const rake = (id: string) => {
      const r = out.rakes.find((x) => x.id === id);
      if (!r) throw new DisruptionError(`${where}: rake ${id} is not in the scenario`);
      return r;
    };
    switch (d.kind) {
      case 'rake-delayed': {
        const r = rake(d.rake);
        r.expectedPlacement = shiftIso(r.expectedPlacement, d.hours);
        break;
      }
      case 'rake-cancelled':
        rake(d.rake).status = 'cancelled';
        break;
      case 'siding-down':
        if (!out.plant.loadingPoints.some((l) => l.code === d.loadingPoint))
          throw new DisruptionError(`${where}: loading point ${d.loadingPoint} is not in the scenario`);
        outages.push({ loadingPoint: d.loadingPoint, from: d.from, to: d.to });
        break;
      case 'stock-lower': {
        const rows = out.inventory.filter((r) => r.stockyard === d.stockyard && r.product === d.product);
        if (rows.length === 0)
          throw new DisruptionError(`${where}: no stock of ${d.product} at ${d.stockyard} in the scenario`);
        const usable = rows.reduce((a, r) => a + Math.max(0, r.onHandT - r.safetyStockT), 0);
        if (d.usableT > usable + 1e-6)
          throw new DisruptionError(
            `${where}: ${d.usableT} t is more than the ${usable} t usable now; stock can only be lower`,
          );
        let cut = usable - d.usableT;
        for (const r of rows) {
          const take = Math.min(cut, Math.max(0, r.onHandT - r.safetyStockT));
          r.onHandT = Math.round((r.onHandT - take) * 1000) / 1000;
          cut -= take;
        }
        break;
      }
      case 'urgent-order': {
        if (out.orders.some((o) => o.id === d.id)) throw new DisruptionError(`${where}: order ${d.id} already exists`);
        if (!out.plant.destinations.some((x) => x.code === d.destination))
          throw new DisruptionError(`${where}: destination ${d.destination} is not in the scenario`);
        if (!out.plant.products.some((x) => x.code === d.product))
          throw new DisruptionError(`${where}: product ${d.product} is not in the scenario`);
        out.orders.push({
          id: d.id,
          customer: d.customer,
          destination: d.destination,
          product: d.product,
          quantityT: d.quantityT,
          dueDate: d.dueDate,
          priority: d.priority,
          modes: d.modes,
          splittable: d.splittable,
        });
        break;
      }
    }
  });
  return { scenario: out, outages };
}

/** An ISO timestamp `hours` later, written in the same zone offset. */
export function shiftIso(iso: string, hours: number): string {
  const m = /([+-]\d\d:?\d\d|Z)$/.exec(iso);
  const zone = m ? m[1]! : 'Z';
  const off =
    zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const ms = Date.parse(iso) + hours * 3_600_000 + off * 60_000;
  return `${new Date(ms).toISOString().slice(0, 19)}${zone === 'Z' ? 'Z' : zone}`;
}
