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
  const lines = new Map<string, DraftLine>();
  for (const xv of b.x) {
    const t = x[xv.col] ?? 0;
    const dr = byRake.get(xv.r);
    if (t < EPS_T || !dr) continue;
    const k = `${xv.r}|${xv.o}`;
    let line = lines.get(k);
    if (!line) {
      line = { orderId: xv.o, wagons: 0, sources: new Map() };
      lines.set(k, line);
      dr.lines.push(line);
    }
    line.sources.set(xv.y, (line.sources.get(xv.y) ?? 0) + roundT(t));
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
