import type { Term } from '../lp-text';
import { key, roadAllowed, roadCapacity, roadTonneCost, unservedTonneCost } from '../prep';
import { push, type ModelContext } from './context';

/** `sid_l_t`: at every candidate start time, the rakes whose (full-rake) loading covers it fit the siding (rule 5). */
export function sidingCapacityRows(ctx: ModelContext): void {
  const { m, p } = ctx;
  for (const [code, list] of ctx.sidingUse) {
    const lp = p.lps.get(code)!;
    const times = [...new Set(list.map((yv) => yv.startH))].sort((a, b) => a - b);
    for (const t of times) {
      const covering = list.filter((yv) => yv.startH <= t + 1e-9 && yv.startH + yv.durH > t + 1e-9);
      const rakes = new Set(covering.map((yv) => yv.r));
      if (rakes.size > lp.maxRakes)
        m.addRow(
          `sid_${ctx.lpIdx.get(code)}_${Math.round(t * 3600)}`,
          covering.map((yv): Term => [1, yv.col]),
          '<=',
          lp.maxRakes,
        );
    }
  }
}

/**
 * Road tonnes rd_o_y_d (rb_o_y_d, binary, for an unsplittable order) per order, stockyard and day;
 * `road_y_d`: within the stockyard's road capacity that day.
 */
export function roadRows(ctx: ModelContext): void {
  const { m, p, yardIdx } = ctx;
  const days = [...Array(p.sc.horizon.days).keys()];
  const roadCap = new Map<string, Term[]>();
  for (const o of ctx.orders) {
    if (!roadAllowed(p, o)) continue;
    const q = ctx.qty(o.id);
    const on = ctx.oi.get(o.id)!;
    for (const y of p.stockyards.keys()) {
      if (ctx.stockOf(y, o.product) <= 1e-6) continue;
      for (const d of days) {
        const capYD = roadCapacity(p, y, d);
        if (capYD <= 1e-6 || (!o.splittable && capYD < q - 1e-6)) continue;
        const perT = roadTonneCost(p, o, y, d);
        const whole = !o.splittable;
        const col = whole
          ? m.addVar(`rb_${on}_${yardIdx.get(y)}_${d}`, 'B', perT * q)
          : m.addVar(`rd_${on}_${yardIdx.get(y)}_${d}`, 'C', perT, 0, q);
        const amount = whole ? q : 1;
        ctx.RD.push({ col, o: o.id, y, d, perUnitT: amount });
        push(roadCap, `${y}|${d}`, [amount, col]);
        push(ctx.inv, key(y, o.product), [amount, col]);
        push(ctx.orderTerms, o.id, [amount, col]);
        if (whole) push(ctx.singleShipment, o.id, [1, col]);
      }
    }
  }
  for (const [k, terms] of roadCap) {
    const [y, d] = k.split('|') as [string, string];
    const cap = roadCapacity(p, y, Number(d));
    m.addRow(`road_${yardIdx.get(y)}_${d}`, terms, '<=', cap);
  }
}

/** `single_o`: an unsplittable order goes in one shipment, on one rake or one road trip. */
export function singleShipmentRows(ctx: ModelContext): void {
  for (const [id, terms] of ctx.singleShipment)
    if (terms.length > 1) ctx.m.addRow(`single_${ctx.oi.get(id)}`, terms, '<=', 1);
}

/**
 * `ord_o`: an order's rail and road tonnes plus its unserved tonnes u_o are its quantity (rule 2).
 * An order nothing can serve keeps a fixed unserved column, so the objective is the plan's whole
 * cost. An unserved tonne costs its penalty plus the freight it will still pay after the horizon.
 */
export function orderRows(ctx: ModelContext): void {
  const { m, p } = ctx;
  for (const o of ctx.orders) {
    const terms = ctx.orderTerms.get(o.id);
    const q = ctx.qty(o.id);
    const u = m.addVar(`u_${ctx.oi.get(o.id)}`, 'C', unservedTonneCost(p, o), terms ? 0 : q, q);
    if (terms) m.addRow(`ord_${ctx.oi.get(o.id)}`, [...terms, [1, u]], '=', q);
  }
}
