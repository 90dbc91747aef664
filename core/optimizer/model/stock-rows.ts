import type { Term } from '../lp-text';
import { key } from '../prep';
import { push, type ModelContext, type RakeModel } from './context';

/**
 * Stock drawn for the rake per product and stockyard, s_r_p_y: orders of one product share it
 * (each order's sources are split afterwards), which keeps one tonnage column per order instead
 * of one per yard.
 */
export function sourceColumns(ctx: ModelContext, rk: RakeModel): void {
  const { m, prodIdx, yardIdx } = ctx;
  const { r } = rk;
  for (const prod of new Set(rk.cands.map((o) => o.product))) {
    for (const y of rk.reach(prod)) {
      ctx.counts.sourceCols++;
      const col = m.addVar(
        `s_${r}_${prodIdx.get(prod)}_${yardIdx.get(y)}`,
        'C',
        0,
        0,
        Math.min(rk.pr.capT, ctx.stockOf(y, prod)),
      );
      ctx.S.push({ col, r, product: prod, y });
      push(rk.sByProduct, prod, [1, col]);
      push(rk.sByYard, y, [1, col]);
      push(ctx.inv, key(y, prod), [1, col]);
    }
  }
}

/** `prod_r_p`: the stock drawn of a product is the tonnes of the rake's orders of it. */
export function productRows(ctx: ModelContext, rk: RakeModel): void {
  for (const [prod, terms] of rk.xByProduct)
    ctx.m.addRow(
      `prod_${rk.r}_${ctx.prodIdx.get(prod)}`,
      [...(rk.sByProduct.get(prod) ?? []), ...terms.map(([, v]): Term => [-1, v])],
      '=',
      0,
    );
}

/** `src_r_y`: tonnes from a stockyard are loaded at a siding serving it (rule 5; implied when every siding does). */
export function sourceRows(ctx: ModelContext, rk: RakeModel): void {
  for (const [y, terms] of rk.sByYard) {
    const serving = rk.usedLps.filter((lp) => lp.stockyards.includes(y));
    if (serving.length < rk.usedLps.length)
      ctx.m.addRow(
        `src_${rk.r}_${ctx.yardIdx.get(y)}`,
        [...terms, ...serving.map((lp): Term => [-1, rk.loadCols.get(lp.code)!])],
        '<=',
        0,
      );
  }
}

/** `inv_y_p`: rail and road draws on a stockyard's product within its usable stock (rule 1). */
export function inventoryRows(ctx: ModelContext): void {
  const { p } = ctx;
  for (const [k, terms] of ctx.inv) {
    const [y, prod] = k.split('|') as [string, string];
    ctx.m.addRow(
      `inv_${ctx.yardIdx.get(y)}_${p.sc.plant.products.findIndex((x) => x.code === prod)}`,
      terms,
      '<=',
      ctx.stockOf(y, prod),
    );
  }
}
