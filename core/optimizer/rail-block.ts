import type { UnservedFigures, UnservedReasonCode } from '../domain/plan';
import type { Move } from './moves';
import { earliestFullStart, partialSlot, PlanState } from './plan-state';
import { handlingRate, isoAt, lateDays, latenessRate, unservedTonneCost, type Order } from './prep';
import { rupeesPerT, tonnes } from '../domain/figures';

/** A rule that blocks a mode, in words, with the figures of its busy and idle rakes where it names them. */
export interface Block {
  code: UnservedReasonCode;
  text: string;
  rakesBusy?: UnservedFigures['rakesBusy'];
  idleRakes?: UnservedFigures['idleRakes'];
}

/** Which rule keeps rail from these tonnes when no rail option exists. */
export function railBlock(
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
