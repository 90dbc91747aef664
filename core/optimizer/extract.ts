import type { Draft, DraftLine, DraftRake } from './draft';
import type { BuiltModel } from './model';

/** Below this a solver value is numerical noise, not a decision [t]. */
const EPS_T = 1e-4;

/** Read the solver's column vector back into decisions: rakes with their lines, trucks by day. */
export function draftFromSolution(b: BuiltModel, x: Float64Array): Draft {
  const rakes: DraftRake[] = [];
  const byRake = new Map<number, DraftRake>();
  for (const yv of b.y) {
    if ((x[yv.col] ?? 0) < 0.5) continue;
    const dr: DraftRake = { rakeIdx: yv.r, lp: yv.lp, startH: yv.startH, lines: [] };
    byRake.set(yv.r, dr);
    rakes.push(dr);
  }
  // Stock drawn per rake, product and stockyard, handed out to the rake's orders of that product.
  const pool = new Map<string, Array<[string, number]>>();
  for (const sv of b.s) {
    const t = x[sv.col] ?? 0;
    if (t < EPS_T || !byRake.has(sv.r)) continue;
    const k = `${sv.r}|${sv.product}`;
    pool.set(k, [...(pool.get(k) ?? []), [sv.y, t]]);
  }
  const lines = new Map<string, DraftLine>();
  for (const xv of b.x) {
    const t = x[xv.col] ?? 0;
    const dr = byRake.get(xv.r);
    if (t < EPS_T || !dr) continue;
    const line: DraftLine = { orderId: xv.o, wagons: 0, sources: new Map() };
    lines.set(`${xv.r}|${xv.o}`, line);
    dr.lines.push(line);
    const yards = pool.get(`${xv.r}|${xv.product}`) ?? [];
    let left = t;
    for (const src of yards) {
      if (left < EPS_T) break;
      const take = Math.min(left, src[1]);
      if (take < EPS_T) continue;
      src[1] -= take;
      left -= take;
      line.sources.set(src[0], (line.sources.get(src[0]) ?? 0) + take);
    }
    // Solver noise (≤ 1e-6 t) left over goes to the last yard used.
    const last = [...line.sources.keys()].pop() ?? yards[0]?.[0];
    if (left > 0 && last) line.sources.set(last, (line.sources.get(last) ?? 0) + left);
    for (const [y, v] of line.sources) line.sources.set(y, roundT(v));
  }
  for (const nv of b.n) {
    const line = lines.get(`${nv.r}|${nv.o}`);
    if (line) line.wagons = Math.round(x[nv.col] ?? 0);
  }
  const road: Draft['road'] = [];
  for (const rv of b.road) {
    const v = x[rv.col] ?? 0;
    const t = rv.perUnitT === 1 ? v : v > 0.5 ? rv.perUnitT : 0;
    if (t >= EPS_T) road.push({ orderId: rv.o, stockyard: rv.y, day: rv.d, tonnes: roundT(t) });
  }
  return { rakes, road };
}

/** Solver tonnes to the kilogram: removes 1e-9 noise without moving any limit by more than 1 kg. */
const roundT = (t: number) => Math.round(t * 1000) / 1000;
