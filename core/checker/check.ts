import type { Scenario } from '../domain/scenario';
// Only the plan's TYPES are shared with the optimizer (core/domain/plan.ts): every rule and cost
// is re-derived in this checker, so a bug in the model builder cannot hide in shared code.
import type { Plan } from '../domain/plan';
import { checkFigures } from './figures';
import { shapeProblems } from './shape';
import { violation, type Violation } from '../domain/violations';
import { context } from './context';
import { checkRake, checkSidingCapacity } from './rakes';
import { checkInventory, checkOrders, checkRoad, checkTotals } from './balances';

export type { Violation } from '../domain/violations';

export interface CheckResult {
  ok: boolean;
  violations: Violation[];
  /** Costs as recomputed by the checker [₹]. */
  recomputed: Record<string, number> & { totalCost: number };
  /** Its lists could not be walked (a hand-edited file): the violations are the shape's only. */
  malformed?: true;
}

/** Re-verify every rule (docs/plan-format.md, Rules) for `plan` against `scenario`; never throws on a bad plan. */
export function checkPlan(sc: Scenario, plan: Plan): CheckResult {
  const v: Violation[] = [];
  const shape = shapeProblems(plan);
  if (shape.length)
    return {
      ok: false,
      violations: shape.map((p) => violation(0, p.at, p.code)),
      recomputed: { totalCost: NaN },
      malformed: true,
    };
  const x = context(sc, (rule, where, code, params) => v.push(violation(rule, where, code, params)));
  const seenRakes = new Set<string>();
  for (const pr of plan.rakes) checkRake(x, pr, seenRakes);
  checkSidingCapacity(x);
  checkRoad(x, plan);
  checkInventory(x);
  checkOrders(x, plan);
  const totalCost = checkTotals(x, plan);
  checkFigures(sc, plan, x, x.bad);
  return { ok: v.length === 0, violations: v, recomputed: { ...x.cost, totalCost } };
}
