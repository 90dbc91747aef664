import { checkPlan, type Violation } from '../checker/check';
import type { PlanCheckResult } from '../contract/api/plans';
import type { Plan } from '../domain/plan';
import { at, violation } from '../domain/violations';
import type { Scenario } from '../domain/scenario';
import type { PlanChange, SidingOutage } from '../domain/plan-loop';
import { roadKey } from '../optimizer/plan-draft';

/**
 * Each loading inside a siding outage, as a rule-5 violation (where and when a rake may load).
 * The checker verifies the scenario's rules, and outages are the plan's, not the scenario's: the
 * re-planner refuses its candidates by this, and `checkWithOutages` adds it to every other check.
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
        out.push(
          violation(5, at.rake(r.rakeId), 'loads-in-outage', {
            loadingPoint: r.loadingPoint,
            start: r.loadingStart,
            end: r.loadingEnd,
            from: o.from,
            to: o.to,
          }),
        );
  return out;
}

/**
 * The checker's verdict on a plan with the siding outages it carries: what an edit's verdict, the
 * check of a saved plan and the refusal to issue one all read. `scenario` is the one the plan obeys.
 */
export function checkWithOutages(scenario: Scenario, plan: Plan): PlanCheckResult {
  const res = checkPlan(scenario, plan);
  // A plan whose lists cannot be walked (a hand-edited file) has the checker's shape findings only.
  const violations = [...res.violations, ...(res.malformed ? [] : outageViolations(plan, plan.outages ?? []))];
  return { ok: violations.length === 0, violations, recomputedTotalCost: res.recomputed.totalCost };
}

/**
 * The outages a re-plan obeys: its base's own that have not ended by `sinceIso` (an outage is
 * physical, and holds through every version descended from the plan that met it), then the new
 * ones, each once.
 */
export function carriedOutages(
  base: readonly SidingOutage[],
  added: readonly SidingOutage[],
  sinceIso: string,
): SidingOutage[] {
  const since = Date.parse(sinceIso);
  const out: SidingOutage[] = [];
  const seen = new Set<string>();
  for (const o of [...base.filter((x) => Date.parse(x.to) > since), ...added]) {
    const k = `${o.loadingPoint}|${Date.parse(o.from)}|${Date.parse(o.to)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(o);
  }
  return out;
}

/**
 * Each decision a re-plan made or changed that happens before "now": a rake starting to load
 * (rule 5) or a truck lot leaving (rule 6) in the past. `changes` is the re-plan against its base
 * (replan.ts diffPlans); kept decisions are not among them.
 */
export function nowViolations(
  plan: Pick<Plan, 'rakes' | 'road'>,
  changes: readonly PlanChange[],
  nowIso: string,
): Violation[] {
  const now = Date.parse(nowIso);
  const out: Violation[] = [];
  const rakes = new Map(plan.rakes.map((r) => [r.rakeId, r]));
  const road = new Map(plan.road.map((r) => [roadKey(r), r]));
  for (const c of changes) {
    if (c.change === 'removed') continue;
    if (c.kind === 'rake') {
      const r = rakes.get(c.id);
      if (r && Date.parse(r.loadingStart) < now)
        out.push(
          violation(5, at.rake(c.id), 'rake-before-now', { change: c.change, start: r.loadingStart, now: nowIso }),
        );
    } else {
      const r = road.get(c.id);
      if (r && Date.parse(r.dispatch) < now)
        out.push(
          violation(6, [{ kind: 'roadLot', id: c.id }], 'lot-before-now', {
            change: c.change,
            dispatch: r.dispatch,
            now: nowIso,
          }),
        );
    }
  }
  return out;
}
