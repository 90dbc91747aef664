import type { Term } from '../lp-text';
import { carries, handlingRate, railAllowed } from '../prep';
import type { ModelContext, RakeModel } from './context';
import { rakeSlots } from './rake-slots';
import type { YVar } from './types';

/**
 * `one_r`: the rake's start slots y_r_l_s, at most one chosen; and the orders it may carry. None
 * when the rake has no slot (it cannot be loaded inside the horizon).
 */
export function rakeSlotRows(ctx: ModelContext, r: number): RakeModel | null {
  const { m, p, lpIdx } = ctx;
  const pr = p.rakes[r]!;
  const ys: YVar[] = rakeSlots(p, r, ctx.opts).map((sl) => ({
    ...sl,
    col: m.addVar(`y_${r}_${lpIdx.get(sl.lp)}_${Math.round(sl.startH * 3600)}`, 'B'),
    r,
  }));
  if (ys.length === 0) return null;
  ctx.Y.push(...ys);
  for (const yv of ys) ctx.sidingUse.set(yv.lp, [...(ctx.sidingUse.get(yv.lp) ?? []), yv]);
  const used: Term[] = ys.map((yv) => [1, yv.col]);
  m.addRow(`one_${r}`, used, '<=', 1);
  const usedLps = [...new Set(ys.map((yv) => yv.lp))].map((code) => p.lps.get(code)!);

  // Candidate orders: rail allowed, product fits the wagons, stock reachable through a siding.
  const yardsHere = [...new Set(usedLps.flatMap((lp) => lp.stockyards))];
  const reachCache = new Map<string, string[]>();
  const reach = (prod: string) => {
    let ys2 = reachCache.get(prod);
    if (!ys2) reachCache.set(prod, (ys2 = yardsHere.filter((y) => ctx.stockOf(y, prod) > 1e-6)));
    return ys2;
  };
  const cands = ctx.orders.filter(
    (o) => railAllowed(o) && carries(p, pr.rake.wagonType, o.product) && reach(o.product).length > 0,
  );
  ctx.counts.orderRakePairs += cands.length;
  return {
    r,
    pr,
    ys,
    used,
    usedLps,
    reach,
    cands,
    loadCols: new Map(),
    options: [],
    dCol: new Map(),
    loadByDest: new Map(),
    sByProduct: new Map(),
    sByYard: new Map(),
    loadTerms: [],
    xByProduct: new Map(),
    wagonsByDest: new Map(),
    xByDest: new Map(),
    allWagons: [],
  };
}

/** `ldcap_r_l`: the load ld_r_l at a siding only if the rake starts there. */
export function sidingLoadRows(ctx: ModelContext, rk: RakeModel): void {
  const { m, p, lpIdx } = ctx;
  const { r, ys } = rk;
  const cap = rk.pr.capT;
  for (const lp of rk.usedLps) {
    const col = m.addVar(`ld_${r}_${lpIdx.get(lp.code)}`, 'C', handlingRate(p, lp), 0, cap);
    rk.loadCols.set(lp.code, col);
    m.addRow(
      `ldcap_${r}_${lpIdx.get(lp.code)}`,
      [[1, col], ...ys.filter((yv) => yv.lp === lp.code).map((yv): Term => [-cap, yv.col])],
      '<=',
      0,
    );
  }
}

/** `demur_r`: demurrage of the wait before the chosen slot and of the loading itself. */
export function demurrageRow(ctx: ModelContext, rk: RakeModel): void {
  const { m, p } = ctx;
  const c = p.sc.costs;
  const { r, pr, ys } = rk;
  const dem = m.addVar(`dem_${r}`, 'C', 1);
  const demRate = pr.rake.wagons * c.demurrageRsPerWagonH;
  m.addRow(
    `demur_${r}`,
    [
      [1, dem],
      ...ys.map((yv): Term => [-demRate * (yv.startH - pr.placeH - c.freeTimeH), yv.col]),
      ...rk.usedLps.map((lp): Term => [-demRate / lp.loadingRateTph, rk.loadCols.get(lp.code)!]),
    ],
    '>=',
    0,
  );
}

/** `wagons_r`: the rake's wagons, only if it is used. */
export function wagonsRow(ctx: ModelContext, rk: RakeModel): void {
  const W = rk.pr.rake.wagons;
  ctx.m.addRow(`wagons_${rk.r}`, [...rk.allWagons, ...rk.used.map(([, v]): Term => [-W, v])], '<=', 0);
}

/** `load_r`: the loads at its sidings are the tonnes of its orders. */
export function loadRow(ctx: ModelContext, rk: RakeModel): void {
  ctx.m.addRow(
    `load_${rk.r}`,
    [...[...rk.loadCols.values()].map((v): Term => [1, v]), ...rk.loadTerms.map(([a, v]): Term => [-a, v])],
    '=',
    0,
  );
}
