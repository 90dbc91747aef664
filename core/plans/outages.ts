import type { Violation } from '../checker/check';
import type { Plan } from '../domain/plan';
import type { SidingOutage } from '../domain/plan-loop';

/**
 * Each loading inside a siding outage, as a rule-5 violation (where and when a rake may load).
 * The checker verifies the scenario's rules and knows nothing of outages: the re-planner refuses
 * its candidates by this, and an edited plan's verdict carries it.
 */
export function outageViolations(plan: Pick<Plan, 'rakes'>, outages: readonly SidingOutage[]): Violation[] {
  const out: Violation[] = [];
  for (const r of plan.rakes)
    for (const o of outages)
      if (
        o.loadingPoint === r.loadingPoint &&
        Date.parse(o.from) < Date.parse(r.loadingEnd) &&
        Date.parse(o.to) > Date.parse(r.loadingStart)
      )
        out.push({
          rule: 5,
          where: `rake ${r.rakeId}`,
          message: `loads at ${r.loadingPoint} from ${r.loadingStart} to ${r.loadingEnd}, inside its outage from ${o.from} to ${o.to}`,
        });
  return out;
}
