// Road shipments (rule 6), then what the whole plan must balance: stock drawn (rule 1), every order
// accounted for (rule 2) and the cost totals (rule 7).
import type { Plan } from '../domain/plan';
import { at, type PlacePart } from '../domain/violations';
import {
  daysLate,
  deliver,
  draw,
  H,
  lateRs,
  localDate,
  near,
  railRs,
  tallyOnTime,
  type Costs,
  type Ctx,
  type Order,
} from './context';
import { TOL_H, TOL_T } from './tolerances';

/** Rule 6: road shipments — allowed, reachable, on their planning day, whole trucks, within each yard's daily capacity — and their costs. */
export function checkRoad(x: Ctx, plan: Plan): void {
  const { sc, bad, cost, claimed } = x;
  const c = sc.costs;
  const roadByDay = new Map<string, number>();
  for (const r of plan.road) {
    const where = at.road(r.stockyard, r.date, r.order);
    const o = x.orders.get(r.order);
    const d = o ? x.dests.get(o.destination) : undefined;
    if (!o || !d) {
      bad(2, where, 'road-order-unknown');
      continue;
    }
    if (o.modes === 'rail') bad(6, where, 'rail-only-by-road');
    if (!d.roadPossible) bad(6, where, 'no-road', { destination: d.code });
    const yard = x.yards.get(r.stockyard);
    if (!yard) {
      bad(1, where, 'stockyard-unknown', { stockyard: r.stockyard });
      continue;
    }
    if (!(r.tonnes > 0)) {
      bad(0, where, 'road-tonnes-not-positive', { tonnes: r.tonnes });
      continue;
    }
    const dispatch = x.hOf(r.dispatch, where);
    const dayIdx = Math.floor(dispatch / 24);
    if (dayIdx < 0 || dayIdx >= sc.horizon.days) bad(6, where, 'dispatch-outside-horizon');
    // A dispatch that is no timestamp is already reported (rule 0) and has no planning day.
    if (Number.isFinite(dispatch) && localDate(x.t0 + dayIdx * 24 * H, x.off) !== r.date)
      bad(6, where, 'dispatch-wrong-day', { dispatch: r.dispatch, date: r.date });
    const k = `${r.stockyard}|${r.date}`;
    roadByDay.set(k, (roadByDay.get(k) ?? 0) + r.tonnes);
    if (r.trucks !== Math.ceil(r.tonnes / c.truckT - 1e-9))
      bad(6, where, 'trucks-differ', { trucks: r.trucks, tonnes: r.tonnes, truckT: c.truckT });
    draw(x, r.stockyard, o.product, r.tonnes);
    deliver(x, o.id, 'road', r.tonnes);
    const lane = sc.roadLanes.find((l) => l.stockyard === r.stockyard && l.destination === d.code);
    const f = r.tonnes * (lane ? lane.rsPerT : c.roadBaseRsPerT + c.roadRsPerTKm * d.roadDistanceKm);
    if (!near(r.freightRs, f)) bad(7, where, 'road-freight-differs', { got: r.freightRs, want: f });
    const eta = dispatch + d.roadTransitH;
    if (Math.abs(x.hOf(r.eta, where) - eta) > TOL_H) bad(7, where, 'eta-road', { eta: r.eta, transit: d.roadTransitH });
    const days = daysLate(eta, x.hOf(o.dueDate, at.order(o.id)));
    const lr = r.tonnes * days * lateRs(x, o.priority);
    if (r.lateDays !== days || !near(r.latenessRs, lr)) bad(7, where, 'lateness-road', { got: r.latenessRs, want: lr });
    cost.roadFreightRs += f;
    cost.latenessRs += lr;
    claimed.roadFreightRs += r.freightRs;
    claimed.latenessRs += r.latenessRs;
    tallyOnTime(x, r.tonnes, days);
  }
  for (const [k, t] of roadByDay) {
    const [y, date] = k.split('|') as [string, string];
    const o = sc.roadCapacity.find((rc) => rc.stockyard === y && rc.date === date);
    const cap = o ? o.capacityT : (x.yards.get(y)?.roadCapacityTPerDay ?? 0);
    if (t > cap + TOL_T) bad(6, at.road(y, date), 'road-over-capacity', { tonnes: t, capacity: cap });
  }
}

/** Rule 1: no stockyard gives more of a product than it holds above safety stock. */
export function checkInventory(x: Ctx): void {
  for (const [k, t] of x.drawn) {
    const [y, p] = k.split('|') as [string, string];
    const usable = x.sc.inventory
      .filter((i) => i.stockyard === y && i.product === p)
      .reduce((a, i) => a + Math.max(0, i.onHandT - i.safetyStockT), 0);
    if (t > usable + TOL_T)
      x.bad(
        1,
        [
          { kind: 'stockyard', id: y },
          { kind: 'product', id: p },
        ],
        'stock-over-usable',
        { tonnes: t, usable },
      );
  }
}

/**
 * Deferred freight [₹/t]: what an unserved tonne still pays when shipped after the horizon — the
 * cheapest of rail (rail allowed, some wagon type may carry the product) and road (road allowed,
 * destination reachable; cheapest lane or default road rate over the stockyards); 0 if neither.
 */
function deferredRs(x: Ctx, o: Order): number {
  const { sc } = x;
  const d = x.dests.get(o.destination);
  if (!d) return 0;
  const rates: number[] = [];
  const prod = x.prods.get(o.product);
  if (o.modes !== 'road' && prod && sc.plant.wagonTypes.some((w) => prod.wagonTypes.includes(w.code)))
    rates.push(railRs(x, d.railDistanceKm));
  if (o.modes !== 'rail' && d.roadPossible) {
    for (const y of sc.plant.stockyards) {
      const lane = sc.roadLanes.find((l) => l.stockyard === y.code && l.destination === d.code);
      rates.push(lane ? lane.rsPerT : sc.costs.roadBaseRsPerT + sc.costs.roadRsPerTKm * d.roadDistanceKm);
    }
  }
  return rates.length ? Math.min(...rates) : 0;
}

/** Rule 2: every order accounted for (rail + road + unserved), unsplittable ones whole; unserved tonnes priced and explained. */
export function checkOrders(x: Ctx, plan: Plan): void {
  const { sc, bad, cost, claimed } = x;
  const unserved = new Map<string, number>();
  for (const u of plan.unserved) {
    const o = x.orders.get(u.order);
    const uw: PlacePart[] = [{ kind: 'unserved', id: u.order }];
    if (!o) {
      bad(2, uw, 'order-unknown');
      continue;
    }
    if (!(u.tonnes > 0)) {
      bad(0, uw, 'unserved-not-positive', { tonnes: u.tonnes });
      continue;
    }
    if (!u.reason || !u.reason.trim()) bad(2, at.order(o.id), 'unserved-no-reason');
    unserved.set(o.id, (unserved.get(o.id) ?? 0) + u.tonnes);
    const pen = u.tonnes * sc.costs.unservedRsPerT[`p${o.priority}`];
    if (!near(u.penaltyRs, pen)) bad(7, at.order(o.id), 'unserved-penalty-differs', { got: u.penaltyRs, want: pen });
    cost.unservedRs += pen;
    claimed.unservedRs += u.penaltyRs;
    const df = u.tonnes * deferredRs(x, o);
    // A plan written before deferred freight was priced lacks the field: reported once, in the totals.
    if (typeof u.deferredFreightRs === 'number' && !near(u.deferredFreightRs, df))
      bad(7, at.order(o.id), 'deferred-freight-differs', { got: u.deferredFreightRs, want: df });
    cost.deferredFreightRs += df;
    claimed.deferredFreightRs += typeof u.deferredFreightRs === 'number' ? u.deferredFreightRs : 0;
  }
  for (const o of sc.orders) {
    const d = x.delivered.get(o.id) ?? { rail: 0, road: 0, shipments: 0 };
    const u = unserved.get(o.id) ?? 0;
    const tol = TOL_T + 1e-6 * o.quantityT;
    const where = at.order(o.id);
    if (d.rail + d.road > o.quantityT + tol)
      bad(2, where, 'order-over-shipped', { shipped: d.rail + d.road, ordered: o.quantityT });
    if (Math.abs(d.rail + d.road + u - o.quantityT) > tol)
      bad(2, where, 'order-unbalanced', { rail: d.rail, road: d.road, unserved: u, ordered: o.quantityT });
    if (!o.splittable && d.shipments > 1) bad(2, where, 'unsplittable-split', { shipments: d.shipments });
    if (!o.splittable && d.shipments === 1 && Math.abs(d.rail + d.road - o.quantityT) > tol)
      bad(2, where, 'unsplittable-part');
  }
}

/** Rule 7: each cost category and the total as the rules give them and as the plan's lines add up. */
export function checkTotals(x: Ctx, plan: Plan): number {
  const { bad, cost, claimed } = x;
  const totalCost = Object.values(cost).reduce((a, b) => a + b, 0);
  for (const [k, want] of Object.entries(cost)) {
    const got = plan.summary.costs[k as keyof Costs];
    const where = at.field(`summary.costs.${k}`);
    if (typeof got !== 'number') {
      bad(7, where, 'cost-missing', { want });
      continue;
    }
    if (!near(got, want)) bad(7, where, 'cost-differs', { got, want });
    if (!near(claimed[k as keyof Costs], got))
      bad(7, where, 'cost-differs-lines', { got, lines: claimed[k as keyof Costs] });
  }
  if (!near(plan.summary.totalCost, totalCost))
    bad(7, at.field('summary.totalCost'), 'cost-differs', { got: plan.summary.totalCost, want: totalCost });
  return totalCost;
}
