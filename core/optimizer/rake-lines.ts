import { lineTonnes, type DraftLine, type DraftRake, type DraftRoad } from './draft';
import { PlanState } from './plan-state';
import {
  carries,
  handlingRate,
  key,
  lateDays,
  latenessRate,
  railAllowed,
  roadTonneCost,
  unservedTonneCost,
  type Order,
} from './prep';
import { openOrders } from './open-tonnes';

export const cloneRake = (r: DraftRake): DraftRake => ({
  ...r,
  lines: r.lines.map((l) => ({ ...l, sources: new Map(l.sources) })),
});

/** A copy of rake `r` with `draws` added to order `orderId`'s line (a new line if it has none). */
export function withDraws(r: DraftRake, orderId: string, draws: Map<string, number>, pccT: number): DraftRake {
  const next = cloneRake(r);
  const line = next.lines.find((l) => l.orderId === orderId);
  if (line) for (const [y, x] of draws) line.sources.set(y, (line.sources.get(y) ?? 0) + x);
  else next.lines.push({ orderId, wagons: 0, sources: new Map(draws) });
  const l = line ?? next.lines[next.lines.length - 1]!;
  l.wagons = Math.ceil(lineTonnes(l) / pccT - 1e-9);
  return next;
}

/**
 * Take up to `t` t of `o` for a rake at `lp` from the stockyards it serves (most stock first),
 * beyond what `reserved` already holds there. Returns the draws.
 */
export function drawAt(
  st: PlanState,
  lpYards: readonly string[],
  o: Order,
  t: number,
  reserved?: Map<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  const yards = lpYards
    .map((y) => ({ y, st: st.stock(y, o.product) - (reserved?.get(key(y, o.product)) ?? 0) }))
    .filter((x) => x.st > 1e-6)
    .sort((a, b) => b.st - a.st);
  for (const { y, st: have } of yards) {
    if (t <= 1e-9) break;
    const d = Math.min(have, t);
    out.set(y, d);
    t -= d;
  }
  return out;
}

export const sumMap = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * Lines of `dest`'s open orders (among `candidates`) for rake `rakeIdx` at siding `lp`, most
 * valuable per tonne first (what leaving a tonne costs less its handling and lateness, for a
 * loading ending at `endH`), as long as each adds value, in at most `wagons` wagons; `reserved`
 * holds (and is updated with) stock other lines of the same loading draw.
 */
export function openLines(
  st: PlanState,
  rakeIdx: number,
  lp: { code: string; stockyards: readonly string[]; wagonTypes: readonly string[] },
  dest: string,
  candidates: readonly Order[],
  endH: number,
  wagons: number,
  reserved: Map<string, number>,
): DraftLine[] {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const open = openOrders(st, candidates, pr.rake.wagonType, lp, dest).orders;
  if (open.length === 0) return [];
  const d = p.dests.get(dest)!;
  const handling = handlingRate(p, p.lps.get(lp.code)!);
  const ranked = open
    .map((o) => ({
      o,
      v:
        unservedTonneCost(p, o) -
        handling -
        lateDays(endH + d.railTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority),
    }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v || a.o.id.localeCompare(b.o.id));
  const lines: DraftLine[] = [];
  for (const { o } of ranked) {
    if (wagons <= 0) break;
    const draws = drawAt(st, lp.stockyards, o, Math.min(st.unserved(o), wagons * pr.pccT), reserved);
    const t = sumMap(draws);
    if (t <= 1e-6 || (!o.splittable && t < o.quantityT - 1e-6)) continue;
    for (const [y, x] of draws) reserved.set(key(y, o.product), (reserved.get(key(y, o.product)) ?? 0) + x);
    const w = Math.ceil(t / pr.pccT - 1e-9);
    lines.push({ orderId: o.id, wagons: w, sources: draws });
    wagons -= w;
  }
  return lines;
}

/** Wagons the lines fill. */
export const wagonsOf = (lines: readonly DraftLine[]) => lines.reduce((a, l) => a + l.wagons, 0);

/**
 * Lines of `dest` from road lots (`lots`) for rake `rakeIdx` at `lp`, most valuable tonnes first, in
 * at most `wagons` wagons, drawn from the siding's stockyards (the lots' stock freed): a lot's tonne
 * is worth its road freight and lateness less handling and its lateness by rail for a loading ending
 * at `endH`. With the lots taken off (negative tonnes) and the road freight and lateness they cost.
 */
export function linesFromLots(
  st: PlanState,
  rakeIdx: number,
  lp: { code: string; stockyards: readonly string[] },
  dest: string,
  lots: readonly DraftRoad[],
  endH: number,
  wagons: number,
): { lines: DraftLine[]; off: DraftRoad[]; roadRs: number } {
  const p = st.p;
  const pr = p.rakes[rakeIdx]!;
  const d = p.dests.get(dest)!;
  const handling = handlingRate(p, p.lps.get(lp.code)!);
  const ranked = lots
    .map((lot) => ({ lot, o: p.orderById.get(lot.orderId)! }))
    .filter(({ lot, o }) => lot.tonnes > 1e-6 && railAllowed(o) && carries(p, pr.rake.wagonType, o.product))
    .map((x) => ({
      ...x,
      v:
        roadTonneCost(p, x.o, x.lot.stockyard, x.lot.day) -
        handling -
        lateDays(endH + d.railTransitH, p.dueH.get(x.o.id)!) * latenessRate(p, x.o.priority),
    }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v || a.lot.orderId.localeCompare(b.lot.orderId));
  // Stock drawn by the new lines (positive) and freed by the lots taken off (negative).
  const reserved = new Map<string, number>();
  const lines = new Map<string, DraftLine>();
  const off: DraftRoad[] = [];
  let roadRs = 0;
  for (const { lot, o } of ranked) {
    const line = lines.get(o.id);
    const lineT = line ? lineTonnes(line) : 0;
    const others = [...lines.values()].reduce((a, l) => a + (l === line ? 0 : l.wagons), 0);
    const want = Math.min(lot.tonnes, (wagons - others) * pr.pccT - lineT);
    // An unsplittable order's one shipment is its lot: all of it moves.
    if (want <= 1e-6 || (!o.splittable && want < lot.tonnes - 1e-6)) continue;
    const k = key(lot.stockyard, o.product);
    const freed = new Map(reserved);
    freed.set(k, (freed.get(k) ?? 0) - want);
    const draws = drawAt(st, lp.stockyards, o, want, freed);
    const t = sumMap(draws);
    if (t <= 1e-6 || (!o.splittable && t < lot.tonnes - 1e-6)) continue;
    reserved.set(k, (reserved.get(k) ?? 0) - t);
    for (const [y, x] of draws) reserved.set(key(y, o.product), (reserved.get(key(y, o.product)) ?? 0) + x);
    const grown = line ?? { orderId: o.id, wagons: 0, sources: new Map<string, number>() };
    for (const [y, x] of draws) grown.sources.set(y, (grown.sources.get(y) ?? 0) + x);
    grown.wagons = Math.ceil(lineTonnes(grown) / pr.pccT - 1e-9);
    lines.set(o.id, grown);
    off.push({ ...lot, tonnes: -t });
    roadRs += t * roadTonneCost(p, o, lot.stockyard, lot.day);
  }
  return { lines: [...lines.values()], off, roadRs };
}
