import type { Draft } from './draft';
import type { ProductionSuggestion, UnservedLine } from '../domain/plan';
import { dayDate, key, railAllowed, roadAllowed, roadCapacity, unservedRate, deferredFreightRate, type Order, type Prep } from './prep';

/**
 * Why an order's remaining tonnes were not shipped, naming the rule that blocks them. Checked
 * from the hardest block (no stock anywhere) to the softest (shipping costs more than the
 * penalty), so the reason is the first one a planner would have to fix.
 */
export function explainUnserved(p: Prep, o: Order, draft: Draft): string {
  return unservedExplainer(p, draft)(o);
}

/**
 * `explainUnserved` for many orders of one draft: what the draft uses (stock, road capacity,
 * rakes) and what each product can reach is tallied once, so explaining every unserved order of
 * a 50,000-order plan is linear, not orders × draft.
 */
export function unservedExplainer(p: Prep, draft: Draft): (o: Order) => string {
  const used = new Map<string, number>();
  for (const r of draft.rakes) for (const l of r.lines) {
    const prod = p.orderById.get(l.orderId)?.product;
    for (const [y, t] of l.sources) used.set(key(y, prod ?? ''), (used.get(key(y, prod ?? '')) ?? 0) + t);
  }
  const roadUsed = new Map<string, number>();
  for (const r of draft.road) {
    const prod = p.orderById.get(r.orderId)?.product ?? '';
    used.set(key(r.stockyard, prod), (used.get(key(r.stockyard, prod)) ?? 0) + r.tonnes);
    roadUsed.set(`${r.stockyard}|${r.day}`, (roadUsed.get(`${r.stockyard}|${r.day}`) ?? 0) + r.tonnes);
  }
  const usedIds = new Set(draft.rakes.map((r) => p.rakes[r.rakeIdx]!.rake.id));
  const days = [...Array(p.sc.horizon.days).keys()];
  const holdersOf = memo((product: string) => [...p.stockyards.keys()].filter((y) => (p.stock.get(key(y, product)) ?? 0) > 1e-6));
  // Road capacity left at a yard on any day of the horizon.
  const roadFull = memo((y: string) => days.every((d) => roadCapacity(p, y, d) - (roadUsed.get(`${y}|${d}`) ?? 0) < 1));
  const railOf = memo((product: string) => {
    const types = p.products.get(product)!.wagonTypes;
    const holders = holdersOf(product);
    const rakes = p.rakes.filter((r) => types.includes(r.rake.wagonType));
    const reachable = rakes.filter((r) => [...p.lps.values()].some((lp) =>
      lp.wagonTypes.includes(r.rake.wagonType) && lp.stockyards.some((y) => holders.includes(y))));
    return { types, rakes, reachable, maxCapT: Math.max(0, ...rakes.map((r) => r.capT)), allUsed: reachable.every((r) => usedIds.has(r.rake.id)), firstPlaceH: Math.min(...reachable.map((r) => r.placeH)) };
  });

  return (o: Order): string => {
    const product = p.products.get(o.product);
    const dest = p.dests.get(o.destination);
    const pname = product ? `${product.name} (${o.product})` : o.product;
    if (!product) return `product ${o.product} is not in the plant's product list`;
    if (!dest) return `destination ${o.destination} is not in the plant's destination list`;
    const holders = holdersOf(o.product);
    if (holders.length === 0) return `no inventory of ${pname} at any stockyard`;
    if (draft.cut?.orders.has(o.id)) return draft.cut.reason;

    const left = holders.reduce((a, y) => a + (p.stock.get(key(y, o.product)) ?? 0) - (used.get(key(y, o.product)) ?? 0), 0);
    const total = holders.reduce((a, y) => a + (p.stock.get(key(y, o.product)) ?? 0), 0);
    if (left < Math.min(1, o.quantityT)) return `stock of ${pname} (${Math.round(total)} t usable) is used up by other orders`;
    if (!o.splittable && left < o.quantityT - 1e-6) {
      return `order may not be split and only ${Math.round(left)} t of ${pname} is left in stock`;
    }

    const leave = `leaving it unserved (penalty ₹${unservedRate(p, o.priority)}/t + deferred freight ₹${Math.round(deferredFreightRate(p, o) * 100) / 100}/t)`;
    const reasons: string[] = [];
    if (railAllowed(o)) {
      const { types, rakes, reachable, maxCapT, allUsed, firstPlaceH } = railOf(o.product);
      if (rakes.length === 0) reasons.push(`no ${types.join('/')} rake placed in the horizon`);
      else if (reachable.length === 0) reasons.push(`no loading point handles ${types.join('/')} wagons and serves a stockyard holding ${pname}`);
      else if (!o.splittable && maxCapT < o.quantityT) reasons.push(`order may not be split and exceeds every ${types.join('/')} rake's capacity`);
      else if (allUsed) reasons.push(`all ${reachable.length} compatible rakes (${types.join('/')}) carry other loads`);
      else if (firstPlaceH > (p.dueH.get(o.id) ?? 0)) reasons.push(`no ${types.join('/')} rake placed before the due date`);
      else reasons.push(`too little ${dest.code} demand to fill a ${types.join('/')} rake: with its idle freight, shipping now would cost more than ${leave}`);
    }
    if (o.modes !== 'rail') {
      if (!dest.roadPossible) reasons.push(`${dest.code} cannot be reached by road`);
      else if (roadAllowed(p, o)) {
        if (holders.every(roadFull)) reasons.push(`road capacity at ${holders.join(', ')} used up on every day of the horizon`);
        else if (!o.splittable) reasons.push(`order may not be split and no stockyard has ${Math.round(o.quantityT)} t of road capacity left on one day`);
        else reasons.push(`road freight to ${dest.code} (with any lateness) costs more than ${leave}`);
      }
    }
    return reasons.join('; ') || 'not shipped';
  };
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const cache = new Map<string, T>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) {
      v = f(k);
      cache.set(k, v);
    }
    return v as T;
  };
}

/**
 * What to produce next: per product, demand not covered by usable stock (orders in the horizon
 * and beyond), with the due date of the first order that stock cannot cover.
 */
/** Only the clauses that hold: never "exceed usable stock by 0 t". */
export function productionBecause(product: string, shortT: number, lackT: number): string {
  const parts: string[] = [];
  if (Math.round(shortT) > 0) parts.push(`open orders for ${product} exceed usable stock by ${Math.round(shortT)} t`);
  if (Math.round(lackT) > 0) parts.push(`${Math.round(lackT)} t of ${product} unserved for lack of stock`);
  return parts.join('; ') || `open orders for ${product} need more than the usable stock`;
}

export function suggestProduction(p: Prep, unserved: UnservedLine[]): ProductionSuggestion[] {
  const out: ProductionSuggestion[] = [];
  const byProduct = new Map<string, Order[]>();
  for (const o of p.orders) {
    const list = byProduct.get(o.product);
    if (list) list.push(o);
    else byProduct.set(o.product, [o]);
  }
  const lackByProduct = new Map<string, number>();
  for (const u of unserved) if (/stock|inventory/.test(u.reason)) lackByProduct.set(u.product, (lackByProduct.get(u.product) ?? 0) + u.tonnes);
  for (const [product, orders] of byProduct) {
    let stock = [...p.stockyards.keys()].reduce((a, y) => a + (p.stock.get(key(y, product)) ?? 0), 0);
    let short = 0;
    let neededBy: string | null = null;
    const due = new Map(orders.map((o) => [o, Date.parse(o.dueDate)]));
    for (const o of [...orders].sort((a, b) => due.get(a)! - due.get(b)!)) {
      const take = Math.min(stock, o.quantityT);
      stock -= take;
      if (o.quantityT - take > 1e-6) {
        short += o.quantityT - take;
        neededBy ??= o.dueDate;
      }
    }
    const lackT = lackByProduct.get(product) ?? 0;
    if (short > 1e-6 || lackT > 1e-6) {
      out.push({
        product, tonnes: Math.round(Math.max(short, lackT) * 1000) / 1000, neededBy: neededBy ?? dayDate(p, 0),
        because: productionBecause(product, short, lackT),
      });
    }
  }
  return out.sort((a, b) => a.neededBy.localeCompare(b.neededBy));
}
