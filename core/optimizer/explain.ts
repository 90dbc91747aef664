import type { Draft, DraftRake } from './draft';
import type { UnservedFigures, UnservedReasonCode } from '../domain/plan';
import { fillMove, roadMove, type Move } from './moves';
import { PlanState, rakeCost } from './plan-state';
import {
  dayDate,
  deferredFreightRate,
  key,
  railAllowed,
  roadAllowed,
  unservedRate,
  unservedTonneCost,
  type Order,
  type Prep,
} from './prep';
import { lineTonnes } from './draft';
import { railBlock, type Block } from './rail-block';
import { destRakeMoves, destsOf, rakeMoves, twoPointMoves } from './rake-options';
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
 * loading for its destination, or a whole rake on a rake left idle (moves.ts and rake-moves.ts
 * price each, with every rule checked) — set against what leaving them costs (penalty + deferred
 * freight). When no way is allowed, the rule that blocks each mode is named.
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

function railText(r: NonNullable<UnservedFigures['cheapestRail']>, o: Order): string {
  return r.how === 'fill'
    ? `the idle wagons of rake ${r.rakeId} (${tonnes(r.tonnes)}) at ${rupeesPerT(r.rsPerT)} with its lateness and longer loading`
    : `a whole rake ${r.rakeId} to ${o.destination} with ${tonnes(r.tonnes)} of its unserved demand at ${rupeesPerT(r.rsPerT)} (freight on the full rake, handling, lateness, demurrage) against ${rupeesPerT(r.leaveRsPerT)} for leaving those tonnes`;
}

const tonnesOf = (r: DraftRake, id: string) =>
  r.lines.filter((l) => l.orderId === id).reduce((a, l) => a + lineTonnes(l), 0);
export const r2 = (x: number) => Math.round(x * 100) / 100;
export const r3 = (x: number) => Math.round(x * 1000) / 1000;

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
