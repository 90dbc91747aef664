import type { Violation } from '../checker/check';
import type { Plan } from '../domain/plan';
import type { StabilityInfo } from '../domain/plan-loop';
import type { KeptDecisions } from '../optimizer/locks';
import { roadKey } from '../optimizer/plan-draft';
import { DisruptionError } from './disruptions';

/** Violations named when no candidate passes: enough to act on, few enough to read in one message. */
const SHOWN = 3;

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
 * which the re-plan may not change and the planner can.
 */
export function noCandidatePassed(
  judged: readonly JudgedCandidate[],
  kept: KeptDecisions,
  lockedOrders: readonly string[],
): DisruptionError {
  const closest = judged.reduce((a, b) => (b.violations.length < a.violations.length ? b : a));
  const vs = closest.violations;
  const more = vs.length > SHOWN ? ` and ${vs.length - SHOWN} more` : '';
  const text = vs.map((v) => `${v.where}: ${v.message}`).join('\n');
  const causes = keptCauses(kept, new Set(lockedOrders)).filter((c) => c.ids.some((id) => mentions(text, id)));
  const cause = causes.length
    ? `. Likely cause, kept as it is by the re-plan: ${causes.map((c) => c.what).join('; ')}` +
      (causes.some((c) => c.locked) ? ` — unlock ${causes.length === 1 ? 'it' : 'them'} first` : '')
    : '';
  return new DisruptionError(
    `no re-planned candidate passes the checker; the closest (${closest.candidate}) breaks ` +
      vs
        .slice(0, SHOWN)
        .map((v) => `rule ${v.rule} — ${v.where}: ${v.message}`)
        .join('; ') +
      more +
      cause,
  );
}

/** Each kept decision, the ids a violation names it by (itself and the orders it carries), and why it is kept. */
function keptCauses(
  kept: KeptDecisions,
  lockedOrders: Set<string>,
): Array<{ what: string; ids: string[]; locked: boolean }> {
  const why = (locked: boolean | undefined, orders: string[]) => {
    if (locked) return `is locked (it carries ${orders.join(', ')})`;
    const o = orders.find((x) => lockedOrders.has(x));
    return o ? `carries order ${o}, which is locked` : null;
  };
  return [
    ...kept.rakes.map((r) => {
      const orders = r.lines.map((l) => l.order);
      const reason = why(r.locked, orders);
      return {
        what: `rake ${r.rakeId} ${reason ?? 'started loading before now'}`,
        ids: [r.rakeId, ...orders],
        locked: !!reason,
      };
    }),
    ...kept.road.map((r) => {
      const reason = why(r.locked, [r.order]);
      return {
        what: `road lot ${roadKey(r)} ${reason ?? 'left before now'}`,
        ids: [r.order, `${r.stockyard} ${r.date}`],
        locked: !!reason,
      };
    }),
  ];
}

/** Whether `text` names `id` whole (RK-1 is not named by RK-10). */
function mentions(text: string, id: string): boolean {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${esc}(?![\\w-])`).test(text);
}
