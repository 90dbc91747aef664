import type { Draft } from './draft';
import { carries, key, railAllowed, type Prep } from './prep';
import { createContext, type ModelContext } from './model/context';
import { destinationLoadRows, destinationOptionRows, minWagonRows, optionCapacityRows } from './model/destination-rows';
import { orderOnRakeRows } from './model/order-rows';
import { orderRows, roadRows, sidingCapacityRows, singleShipmentRows } from './model/plant-rows';
import { demurrageRow, loadRow, rakeSlotRows, sidingLoadRows, wagonsRow } from './model/rake-rows';
import { inventoryRows, productRows, sourceColumns, sourceRows } from './model/stock-rows';
import type { BuiltModel, ModelOptions } from './model/types';

export { rakeSlots } from './model/rake-slots';
export type { BuiltModel, ModelOptions, NVar, RoadVar, SVar, XVar, YVar } from './model/types';

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { slotH: 3, maxWaitH: 12 };

/** The whole-horizon model's options for a warm start: its loadings are extra start slots. */
export function startOptions(start: Draft): ModelOptions {
  return {
    ...DEFAULT_MODEL_OPTIONS,
    extraStarts: start.rakes.map((r) => ({ r: r.rakeIdx, lp: r.lp, startH: r.startH })),
  };
}

/**
 * Build the dispatch MILP (docs/optimizer.md, "Formulation"). Names: y_r_l_s (rake r starts
 * loading at siding l in slot s), x_o_r (tonnes of order o on rake r), s_r_p_y (tonnes of product
 * p from stockyard y for rake r), n_o_r (wagons), g_r_k[_k2] (rake r serves destination k, or the
 * same-corridor pair k, k2), d_r_k (= Σ options serving k), L_r_g_k (tonnes for k under option g),
 * I_r_g (idle tonnes), dem_r, ld_r_l (load at siding l), b_o_r_k (lateness band), w_o_r (unsplittable on r),
 * rd_o_y_d (road tonnes), rb_o_y_d (unsplittable by road), u_o (unserved).
 */
export function buildModel(p: Prep, opts: ModelOptions = DEFAULT_MODEL_OPTIONS): BuiltModel {
  const ctx = createContext(p, opts);
  // Column and row order is part of the LP text: the families are built in this order, rake by rake.
  for (const r of p.rakes.keys()) {
    const rk = rakeSlotRows(ctx, r);
    if (!rk) continue;
    sidingLoadRows(ctx, rk);
    demurrageRow(ctx, rk);
    const fill = destinationOptionRows(ctx, rk);
    optionCapacityRows(ctx, rk, fill);
    sourceColumns(ctx, rk);
    for (const o of rk.cands) orderOnRakeRows(ctx, rk, o);
    wagonsRow(ctx, rk);
    loadRow(ctx, rk);
    productRows(ctx, rk);
    sourceRows(ctx, rk);
    destinationLoadRows(ctx, rk);
    minWagonRows(ctx, rk);
  }
  sidingCapacityRows(ctx);
  roadRows(ctx);
  inventoryRows(ctx);
  singleShipmentRows(ctx);
  orderRows(ctx);
  return {
    lp: ctx.m,
    y: ctx.Y,
    x: ctx.X,
    s: ctx.S,
    n: ctx.N,
    road: ctx.RD,
    zCols: ctx.zCols,
    wCols: ctx.wCols,
    ...integerIndex(ctx),
    reductions: reductions(ctx),
  };
}

/** Integer columns of each rake (slots, wagons, destination options, whole orders) and the road binaries. */
function integerIndex(ctx: ModelContext): Pick<BuiltModel, 'rakeInts' | 'roadInts'> {
  const rakeInts = new Map<number, number[]>();
  const addInt = (r: number, col: number) => rakeInts.set(r, [...(rakeInts.get(r) ?? []), col]);
  for (const yv of ctx.Y) addInt(yv.r, yv.col);
  for (const nv of ctx.N) addInt(nv.r, nv.col);
  for (const [k, col] of [...ctx.zCols, ...ctx.wCols]) addInt(Number(k.split('|')[0]), col);
  const roadInts = ctx.RD.filter((rv) => rv.perUnitT !== 1).map((rv) => rv.col);
  return { rakeInts, roadInts };
}

function reductions(ctx: ModelContext): string[] {
  const { counts } = ctx;
  const pairs = counts.orderRakePairs;
  return [
    `candidate order–rake pairs: ${pairs} compatible (product–wagon matrix, reachable stock)`,
    `destination options: ${counts.singles} single + ${counts.pairs} same-corridor pairs (${counts.pairsDropped} pairs dropped: too few wagons of orders for the minimum each)`,
    `stockyard sourcing per product: ${counts.orderYardCols} order×stockyard columns → ${pairs} order + ${counts.sourceCols} product×stockyard columns`,
  ];
}

/** Compatible order–rake pairs of the whole-horizon model, counted without building it. */
export function countPairs(p: Prep): number {
  let n = 0;
  for (const pr of p.rakes) {
    const yards = new Set(
      [...p.lps.values()].filter((lp) => lp.wagonTypes.includes(pr.rake.wagonType)).flatMap((lp) => lp.stockyards),
    );
    for (const o of p.orders) {
      if (
        railAllowed(o) &&
        carries(p, pr.rake.wagonType, o.product) &&
        [...yards].some((y) => (p.stock.get(key(y, o.product)) ?? 0) > 1e-6)
      )
        n++;
    }
  }
  return n;
}

/** The rule-based draft as a sparse start for the MILP (integers only; HiGHS completes the rest). */
export function draftToStart(p: Prep, b: BuiltModel, draft: Draft): Map<number, number> {
  const start = new Map<number, number>();
  for (const dr of draft.rakes) {
    const dests = [...new Set(dr.lines.map((l) => p.orderById.get(l.orderId)!.destination))].sort();
    const zc = b.zCols.get(`${dr.rakeIdx}|${dests.join(',')}`);
    if (zc !== undefined) start.set(zc, 1);
    for (const l of dr.lines) {
      const wc = b.wCols.get(`${dr.rakeIdx}|${l.orderId}`);
      if (wc !== undefined) start.set(wc, 1);
    }
    // The plan's own start (an extra slot), else the next slot after it, else the last one.
    const slots = b.y.filter((yv) => yv.r === dr.rakeIdx && yv.lp === dr.lp).sort((a, c) => a.startH - c.startH);
    const yv = slots.find((s) => s.startH >= dr.startH - 1e-6) ?? slots[slots.length - 1];
    if (!yv) continue;
    start.set(yv.col, 1);
    for (const l of dr.lines) {
      const nv = b.n.find((n) => n.r === dr.rakeIdx && n.o === l.orderId);
      if (nv) start.set(nv.col, l.wagons);
    }
  }
  for (const rd of draft.road) {
    const v = b.road.find((r) => r.o === rd.orderId && r.y === rd.stockyard && r.d === rd.day);
    if (v) start.set(v.col, v.perUnitT === 1 ? rd.tonnes : 1);
  }
  return start;
}
