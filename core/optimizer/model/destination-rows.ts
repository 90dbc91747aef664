import type { Term } from '../lp-text';
import { railRate } from '../prep';
import { push, type ModelContext, type RakeModel } from './context';

/** Tonnes [t] a destination's candidate orders can put on the rake, at most its capacity. */
export type Fill = (dest: string) => number;

/**
 * Destination options g_r_k[_k2]: one destination, or a pair on one corridor (rule 4); `dz_r_k`:
 * d_r_k = Σ options serving k; `opt_r`: one option per rake used. Each option's loads are bounded
 * by what its destinations' candidate orders can fill (returned), so the relaxation pays the whole
 * rake's chargeable weight per option: that is what makes the bound tight.
 */
export function destinationOptionRows(ctx: ModelContext, rk: RakeModel): Fill {
  const { m, p, destIdx, counts } = ctx;
  const c = p.sc.costs;
  const { r, pr, cands, options } = rk;
  const W = pr.rake.wagons;
  const cap = pr.capT;
  const dests = [...new Set(cands.map((o) => o.destination))];
  const demT = new Map<string, number>();
  const demW = new Map<string, number>();
  for (const o of cands) {
    const q = ctx.qty(o.id);
    demT.set(o.destination, (demT.get(o.destination) ?? 0) + Math.min(q, cap));
    demW.set(o.destination, (demW.get(o.destination) ?? 0) + Math.min(W, Math.ceil(q / pr.pccT - 1e-9)));
  }
  const fill = (d: string) => Math.min(cap, demT.get(d) ?? 0);
  const mw = c.minWagonsPerDestination;
  const addOption = (ds: string[]) => {
    const name = `g_${r}_${ds.map((d) => destIdx.get(d)).join('_')}`;
    const col = m.addVar(name, 'B', ds.length > 1 ? c.twoPointSurchargeRs : 0);
    options.push({ dests: ds, col, rate: Math.max(...ds.map((d) => railRate(p, p.dests.get(d)!))) });
    ctx.zCols.set(`${r}|${[...ds].sort().join(',')}`, col);
  };
  for (const d of dests) addOption([d]);
  counts.singles += dests.length;
  if (2 * mw <= W) {
    for (let i = 0; i < dests.length; i++) {
      for (let j = i + 1; j < dests.length; j++) {
        const a = dests[i]!,
          b = dests[j]!;
        // A pair needs the minimum wagons for each destination: skip pairs whose orders cannot fill them.
        if (p.dests.get(a)!.corridor !== p.dests.get(b)!.corridor) continue;
        if ((demW.get(a) ?? 0) < mw || (demW.get(b) ?? 0) < mw) {
          counts.pairsDropped++;
          continue;
        }
        addOption([a, b]);
        counts.pairs++;
      }
    }
  }
  for (const d of dests) {
    const col = m.addVar(`d_${r}_${destIdx.get(d)}`, 'C', 0, 0, 1);
    rk.dCol.set(d, col);
    m.addRow(
      `dz_${r}_${destIdx.get(d)}`,
      [[1, col], ...options.filter((g) => g.dests.includes(d)).map((g): Term => [-1, g.col])],
      '=',
      0,
    );
  }
  if (options.length)
    m.addRow(`opt_${r}`, [...options.map((g): Term => [1, g.col]), ...rk.used.map(([, v]): Term => [-1, v])], '<=', 0);
  return fill;
}

/**
 * `gcap_r_g`: an option's whole capacity is its loads by destination L_r_g_k plus idle tonnes
 * I_r_g (at the option's dearest rate); `gk_r_g_k`: a pair's load for k only if chosen;
 * `gidle_r_g`: the idle tonnes its destinations cannot fill. Idle is measured in tonnes so the
 * rows stay well scaled.
 */
export function optionCapacityRows(ctx: ModelContext, rk: RakeModel, fill: Fill): void {
  const { m, destIdx } = ctx;
  const { r } = rk;
  const cap = rk.pr.capT;
  for (const g of rk.options) {
    const gi = g.dests.map((d) => destIdx.get(d)).join('_');
    const ls: Term[] = [];
    for (const d of g.dests) {
      const l = m.addVar(`L_${r}_${gi}_${destIdx.get(d)}`, 'C', 0, 0, fill(d));
      ls.push([1, l]);
      push(rk.loadByDest, d, [1, l]);
      if (g.dests.length > 1)
        m.addRow(
          `gk_${r}_${gi}_${destIdx.get(d)}`,
          [
            [1, l],
            [-fill(d), g.col],
          ],
          '<=',
          0,
        );
    }
    const idle = m.addVar(`I_${r}_${gi}`, 'C', g.rate, 0, cap);
    m.addRow(`gcap_${r}_${gi}`, [...ls, [1, idle], [-cap, g.col]], '=', 0);
    const short =
      cap -
      Math.min(
        cap,
        g.dests.reduce((a, d) => a + fill(d), 0),
      );
    if (short > 1e-6)
      m.addRow(
        `gidle_${r}_${gi}`,
        [
          [1, idle],
          [-short, g.col],
        ],
        '>=',
        0,
      );
  }
}

/** `lk_r_k`: the options' loads for destination k are the tonnes of the rake's orders to k. */
export function destinationLoadRows(ctx: ModelContext, rk: RakeModel): void {
  for (const [d, terms] of rk.xByDest)
    ctx.m.addRow(
      `lk_${rk.r}_${ctx.destIdx.get(d)}`,
      [...(rk.loadByDest.get(d) ?? []).map(([a, v]): Term => [a, v]), ...terms.map(([, v]): Term => [-1, v])],
      '=',
      0,
    );
}

/** `minw_r_k`: a two-point rake carries the minimum wagons for each of its destinations (rule 4). */
export function minWagonRows(ctx: ModelContext, rk: RakeModel): void {
  const mw = ctx.p.sc.costs.minWagonsPerDestination;
  for (const [d, terms] of rk.wagonsByDest) {
    const pairs = rk.options.filter((g) => g.dests.length > 1 && g.dests.includes(d));
    if (pairs.length)
      ctx.m.addRow(`minw_${rk.r}_${ctx.destIdx.get(d)}`, [...terms, ...pairs.map((g): Term => [-mw, g.col])], '>=', 0);
  }
}
