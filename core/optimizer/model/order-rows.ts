import type { Order } from '../../domain/entities';
import type { Term } from '../lp-text';
import { lateDays, latenessRate, railRate } from '../prep';
import { push, type ModelContext, type RakeModel } from './context';
import type { YVar } from './types';

/**
 * Order o on rake r: wagons n_o_r and tonnes x_o_r with `nd_o_r`, `xd_o_r` (only to a destination
 * the rake serves), `wag_o_r`, `wagf_o_r`, `wagh_o_r` (wagons = ⌈t ÷ PCC⌉), then its lateness
 * bands and, if unsplittable, its whole-order rows.
 */
export function orderOnRakeRows(ctx: ModelContext, rk: RakeModel, o: Order): void {
  const { m, p } = ctx;
  const { r, pr } = rk;
  const W = pr.rake.wagons;
  const cap = pr.capT;
  const q = ctx.qty(o.id);
  const dest = p.dests.get(o.destination)!;
  const on = ctx.oi.get(o.id)!;
  const maxT = Math.min(q, cap);
  const nUb = Math.min(W, Math.ceil(q / pr.pccT - 1e-9));
  const nCol = m.addVar(`n_${on}_${r}`, 'I', 0, 0, nUb);
  ctx.N.push({ col: nCol, o: o.id, r });
  rk.allWagons.push([1, nCol]);
  push(rk.wagonsByDest, o.destination, [1, nCol]);
  m.addRow(
    `nd_${on}_${r}`,
    [
      [1, nCol],
      [-nUb, rk.dCol.get(o.destination)!],
    ],
    '<=',
    0,
  );
  // Lateness by band of (siding, slot): days late from the slot plus a full-rake loading (conservative).
  const due = p.dueH.get(o.id)!;
  const bandOf = (yv: YVar) => lateDays(yv.startH + yv.durH + dest.railTransitH, due);
  const bands = [...new Set(rk.ys.map(bandOf))].sort((a, b) => a - b);
  const rate = railRate(p, dest);
  const lr = latenessRate(p, o.priority);
  const col = m.addVar(`x_${on}_${r}`, 'C', rate + (bands.length === 1 ? bands[0]! * lr : 0), 0, maxT);
  ctx.X.push({ col, o: o.id, r, product: o.product });
  const xs: Term[] = [[1, col]];
  push(ctx.orderTerms, o.id, [1, col]);
  rk.loadTerms.push([1, col]);
  push(rk.xByDest, o.destination, [1, col]);
  push(rk.xByProduct, o.product, [1, col]);
  ctx.counts.orderYardCols += rk.reach(o.product).length;
  m.addRow(`wag_${on}_${r}`, [...xs, [-pr.pccT, nCol]], '<=', 0);
  // Variable upper bound on the destination switch: tightens the LP relaxation a great deal.
  m.addRow(`xd_${on}_${r}`, [...xs, [-maxT, rk.dCol.get(o.destination)!]], '<=', 0);
  // Every allotted wagon carries load (all full but the last, which holds ≥ 1 t, or the whole of a
  // smaller order): wagons = ⌈t ÷ PCC⌉.
  // Convex hull of wagons = ⌈t ÷ PCC⌉ for t ≤ maxT (f full wagons, then a part wagon of `rem` t):
  // n ≥ f + (t − f·PCC) ÷ rem. In the relaxation a whole order then takes its whole wagons.
  const f = Math.floor(maxT / pr.pccT + 1e-9);
  const rem = maxT - f * pr.pccT;
  // The last wagon holds ≥ 1 t, or the order's own remainder when that is less (900.5 t in
  // 60 t wagons: 0.5 t), so a whole order can always take its ⌈q ÷ PCC⌉ wagons.
  m.addRow(`wagf_${on}_${r}`, [...xs, [-pr.pccT, nCol]], '>=', Math.min(1, rem > 1e-6 ? rem : maxT) - pr.pccT);
  if (rem > 1e-6 && ctx.opts.hullRows !== false)
    m.addRow(`wagh_${on}_${r}`, [[rem, nCol], ...xs.map(([, v]): Term => [-1, v])], '>=', -f * (pr.pccT - rem));
  if (bands.length > 1) latenessBandRows(ctx, rk, { on, xs, bands, bandOf, lr, maxT });
  if (!o.splittable) wholeOrderRows(ctx, rk, o, on, xs);
}

/**
 * `bl_o_r_k`, `bs_o_r`: tonnes in lateness band k only if the chosen (siding, slot) has that
 * lateness; the bands sum to the order's tonnes on the rake.
 */
function latenessBandRows(
  ctx: ModelContext,
  rk: RakeModel,
  a: { on: number; xs: Term[]; bands: number[]; bandOf: (yv: YVar) => number; lr: number; maxT: number },
): void {
  const { m } = ctx;
  const { r } = rk;
  const { on, maxT } = a;
  const bandTerms: Term[] = [];
  for (const b of a.bands) {
    const bc = m.addVar(`b_${on}_${r}_${b}`, 'C', b * a.lr, 0, maxT);
    bandTerms.push([-1, bc]);
    m.addRow(
      `bl_${on}_${r}_${b}`,
      [[1, bc], ...rk.ys.filter((yv) => a.bandOf(yv) === b).map((yv): Term => [-maxT, yv.col])],
      '<=',
      0,
    );
  }
  m.addRow(`bs_${on}_${r}`, [...a.xs, ...bandTerms], '=', 0);
}

/** `whole_o_r`: an unsplittable order rides whole or not at all (w_o_r); `wfit_o_r`: never on a rake too small. */
function wholeOrderRows(ctx: ModelContext, rk: RakeModel, o: Order, on: number, xs: Term[]): void {
  const { m } = ctx;
  const { r } = rk;
  const q = ctx.qty(o.id);
  const w = m.addVar(`w_${on}_${r}`, 'B');
  ctx.wCols.set(`${r}|${o.id}`, w);
  if (q > rk.pr.capT + 1e-6) m.addRow(`wfit_${on}_${r}`, [[1, w]], '<=', 0);
  m.addRow(`whole_${on}_${r}`, [...xs, [-q, w]], '=', 0);
  push(ctx.singleShipment, o.id, [1, w]);
}
