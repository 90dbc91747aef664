import { counted, tonnes } from '../domain/figures';
import type { Scenario } from '../domain/scenario';

/** Tonnes wanted at one loading point × wagon type on a day, per product [t]: open orders and forecast demand. */
export interface Cell {
  open: Map<string, number>;
  forecast: Map<string, number>;
}

const sumT = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
export const cellT = (c: Cell) => sumT(c.open) + sumT(c.forecast);

/** Take up to `t` tonnes out of `m`, products in code order and only those `ok` allows; the tonnes taken. */
export function takeT(m: Map<string, number>, t: number, ok: (p: string) => boolean = () => true): number {
  let got = 0;
  for (const p of [...m.keys()].sort()) {
    if (t - got <= 1e-9) break;
    if (!ok(p)) continue;
    const x = Math.min(m.get(p)!, t - got);
    got += x;
    if (m.get(p)! - x > 1e-9) m.set(p, m.get(p)! - x);
    else m.delete(p);
  }
  return got;
}

/** The scenario's rakes placed or expected in the indent's days, of one wagon type or all. */
export interface KnownRakeFigures {
  rakes: number;
  /** What they can carry, and the tonnes wanting rail they take, so the indent does not ask for them [t]. */
  capacityT: number;
  coveredT: number;
}
export interface KnownRakes extends KnownRakeFigures {
  byType: Array<KnownRakeFigures & { wagonType: string }>;
}

/** Statuses of a rake that will not be loaded at the plant: it is called off, or has left. */
const GONE = new Set(['cancelled', 'dispatched']);

/**
 * Netting of the scenario's rakes already placed or expected against the tonnes the indent wants.
 * A rake counts on the indent day its placement falls in (a rake placed before the first day
 * counts on it), with its own wagons' capacity; cancelled and dispatched rakes are not counted.
 * Rakes name no loading point (the plan chooses it), so a rake takes tonnes at the loading points
 * the indent chose for them: any that can load its wagon type, of products whose wagon matrix
 * allows it (a BOST rake takes coils the indent put on BFNS, never CR sheet). Every known rake takes
 * its own wagon type's tonnes before any takes another type's, so a BOST rake does not take the
 * coils a BFNS rake of the same day was coming for.
 * A rake loads no more at a loading point than it can still load that day (its hours).
 * What a rake cannot fill on its day is kept for open orders wanted on later days: they are
 * stock on hand, which the rake can load early; forecast demand is made to order and is not
 * there yet.
 */
export function knownRakeNetting(
  sc: Scenario,
  days: number,
  canLoad: (lp: string, wagonType: string) => boolean,
  canCarry: (product: string, wagonType: string) => boolean,
) {
  const start = Date.parse(sc.horizon.start);
  const wagon = new Map(sc.plant.wagonTypes.map((w) => [w.code, w]));
  const fresh = new Map<number, Map<string, number>>();
  const spare = new Map<string, number>();
  const byType = new Map<string, KnownRakeFigures>();
  for (const r of sc.rakes) {
    const w = wagon.get(r.wagonType);
    if (GONE.has(r.status) || !w) continue;
    const k = Math.max(0, Math.floor((Date.parse(r.expectedPlacement) - start) / 86_400_000));
    if (k >= days) continue;
    const capT = w.pccT * r.wagons;
    const day = fresh.get(k) ?? new Map<string, number>();
    day.set(r.wagonType, (day.get(r.wagonType) ?? 0) + capT);
    fresh.set(k, day);
    const f = byType.get(r.wagonType) ?? { rakes: 0, capacityT: 0, coveredT: 0 };
    byType.set(r.wagonType, { ...f, rakes: f.rakes + 1, capacityT: f.capacityT + capT });
  }

  /**
   * Take what day k's known rakes (and those kept from earlier days) carry out of its cells
   * (`lp|w`), at most `roomT` (what each loading point can still load that day [t], lowered by
   * what they take); the tonnes taken per cell.
   */
  const net = (k: number, cells: ReadonlyMap<string, Cell>, roomT: Map<string, number>): Map<string, number> => {
    const covered = new Map<string, number>();
    const take = (w: string, capT: number, openOnly: boolean, own: boolean): number => {
      const lanes = [...cells.keys()]
        .filter((lw) => lw.endsWith(`|${w}`) === own && canLoad(lw.split('|')[0]!, w))
        // The most tonnes first: there the indent would otherwise ask for a rake.
        .sort((a, b) => cellT(cells.get(b)!) - cellT(cells.get(a)!) || a.localeCompare(b));
      let left = capT;
      for (const lw of lanes) {
        const c = cells.get(lw)!;
        const lp = lw.split('|')[0]!;
        const most = Math.min(left, roomT.get(lp) ?? 0);
        const ok = (p: string) => canCarry(p, w);
        // Open orders first, as on the indented rakes: they are promised.
        const open = takeT(c.open, most, ok);
        const forecast = openOnly ? 0 : takeT(c.forecast, most - open, ok);
        left -= open + forecast;
        roomT.set(lp, (roomT.get(lp) ?? 0) - open - forecast);
        if (open + forecast > 0) covered.set(lw, (covered.get(lw) ?? 0) + open + forecast);
      }
      byType.get(w)!.coveredT += capT - left;
      return left;
    };
    const today = new Map(fresh.get(k));
    // Every rake fills its own wagon type's tonnes before any takes another type's.
    for (const own of [true, false]) {
      for (const [w, capT] of spare) spare.set(w, take(w, capT, true, own));
      for (const [w, capT] of today) today.set(w, take(w, capT, false, own));
    }
    for (const [w, capT] of today) spare.set(w, (spare.get(w) ?? 0) + capT);
    return covered;
  };

  const summary = (): KnownRakes => {
    const types = [...byType.entries()].sort(([a], [b]) => a.localeCompare(b));
    const total = (f: (x: KnownRakeFigures) => number) => types.reduce((s, [, x]) => s + f(x), 0);
    return {
      rakes: total((x) => x.rakes),
      capacityT: Math.round(total((x) => x.capacityT)),
      coveredT: Math.round(total((x) => x.coveredT)),
      byType: types.map(([wagonType, x]) => ({
        wagonType,
        rakes: x.rakes,
        capacityT: Math.round(x.capacityT),
        coveredT: Math.round(x.coveredT),
      })),
    };
  };

  /** Known rakes' capacity no tonnes wanting rail could use, per wagon type: a planner may re-route or release them. */
  const spareNotes = (): string[] =>
    [...spare.entries()]
      .filter(([, t]) => t >= 1)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([w, t]) =>
          `${w}: ${tonnes(Math.round(t))} of capacity on rakes already placed or expected is left with no tonnes wanting rail it can carry`,
      );

  return { net, summary, spareNotes };
}

/** What the indent is net of, for its documents and the command line; empty when the scenario has no such rakes. */
export function knownRakesText(k: KnownRakes): string {
  if (k.rakes === 0) return '';
  const types = k.byType.map((x) => `${x.wagonType} ${x.rakes}`).join(', ');
  return `net of ${counted(k.rakes, 'rake')} already placed or expected (${types}): they carry ${tonnes(k.coveredT)} of the tonnes wanting rail`;
}
