import type { Prep } from '../prep';
import type { Master, MipPlan } from './master';
import type { Pattern, RakeInfo } from './loading';
import { priceRake } from './pricing';

/** First neighbourhood size (rakes) and its bounds; it grows while HiGHS proves them fast and shrinks when one times out. */
const FIRST_SIZE = 10;
const MIN_SIZE = 4;
/** Longest a neighbourhood's MIP may run [s]: many small ones improve more than one large one. */
const MAX_MIP_S = 4;
/** Pricing rounds (master LP, then the open rakes priced at its duals) before a neighbourhood's MIP. */
const PRICE_ROUNDS = 2;

/**
 * Neighbourhood search on the restricted master from a plan (large: the dive's). Each step frees
 * the loadings of a few related rakes — a seed rake and those whose loadings in the pool serve
 * the seed's orders, used or idle — keeps every other rake on its loading, and solves the
 * restricted master MIP from the current plan; a cheaper plan replaces it. The dive fixes each
 * rake's option for good and its MIP keeps to them; this lets a few rakes change options and trade
 * orders again.
 *
 * With `price` (the dive's search), every idle rake is open too and the open rakes get new loadings
 * before each MIP (priceOpen): the dive's MIP leaves rakes idle that its LP used in part, and the
 * pool holds no loading for them that fits what the others leave.
 */
export function polish(
  master: Master,
  start: MipPlan,
  run: {
    deadlineMs: number;
    shouldStop?: () => boolean;
    firstSize?: number;
    price?: { p: Prep; patternsPerRake: number };
    /** Seed of the choice of neighbourhoods: two searches from one plan with other seeds try other rakes. */
    seed?: number;
    /** Longest a neighbourhood's MIP may run [s]; by default `MAX_MIP_S`. */
    maxMipS?: number;
  },
): { plan: MipPlan; steps: number; improved: number } {
  const left = () => (run.deadlineMs - Date.now()) / 1000;
  let best = start;
  let size = run.firstSize ?? FIRST_SIZE;
  let steps = 0,
    improved = 0;
  // The orders each rake's loadings in the pool serve (relatedness), and each rake's patterns.
  const byRake = new Map<number, number[]>();
  const ordersOf = new Map<number, Set<number>>();
  const track = (r: number) => {
    if (!byRake.has(r)) {
      byRake.set(r, []);
      ordersOf.set(r, new Set());
    }
  };
  const note = (pt: Pattern, k: number) => {
    track(pt.r);
    byRake.get(pt.r)!.push(k);
    for (const l of pt.lines) ordersOf.get(pt.r)!.add(l.o);
  };
  master.patterns.forEach(note);
  // Pricing may give any rake a loading, also those with none in the pool yet.
  if (run.price) for (const ri of master.rakes) track(ri.r);
  const rakes = [...byRake.keys()].sort((a, b) => a - b);
  const infoOf = new Map(master.rakes.map((ri) => [ri.r, ri]));
  let rng = run.seed ?? 12345;
  const random = () => {
    rng = (rng * 1103515245 + 12345) % 2147483648;
    return rng / 2147483648;
  };
  while (left() > 1 && !run.shouldStop?.() && rakes.length) {
    const chosen = master.chosen(best.x);
    const used = rakes.filter((r) => chosen.has(r));
    const seed = (used.length ? used : rakes)[Math.floor(random() * (used.length || rakes.length))]!;
    const seedOrders = new Set((chosen.has(seed) ? master.patterns[chosen.get(seed)!]!.lines : []).map((l) => l.o));
    const score = (r: number) => {
      let n = 0;
      for (const o of ordersOf.get(r)!) if (seedOrders.has(o)) n++;
      return n + random();
    };
    const idle = run.price ? rakes.filter((r) => !chosen.has(r)) : [];
    const open = new Set([
      ...idle,
      seed,
      ...rakes
        .filter((r) => r !== seed)
        .map((r) => ({ r, s: score(r) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, size - 1)
        .map((x) => x.r),
    ]);
    const free: number[] = [],
      shut: number[] = [],
      keep: number[] = [];
    for (const r of rakes)
      for (const k of byRake.get(r)!) (open.has(r) ? free : chosen.get(r) === k ? keep : shut).push(k);
    master.boundPatterns(free, 0, Infinity);
    master.boundPatterns(shut, 0, 0);
    master.boundPatterns(keep, 1, 1);
    if (run.price)
      priceOpen(
        master,
        run.price,
        [...open].map((r) => infoOf.get(r)!),
        note,
        () => left() > 2,
      );
    const limit = Math.min(run.maxMipS ?? MAX_MIP_S, left() - 0.5);
    const began = Date.now();
    const got = master.solveMip(limit, best.x, run.shouldStop);
    const took = (Date.now() - began) / 1000;
    steps++;
    if (got && got.objective < best.objective - 1e-6 * Math.abs(best.objective)) {
      best = got;
      improved++;
    }
    if (got?.proven && took < 0.4 * limit) size = Math.min(rakes.length, size + 4);
    else if (!got?.proven) size = Math.max(MIN_SIZE, size - 2);
    if (open.size >= rakes.length && got?.proven) break; // the whole restricted master, proven
  }
  // Every pattern back to [0, ∞] so the master is as it was.
  master.boundPatterns(
    master.patterns.map((_, k) => k),
    0,
    Infinity,
  );
  return { plan: best, steps, improved };
}

/**
 * Loadings for a neighbourhood's open rakes, priced at the master LP's duals with every other rake
 * held on its loading (so the duals price what those leave: orders, stock, siding time), over all
 * of a rake's options. Each one added is reported to `added` with its pattern index.
 */
function priceOpen(
  master: Master,
  pr: { p: Prep; patternsPerRake: number },
  open: RakeInfo[],
  added: (pt: Pattern, k: number) => void,
  more: () => boolean,
): void {
  for (let round = 0; round < PRICE_ROUNDS && more(); round++) {
    if (master.solveLp(2) === null) break;
    const pi = master.lpDuals;
    const duals = master.view(pi, false);
    let n = master.priceTrucks(pi);
    for (const ri of open) {
      for (const pt of priceRake(pr.p, ri, duals, pr.patternsPerRake).patterns) {
        if (master.reducedCost(pt, pi) < -1e-3 && master.addPattern(pt)) {
          added(pt, master.patterns.length - 1);
          n++;
        }
      }
    }
    if (!n) break;
  }
}
