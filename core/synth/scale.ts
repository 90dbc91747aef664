import type { Scenario } from '../domain/scenario';
import { generateScenario, type ScenarioSize } from './scenario';

const HOUR_MS = 3_600_000;

/**
 * A scenario with `orders` open orders: the generated scenario of `base` size with its orders
 * replicated until there are that many, each copy with its own id (`<id>-<copy>`) and its due date
 * moved by a few hours, so ties do not line up. Plant, rakes, stock and road capacity stay the
 * base's: a plant flooded with demand, the shape a planner's "all open orders" export takes. Used
 * to measure and test the optimizer's limits on huge inputs.
 */
export function scaleScenario(opts: { seed: number; orders: number; base?: ScenarioSize }): Scenario {
  const sc = generateScenario({ seed: opts.seed, size: opts.base ?? 'week' });
  const base = sc.orders;
  const orders = new Array<Scenario['orders'][number]>(opts.orders);
  for (let i = 0; i < opts.orders; i++) {
    const o = base[i % base.length]!;
    const copy = Math.floor(i / base.length);
    if (copy === 0) {
      orders[i] = o;
      continue;
    }
    const shiftMs = (((copy * 7) % 13) - 6) * HOUR_MS;
    orders[i] = { ...o, id: `${o.id}-${copy}`, dueDate: shiftIso(o.dueDate, shiftMs) };
  }
  return { ...sc, name: `${sc.name} × ${opts.orders} orders`, orders };
}

/** An ISO timestamp moved by `ms`, keeping its zone suffix. */
function shiftIso(iso: string, ms: number): string {
  const m = /([+-]\d\d:?\d\d|Z)$/.exec(iso);
  const zone = m ? m[1]! : 'Z';
  const offMin =
    zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const local = new Date(Date.parse(iso) + ms + offMin * 60_000).toISOString().slice(0, 19);
  return `${local}${zone}`;
}
