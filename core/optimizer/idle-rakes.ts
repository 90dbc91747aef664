import { lineTonnes, type Draft } from './draft';
import type { IdleRake } from '../domain/plan';
import { r2, r3 } from './explain';
import type { Move } from './moves';
import { twoPointCandidates } from './open-tonnes';
import { earliestFullStart, partialSlot, PlanState, rakeCost } from './plan-state';
import type { Prep } from './prep';
import { rakeMove } from './rake-moves';
import { destsOf, idleOptionsOf, rakeMoves } from './rake-options';
import { rupees, tonnes } from '../domain/figures';

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
