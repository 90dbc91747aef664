import type { Draft, DraftRake } from './draft';
import type { IdleRake, UnservedFigures, UnservedReasonCode } from '../domain/plan';
import { fillMove, MIN_SAVING_RS, rakeMove, roadMove, secondDestMove, type Move } from './moves';
import { idleRakeOptions, twoPointCandidates, unservedByDest, type IdleRakeOption } from './open-tonnes';
import { earliestFullStart, partialSlot, PlanState, rakeCost } from './plan-state';
import {
  dayDate,
  deferredFreightRate,
  handlingRate,
  isoAt,
  key,
  lateDays,
  latenessRate,
  railAllowed,
  roadAllowed,
  unservedRate,
  unservedTonneCost,
  type Order,
  type Prep,
} from './prep';
import { lineTonnes } from './draft';
import { rupees, rupeesPerT, tonnes } from '../domain/figures';

/** A reason with the figures that prove it. */
export interface Explained {
  reasonCode: UnservedReasonCode;
  reason: string;
  figures?: UnservedFigures;
}

/** Reason codes that mean "not enough stock" (production hints count these tonnes). */
export const STOCK_REASON_CODES: ReadonlySet<UnservedReasonCode> = new Set([
  'no-inventory',
  'stock-used-up',
  'unsplittable-short-stock',
]);

/**
 * Why an order's remaining tonnes were not shipped, derived from a computation on the plan as it
 * stands: first the blocks no plan could get round (no stock, the order cut at a deadline), then
 * the cheapest way to serve the tonnes now — a road lot, its idle wagons on a rake already
 * loading for its destination, or a whole rake on a rake left idle (moves.ts prices each, with
 * every rule checked) — set against what leaving them costs (penalty + deferred freight). When no
 * way is allowed, the rule that blocks each mode is named.
 */
export function explainUnserved(p: Prep, o: Order, draft: Draft): Explained {
  return unservedExplainer(p, draft)(o);
}

/**
 * `explainUnserved` for many orders of one draft: the plan's use of stock, road and sidings is
 * tallied once; whole-rake options are priced once per destination.
 */
export function unservedExplainer(p: Prep, draft: Draft, state?: PlanState): (o: Order) => Explained {
  const st = state ?? new PlanState(p, draft);
  const holdersOf = memo((product: string) =>
    [...p.stockyards.keys()].filter((y) => (p.stock.get(key(y, product)) ?? 0) > 1e-6),
  );
  const rakeOptions = (dest: string) => rakeMoves(st, dest);
  // Stockyard-days with both truck capacity and stock of a product left (a flooded plant has few).
  const roadDays = memo((product: string) =>
    [...p.stockyards.keys()].flatMap((y) =>
      st.stock(y, product) > 1e-6
        ? [...Array(p.sc.horizon.days).keys()].filter((d) => st.roadCapLeft(y, d) > 1e-6).map((d) => [y, d] as const)
        : [],
    ),
  );
  const rakesByDest = new Map<string, number[]>();
  const fixed = new Set(p.closures?.fixedRakes);
  for (const r of st.rakes.values()) {
    if (fixed.has(p.rakes[r.rakeIdx]!.rake.id)) continue;
    for (const d of new Set(r.lines.map((l) => p.orderById.get(l.orderId)!.destination)))
      rakesByDest.set(d, [...(rakesByDest.get(d) ?? []), r.rakeIdx]);
  }

  return (o: Order): Explained => {
    const product = p.products.get(o.product);
    const dest = p.dests.get(o.destination);
    const pname = product ? `${product.name} (${o.product})` : o.product;
    if (!product)
      return { reasonCode: 'unknown-product', reason: `product ${o.product} is not in the plant's product list` };
    if (!dest)
      return {
        reasonCode: 'unknown-destination',
        reason: `destination ${o.destination} is not in the plant's destination list`,
      };
    const holders = holdersOf(o.product);
    if (holders.length === 0)
      return { reasonCode: 'no-inventory', reason: `no inventory of ${pname} at any stockyard` };
    if (draft.cut?.orders.has(o.id)) return { reasonCode: 'not-reached', reason: draft.cut.reason };
    const u = st.unserved(o);
    const left = holders.reduce((a, y) => a + Math.max(0, st.stock(y, o.product)), 0);
    const total = holders.reduce((a, y) => a + (p.stock.get(key(y, o.product)) ?? 0), 0);
    const stockFig = { stockLeftT: r3(left) };
    if (left < Math.min(1, u))
      return {
        reasonCode: 'stock-used-up',
        reason: `stock of ${pname} (${tonnes(total)} usable) is used up by other orders`,
        figures: stockFig,
      };
    if (!o.splittable && left < o.quantityT - 1e-6) {
      return {
        reasonCode: 'unsplittable-short-stock',
        reason: `order may not be split and only ${tonnes(left)} of ${pname} is left in stock`,
        figures: stockFig,
      };
    }

    const leave = unservedTonneCost(p, o);
    const figures: UnservedFigures = {
      leaveRsPerT: r2(leave),
      penaltyRsPerT: unservedRate(p, o.priority),
      deferredFreightRsPerT: r2(deferredFreightRate(p, o)),
      stockLeftT: r3(left),
    };
    const blocks: Block[] = [];

    // Rail: idle wagons of rakes already loading for this destination, or a whole rake left idle.
    if (railAllowed(o)) {
      let best: { m: Move; perT: number; leavePerT: number; t: number; how: 'fill' | 'rake' } | null = null;
      for (const r of rakesByDest.get(o.destination) ?? []) {
        const m = fillMove(st, r, o);
        if (!m) continue;
        const next = m.rakes[0]!.next!;
        const t = tonnesOf(next, o.id) - tonnesOf(st.rakes.get(r)!, o.id);
        const perT = (rakeCost(p, next) - rakeCost(p, st.rakes.get(r)!)) / t;
        if (!best || perT - leave < best.perT - best.leavePerT) best = { m, perT, leavePerT: leave, t, how: 'fill' };
      }
      // The best whole rake (most saving) among those that would carry this order; where the
      // destination's best rakes give the stock to orders that cost more to leave, a rake for this
      // order alone prices what rail would cost it.
      const carries = (m: Move) => m.rakes[0]!.next!.lines.some((l) => l.orderId === o.id);
      const bySaving = (a: Move, b: Move) => b.savingRs - a.savingRs;
      const rk =
        rakeOptions(o.destination).filter(carries).sort(bySaving)[0] ??
        (best ? undefined : destRakeMoves(st, o.destination, [o]).sort(bySaving)[0]);
      if (rk) {
        const next = rk.rakes[0]!.next!;
        const t = next.lines.reduce((a, l) => a + lineTonnes(l), 0);
        const perT = rakeCost(p, next) / t;
        const leavePerT =
          next.lines.reduce((a, l) => a + lineTonnes(l) * unservedTonneCost(p, p.orderById.get(l.orderId)!), 0) / t;
        if (!best || perT - leavePerT < best.perT - best.leavePerT) best = { m: rk, perT, leavePerT, t, how: 'rake' };
      }
      // Two-point rakes carrying them (a second destination on the corridor): none may pay.
      const paying = twoPointMoves(st, o.destination).find((m) =>
        m.rakes[0]!.next!.lines.some((l) => l.orderId === o.id),
      );
      if (paying) {
        const next = paying.rakes[0]!.next!;
        return {
          reasonCode: 'cheaper-option-left',
          reason: `not shipped although rake ${p.rakes[next.rakeIdx]!.rake.id} could carry them with ${destsOf(p, next).join(' and ')} (a two-point rake from ${next.lp}) and save ${rupees(paying.savingRs)}`,
          figures,
        };
      }
      if (best) {
        const rake = p.rakes[best.m.rakes[0]!.rakeIdx]!.rake.id;
        figures.cheapestRail = {
          how: best.how,
          rakeId: rake,
          tonnes: r3(best.t),
          rsPerT: r2(best.perT),
          leaveRsPerT: r2(best.leavePerT),
        };
      } else {
        const b = railBlock(st, o, pname, holders, rakesByDest.get(o.destination) ?? [], rakeOptions(o.destination));
        blocks.push(b);
      }
    }
    // Road: the cheapest lot a stockyard with stock and truck capacity left could send on some day.
    if (o.modes !== 'rail') {
      if (!dest.roadPossible) blocks.push({ code: 'no-road', text: `${dest.code} cannot be reached by road` });
      else if (roadAllowed(p, o)) {
        let best: { y: string; d: number; t: number; perT: number } | null = null;
        for (const [y, d] of roadDays(o.product)) {
          const m = roadMove(st, o, y, d);
          if (!m) continue;
          const perT = leave - m.savingRs / m.road![0]!.tonnes;
          if (!best || perT < best.perT) best = { y, d, t: m.road![0]!.tonnes, perT };
        }
        if (best)
          figures.cheapestRoad = {
            stockyard: best.y,
            date: dayDate(p, best.d),
            tonnes: r3(best.t),
            rsPerT: r2(best.perT),
          };
        else {
          const withStock = holders.filter((y) => st.stock(y, o.product) > 1e-6);
          const capDays = withStock.filter((y) =>
            [...Array(p.sc.horizon.days).keys()].some((d) => st.roadCapLeft(y, d) > 1e-6),
          );
          if (capDays.length === 0)
            blocks.push({
              code: 'road-capacity-used',
              text: `road capacity at ${withStock.join(', ')} (the stockyards with ${pname} left) is used up on every day of the horizon`,
            });
          else
            blocks.push({
              code: 'unsplittable-no-road-lot',
              text: `order may not be split and no stockyard has both ${tonnes(o.quantityT)} of road capacity left on one day and ${tonnes(o.quantityT)} of ${pname}`,
            });
        }
      }
    }

    const options = [
      ...(figures.cheapestRail
        ? [
            {
              mode: 'rail',
              perT: figures.cheapestRail.rsPerT,
              leavePerT: figures.cheapestRail.leaveRsPerT,
              text: railText(figures.cheapestRail, o),
            },
          ]
        : []),
      ...(figures.cheapestRoad
        ? [
            {
              mode: 'road',
              perT: figures.cheapestRoad.rsPerT,
              leavePerT: leave,
              text: `road from ${figures.cheapestRoad.stockyard} on ${figures.cheapestRoad.date} (${tonnes(figures.cheapestRoad.tonnes)}) at ${rupeesPerT(figures.cheapestRoad.rsPerT)} with lateness`,
            },
          ]
        : []),
    ];
    if (blocks.length) {
      figures.blocks = blocks.map((b) => b.code);
      const busy = blocks.find((b) => b.rakesBusy)?.rakesBusy;
      if (busy) figures.rakesBusy = busy;
      const idle = blocks.find((b) => b.idleRakes !== undefined)?.idleRakes;
      if (idle !== undefined) figures.idleRakes = idle;
    }
    if (options.length === 0) {
      const first = blocks[0] ?? { code: 'not-shipped' as const, text: 'not shipped' };
      return { reasonCode: first.code, reason: blocks.map((b) => b.text).join('; ') || first.text, figures };
    }
    const leaveText = `leaving them (penalty ${rupeesPerT(unservedRate(p, o.priority))} + deferred freight ${rupeesPerT(deferredFreightRate(p, o))} = ${rupeesPerT(leave)})`;
    const cheaper = options.filter((x) => x.perT < x.leavePerT - 1e-6);
    if (cheaper.length) {
      // Only a plan that skipped the final pass (or stopped it at the time limit) can get here.
      return {
        reasonCode: 'cheaper-option-left',
        reason: `not shipped although ${cheaper.map((x) => x.text).join(' or ')} would cost less than ${leaveText}`,
        figures,
      };
    }
    const blockText = blocks.length ? `; ${blocks.map((b) => b.text).join('; ')}` : '';
    return {
      reasonCode: 'dearer-than-leaving',
      reason: `the cheapest way to ship them now — ${options.map((x) => x.text).join('; or ')} — costs more than ${leaveText}${railAllowed(o) ? `; no two-point rake carrying them with another ${dest.corridor} destination saves money` : ''}${blockText}`,
      figures,
    };
  };
}

/** A rule that blocks a mode, in words, with the figures of its busy and idle rakes where it names them. */
interface Block {
  code: UnservedReasonCode;
  text: string;
  rakesBusy?: UnservedFigures['rakesBusy'];
  idleRakes?: UnservedFigures['idleRakes'];
}

function railText(r: NonNullable<UnservedFigures['cheapestRail']>, o: Order): string {
  return r.how === 'fill'
    ? `the idle wagons of rake ${r.rakeId} (${tonnes(r.tonnes)}) at ${rupeesPerT(r.rsPerT)} with its lateness and longer loading`
    : `a whole rake ${r.rakeId} to ${o.destination} with ${tonnes(r.tonnes)} of its unserved demand at ${rupeesPerT(r.rsPerT)} (freight on the full rake, handling, lateness, demurrage) against ${rupeesPerT(r.leaveRsPerT)} for leaving those tonnes`;
}

const tonnesOf = (r: DraftRake, id: string) =>
  r.lines.filter((l) => l.orderId === id).reduce((a, l) => a + lineTonnes(l), 0);
const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const rakeMovesCache = new WeakMap<PlanState, Map<string, Move[]>>();
/**
 * Every whole-rake move on an idle rake for one destination's unserved orders, once per plan
 * state: the unserved tonnes' reasons and the idle rakes' both read them, and on a starved plan
 * (a third of the rakes idle) they are most of its pricing.
 */
function rakeMoves(st: PlanState, dest: string): Move[] {
  let byDest = rakeMovesCache.get(st);
  if (!byDest) rakeMovesCache.set(st, (byDest = new Map()));
  let out = byDest.get(dest);
  if (!out) {
    const orders = st.p.orders.filter((o) => o.destination === dest && st.unserved(o) > 1e-6);
    byDest.set(dest, (out = destRakeMoves(st, dest, orders)));
  }
  return out;
}

/**
 * Every whole-rake move for a destination's unserved `orders`, over every idle rake and siding. A
 * rake and siding are priced only when some unserved order there is one its wagons carry and the
 * siding's stockyards hold (explaining a large plan prices thousands of pairs otherwise).
 */
function destRakeMoves(st: PlanState, dest: string, orders: readonly Order[]): Move[] {
  const out: Move[] = [];
  const open = orders.filter((o) => railAllowed(o) && st.unserved(o) > 1e-6);
  if (open.length === 0) return out;
  const lpHolds = lpProducts(st);
  for (let r = 0; r < st.p.rakes.length; r++) {
    if (st.rakes.has(r)) continue;
    const wt = st.p.rakes[r]!.rake.wagonType;
    const products = new Set(
      open.filter((o) => st.p.products.get(o.product)?.wagonTypes.includes(wt)).map((o) => o.product),
    );
    if (products.size === 0) continue;
    for (const lp of st.p.lps.values()) {
      const held = lpHolds.get(lp.code)!;
      if (!lp.wagonTypes.includes(wt) || ![...products].some((x) => held.has(x))) continue;
      const m = rakeMove(st, r, lp.code, dest, open);
      if (m) out.push(m);
    }
  }
  return out;
}

const twoPointCache = new WeakMap<PlanState, Map<string, Move[]>>();
/**
 * The two-point moves that save money, by each destination they serve, once per plan state: a
 * destination's unserved orders as the second in the idle wagons of a rake loading for another on
 * its corridor, or two destinations' on an idle rake (either first). Whole rakes are priced only
 * where the final pass's bound (open-tonnes.ts twoPointCandidates) says they may pay.
 */
function twoPointMoves(st: PlanState, dest: string): Move[] {
  let byDest = twoPointCache.get(st);
  if (!byDest) {
    const out = new Map<string, Move[]>();
    twoPointCache.set(st, out);
    const add = (m: Move | null) => {
      if (!m || m.savingRs < MIN_SAVING_RS) return;
      for (const d of destsOf(st.p, m.rakes[0]!.next!)) out.set(d, [...(out.get(d) ?? []), m]);
    };
    const p = st.p;
    const unserved = unservedOrdersByDest(st);
    for (const [r, rk] of st.rakes) {
      const [only, other] = destsOf(p, rk);
      if (other !== undefined) continue;
      for (const [d, orders] of unserved)
        if (d !== only && p.dests.get(d)!.corridor === p.dests.get(only!)!.corridor)
          add(secondDestMove(st, r, d, orders));
    }
    for (const { r, lp, open } of idleOptionsOf(st))
      for (const [a, b] of twoPointCandidates(p, open))
        add(rakeMove(st, r, lp, a.dest, a.orders, { dest: b.dest, candidates: b.orders }));
    byDest = out;
  }
  return byDest.get(dest) ?? [];
}

const unservedCache = new WeakMap<PlanState, Map<string, Order[]>>();
const unservedOrdersByDest = (st: PlanState) => {
  let m = unservedCache.get(st);
  if (!m) unservedCache.set(st, (m = unservedByDest(st)));
  return m;
};

const idleOptionsCache = new WeakMap<PlanState, IdleRakeOption[]>();
/** Idle rakes, their sidings and open destinations (open-tonnes.ts idleRakeOptions), once per plan state. */
const idleOptionsOf = (st: PlanState) => {
  let m = idleOptionsCache.get(st);
  if (!m) idleOptionsCache.set(st, (m = [...idleRakeOptions(st, unservedOrdersByDest(st))]));
  return m;
};

/** A loading's destinations, in the order of its lines. */
const destsOf = (p: Prep, r: DraftRake) => [...new Set(r.lines.map((l) => p.orderById.get(l.orderId)!.destination))];

const lpProductsCache = new WeakMap<PlanState, Map<string, Set<string>>>();
/** Products with stock left at some stockyard each siding serves. */
function lpProducts(st: PlanState): Map<string, Set<string>> {
  let m = lpProductsCache.get(st);
  if (!m) {
    m = new Map();
    for (const lp of st.p.lps.values())
      m.set(
        lp.code,
        new Set([...st.p.products.keys()].filter((x) => lp.stockyards.some((y) => st.stock(y, x) > 1e-6))),
      );
    lpProductsCache.set(st, m);
  }
  return m;
}

/** Which rule keeps rail from these tonnes when no rail option exists. */
function railBlock(
  st: PlanState,
  o: Order,
  pname: string,
  holders: string[],
  destRakes: number[],
  destMoves: Move[],
): Block {
  const p = st.p;
  const types = p.products.get(o.product)!.wagonTypes;
  const tl = types.join('/');
  const rakes = p.rakes.map((r, i) => ({ r, i })).filter(({ r }) => types.includes(r.rake.wagonType));
  if (rakes.length === 0) return { code: 'no-compatible-rake', text: `no ${tl} rake placed in the horizon` };
  const withStock = holders.filter((y) => st.stock(y, o.product) > 1e-6);
  const reachAt = (wt: string) =>
    [...p.lps.values()].filter((lp) => lp.wagonTypes.includes(wt) && lp.stockyards.some((y) => withStock.includes(y)));
  const reachable = rakes.filter(({ r }) => reachAt(r.rake.wagonType).length > 0);
  if (reachable.length === 0)
    return {
      code: 'no-reachable-stock',
      text: `no loading point handles ${tl} wagons and serves a stockyard with ${pname} left (${withStock.join(', ') || 'none'})`,
    };
  if (!o.splittable && Math.max(...rakes.map(({ r }) => r.capT)) < o.quantityT)
    return {
      code: 'too-big-for-rake',
      text: `order may not be split and ${tonnes(o.quantityT)} exceeds every ${tl} rake's capacity`,
    };
  const busy = reachable.filter(({ i }) => st.rakes.has(i));
  const serving = busy.filter(({ i }) => destRakes.includes(i));
  const busyText = busy.length
    ? `${busy.length} compatible ${tl} rakes carry other loads (${serving.length ? `the ${serving.length} loading for ${o.destination} have no idle wagons it fits at their sidings' stock, or a longer loading would break a siding rule` : `none loads for ${o.destination}`})`
    : '';
  // The busy rakes' clause opens the later blocks' texts too: its figures go with each.
  const rakesBusy = busy.length
    ? { compatible: busy.length, wagonTypes: types, loadingForDestination: serving.length }
    : undefined;
  const idle = reachable.filter(({ i }) => !st.rakes.has(i));
  if (idle.length === 0) return { code: 'rakes-busy', text: busyText, rakesBusy };
  const pre = busyText ? `${busyText}; ` : '';
  // Idle rakes: the earliest full loading each could start at a siding that reaches the stock,
  // else the start that lets it load the most (partialSlot).
  const slots = idle
    .flatMap(({ r, i }) =>
      reachAt(r.rake.wagonType).map((lp) => {
        const full = earliestFullStart(st, i, lp.code);
        const part = full === null ? partialSlot(st, i, lp.code) : null;
        return { r, lp, s: full ?? part?.start ?? null, loadT: part ? part.maxT : r.capT };
      }),
    )
    .filter((x): x is typeof x & { s: number } => x.s !== null);
  if (slots.length === 0)
    return {
      code: 'no-siding-slot',
      text: `${pre}the ${idle.length} idle ${tl} rakes find no slot at a siding reaching ${pname} for a loading of even one wagon (working hours, rakes at once) that ends within the horizon`,
      rakesBusy,
      idleRakes: { count: idle.length, wagonTypes: types },
    };
  // On the earliest of those loadings, is a tonne of this order worth more than its handling and lateness?
  const dest = p.dests.get(o.destination)!;
  const leave = unservedTonneCost(p, o);
  const value = (x: (typeof slots)[number]) => {
    const end = x.s + x.loadT / x.lp.loadingRateTph;
    const late = lateDays(end + dest.railTransitH, p.dueH.get(o.id)!) * latenessRate(p, o.priority);
    return { v: leave - handlingRate(p, x.lp) - late, late, end };
  };
  const best = slots.map((x) => ({ x, ...value(x) })).sort((a, b) => b.v - a.v)[0]!;
  if (best.v <= 0) {
    return {
      code: 'late-costs-more',
      text: `${pre}on the best idle ${tl} rake (${best.x.r.rake.id} at ${best.x.lp.code}, loaded by ${isoAt(p, best.end).slice(0, 16)}) its lateness ${rupeesPerT(best.late)} and handling ${rupeesPerT(handlingRate(p, best.x.lp))} cost more than leaving it (${rupeesPerT(leave)})`,
    };
  }
  // Reached only when no whole rake carrying this order, even alone, keeps the siding and stock rules.
  const full = destMoves.length
    ? `the whole ${tl} rakes for ${o.destination} that can be formed carry other orders, and none with this one keeps its siding's stock and rules`
    : `no whole rake for ${o.destination} can be formed`;
  return { code: 'no-whole-rake', text: `${pre}${full}${!o.splittable ? ' (the order may not be split)' : ''}` };
}

/**
 * Rakes placed in the horizon that the plan leaves idle, each with the reason: the best whole
 * rake it could take (most saving over every siding and destination) and why it costs more than
 * leaving those tonnes, or which rule keeps it idle.
 */
export function explainIdleRakes(p: Prep, draft: Draft, state?: PlanState): IdleRake[] {
  const st = state ?? new PlanState(p, draft);
  const dests = new Set(
    p.orders.filter((o) => st.unserved(o) > 1e-6 && p.dests.has(o.destination)).map((o) => o.destination),
  );
  // Every whole-rake move, once; each idle rake's best is among them.
  const bestOf = new Map<number, Move>();
  for (const dest of dests)
    for (const m of rakeMoves(st, dest)) {
      const r = m.rakes[0]!.rakeIdx;
      if (!bestOf.has(r) || m.savingRs > bestOf.get(r)!.savingRs) bestOf.set(r, m);
    }
  // Two-point loads (two destinations on a corridor), priced only where their bound
  // (open-tonnes.ts twoPointCandidates) could beat the rake's best one-destination load.
  for (const { r, lp, open } of idleOptionsOf(st))
    for (const [a, b] of twoPointCandidates(p, open, bestOf.get(r)?.savingRs ?? -Infinity)) {
      const m = rakeMove(st, r, lp, a.dest, a.orders, { dest: b.dest, candidates: b.orders });
      if (m && m.savingRs > (bestOf.get(r)?.savingRs ?? -Infinity)) bestOf.set(r, m);
    }
  const out: IdleRake[] = [];
  for (const [i, pr] of p.rakes.entries()) {
    if (st.rakes.has(i)) continue;
    const base = { rakeId: pr.rake.id, wagonType: pr.rake.wagonType, placement: pr.rake.expectedPlacement };
    const lps = [...p.lps.values()].filter((lp) => lp.wagonTypes.includes(pr.rake.wagonType));
    if (lps.length === 0) {
      out.push({ ...base, reasonCode: 'no-siding', reason: `no loading point handles ${pr.rake.wagonType} wagons` });
      continue;
    }
    if (lps.every((lp) => earliestFullStart(st, i, lp.code) === null && partialSlot(st, i, lp.code) === null)) {
      out.push({
        ...base,
        reasonCode: 'no-siding-slot',
        reason: `no siding handling ${pr.rake.wagonType} has a slot for a loading of even one wagon (working hours, rakes at once) that ends within the horizon`,
      });
      continue;
    }
    const best = bestOf.get(i);
    if (!best) {
      out.push({
        ...base,
        reasonCode: 'no-demand',
        reason: `no unserved order its ${pr.rake.wagonType} wagons may carry has stock at a stockyard its sidings serve, with a delivery worth more than its handling and lateness`,
      });
      continue;
    }
    const next = best.rakes[0]!.next!;
    const t = next.lines.reduce((a, l) => a + lineTonnes(l), 0);
    const cost = rakeCost(p, next);
    const [dest, second] = destsOf(p, next);
    const to = second ? `${dest} and ${second} (a two-point rake)` : dest;
    out.push({
      ...base,
      reasonCode: best.savingRs < 0 ? 'dearer-than-leaving' : 'cheaper-option-left',
      reason:
        best.savingRs < 0
          ? `its best load, ${tonnes(t)} to ${to} from ${next.lp}, would cost ${rupees(cost)} (freight on the full rake of ${tonnes(pr.capT)}) against ${rupees(cost + best.savingRs)} for leaving those tonnes`
          : `it could take ${tonnes(t)} to ${to} from ${next.lp} for ${rupees(cost)}, less than the ${rupees(cost + best.savingRs)} of leaving them: the plan was not improved to the end`,
      figures: {
        destination: dest!,
        ...(second ? { secondDestination: second } : {}),
        loadingPoint: next.lp,
        tonnes: r3(t),
        rakeCostRs: r2(cost),
        leaveRs: r2(cost + best.savingRs),
      },
    });
  }
  return out;
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const cache = new Map<string, T>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) {
      v = f(k);
      cache.set(k, v);
    }
    return v as T;
  };
}
