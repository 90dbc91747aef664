import type { ProductionSuggestion, UnservedLine } from '../domain/plan';
import { productionClause } from '../domain/plan-notes';
import { STOCK_REASON_CODES } from './explain';
import { dayDate, key, type Order, type Prep } from './prep';

/** Only the clauses that hold: never "exceed usable stock by 0 t". */
export function productionBecause(product: string, shortT: number, lackT: number): string {
  const parts: string[] = [];
  if (Math.round(shortT) > 0) parts.push(productionClause({ kind: 'short', product, tonnes: Math.round(shortT) }));
  if (Math.round(lackT) > 0) parts.push(productionClause({ kind: 'lack', product, tonnes: Math.round(lackT) }));
  return parts.join('; ') || productionClause({ kind: 'need', product });
}

/**
 * What to produce next: per product, demand not covered by usable stock (orders in the horizon
 * and beyond), with the due date of the first order that stock cannot cover. Tonnes count as
 * unserved for lack of stock by their reason code, never by the words of the reason.
 */
export function suggestProduction(p: Prep, unserved: UnservedLine[]): ProductionSuggestion[] {
  const out: ProductionSuggestion[] = [];
  const byProduct = new Map<string, Order[]>();
  for (const o of p.orders) {
    const list = byProduct.get(o.product);
    if (list) list.push(o);
    else byProduct.set(o.product, [o]);
  }
  const lackByProduct = new Map<string, number>();
  for (const u of unserved)
    if (u.reasonCode && STOCK_REASON_CODES.has(u.reasonCode))
      lackByProduct.set(u.product, (lackByProduct.get(u.product) ?? 0) + u.tonnes);
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
        product,
        tonnes: Math.round(Math.max(short, lackT) * 1000) / 1000,
        neededBy: neededBy ?? dayDate(p, 0),
        because: productionBecause(product, short, lackT),
      });
    }
  }
  return out.sort((a, b) => a.neededBy.localeCompare(b.neededBy));
}
