import type { Violation } from '../checker/check';
import type { Plan } from '../domain/plan';
import { namedViolations } from '../domain/violations';
import type { StabilityInfo } from '../domain/plan-loop';
import type { KeptDecisions } from '../optimizer/locks';
import { roadKey } from '../optimizer/plan-draft';
import { DisruptionError } from './disruptions';
import { reasonText, type ErrorReason } from '../contract/refusals';

/** A re-planned candidate with its verdict: the checker's violations and those of the outages. */
export interface JudgedCandidate {
  candidate: StabilityInfo['candidate'];
  plan: Plan;
  violations: Violation[];
}

/**
 * The yardstick of what stability costs: the cheapest plan known of the disrupted scenario. A
 * candidate that passed is a plan of that scenario too (its kept decisions are ones the scenario
 * allows), so the scenario's optimum costs no more than any candidate. A fresh solve dearer than
 * one, cut short by its time limit, is no such optimum: the candidate stands in, and the fresh
 * solve's own cost is kept to say so.
 */
export function stabilityYardstick(
  freshSolveCost: number,
  passed: readonly JudgedCandidate[],
): Pick<StabilityInfo, 'freshCost' | 'freshSolveCost'> {
  const cheapest = Math.min(freshSolveCost, ...passed.map((c) => c.plan.summary.totalCost));
  return cheapest < freshSolveCost ? { freshCost: cheapest, freshSolveCost } : { freshCost: freshSolveCost };
}

/**
 * Why no re-plan can be returned: the violations of the candidate closest to passing, and the kept
 * decisions they involve (a locked rake over-delivering an order the scenario has since reduced),
 * which the re-plan may not change and the planner can. The refusal carries them as data too.
 */
export function noCandidatePassed(
  judged: readonly JudgedCandidate[],
  kept: KeptDecisions,
  lockedOrders: readonly string[],
): DisruptionError {
  const closest = judged.reduce((a, b) => (b.violations.length < a.violations.length ? b : a));
  const vs = closest.violations;
  const { shown, more, text } = namedViolations(vs);
  // The ids each violation names: its place's, and those among its figures (a stockyard, the
  // rakes a siding holds, each a list's item whole, since an id may hold a comma).
  const named = new Set(
    vs.flatMap((v) => [
      ...v.at.map((p) => p.id),
      ...Object.values(v.params).flatMap((x) => (typeof x === 'number' ? [] : x)),
    ]),
  );
  const causes = keptCauses(kept, new Set(lockedOrders)).filter((c) => c.ids.some((id) => named.has(id)));
  const cause = causes.length
    ? `. Likely cause, kept as it is by the re-plan: ${causes.map((c) => reasonText(c.reason)).join('; ')}` +
      (causes.some((c) => c.locked) ? ` — unlock ${causes.length === 1 ? 'it' : 'them'} first` : '')
    : '';
  const reason: ErrorReason = {
    code: 'replan-no-candidate',
    params: { candidate: closest.candidate, more },
  };
  return new DisruptionError(`${reasonText(reason)} ${text}${cause}`, {
    reason,
    violations: shown,
    ...(causes.length ? { causes: causes.map((c) => c.reason) } : {}),
  });
}

/** Each kept decision, the ids a violation names it by (itself and the orders it carries), and why it is kept. */
function keptCauses(
  kept: KeptDecisions,
  lockedOrders: Set<string>,
): Array<{ reason: ErrorReason; ids: string[]; locked: boolean }> {
  const lockedOrder = (orders: string[]) => orders.find((x) => lockedOrders.has(x));
  return [
    ...kept.rakes.map((r) => {
      const orders = r.lines.map((l) => l.order);
      const order = lockedOrder(orders);
      const reason: ErrorReason = r.locked
        ? { code: 'kept-rake-locked', params: { rake: r.rakeId, orders } }
        : order
          ? { code: 'kept-rake-locked-order', params: { rake: r.rakeId, order } }
          : { code: 'kept-rake-started', params: { rake: r.rakeId } };
      return { reason, ids: [r.rakeId, ...orders], locked: reason.code !== 'kept-rake-started' };
    }),
    ...kept.road.map((r) => {
      const lot = roadKey(r);
      const order = lockedOrder([r.order]);
      const reason: ErrorReason = r.locked
        ? { code: 'kept-lot-locked', params: { lot, orders: [r.order] } }
        : order
          ? { code: 'kept-lot-locked-order', params: { lot, order } }
          : { code: 'kept-lot-left', params: { lot } };
      return { reason, ids: [r.order, `${r.stockyard} ${r.date}`], locked: reason.code !== 'kept-lot-left' };
    }),
  ];
}
