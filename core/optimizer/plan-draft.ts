import type { Plan, SolverInfo } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { buildPlan, draftCost } from './build-plan';
import type { Draft, DraftRake, DraftRoad } from './draft';
import { dayDate, prepare, type Prep } from './prep';
import { ruleBasedDraft } from './rule-based';

/** A plan that cannot be read back into decisions for this scenario: names the row and why. */
export class PlanInputError extends Error {}

const H = 3_600_000;

/** Hours from the horizon start of an ISO timestamp; a bad one names where it was found. */
export function hoursOf(p: Prep, iso: string, where: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new PlanInputError(`${where}: '${iso}' is not a timestamp`);
  return (ms - p.t0) / H;
}

/** Index of a planning day by its local date, or a PlanInputError. */
export function dayIndex(p: Prep, date: string, where: string): number {
  for (let d = 0; d < p.sc.horizon.days; d++) if (dayDate(p, d) === date) return d;
  throw new PlanInputError(`${where}: ${date} is not a day of the horizon`);
}

/** Index into Prep.rakes of a rake id, or a PlanInputError naming why it cannot be loaded. */
export function rakeIndex(p: Prep, rakeId: string, where: string): number {
  const i = p.rakes.findIndex((r) => r.rake.id === rakeId);
  if (i >= 0) return i;
  const rk = p.sc.rakes.find((r) => r.id === rakeId);
  throw new PlanInputError(
    rk
      ? `${where}: rake ${rakeId} cannot be loaded in this scenario (status ${rk.status}, placed ${rk.expectedPlacement})`
      : `${where}: rake ${rakeId} is not in the scenario`,
  );
}

export function rakeToDraft(p: Prep, r: Plan['rakes'][number]): DraftRake {
  const where = `rake ${r.rakeId}`;
  if (!p.lps.has(r.loadingPoint))
    throw new PlanInputError(`${where}: loading point ${r.loadingPoint} is not in the scenario`);
  return {
    rakeIdx: rakeIndex(p, r.rakeId, where),
    lp: r.loadingPoint,
    startH: hoursOf(p, r.loadingStart, where),
    lines: r.lines.map((l) => {
      if (!p.orderById.has(l.order)) throw new PlanInputError(`${where}: order ${l.order} is not in the scenario`);
      return { orderId: l.order, wagons: l.wagons, sources: new Map(l.sources.map((s) => [s.stockyard, s.tonnes])) };
    }),
  };
}

export function roadToDraft(p: Prep, r: Plan['road'][number]): DraftRoad {
  const where = `road ${r.stockyard} ${r.date}, order ${r.order}`;
  if (!p.orderById.has(r.order)) throw new PlanInputError(`${where}: order is not in the scenario`);
  if (!p.stockyards.has(r.stockyard)) throw new PlanInputError(`${where}: stockyard is not in the scenario`);
  return { orderId: r.order, stockyard: r.stockyard, day: dayIndex(p, r.date, where), tonnes: r.tonnes };
}

/** A plan's decisions read back as a Draft for `p`'s scenario, so they can be edited and re-priced. */
export function planToDraft(p: Prep, plan: Pick<Plan, 'rakes' | 'road'>): Draft {
  return { rakes: plan.rakes.map((r) => rakeToDraft(p, r)), road: plan.road.map((r) => roadToDraft(p, r)) };
}

/** The rule-based plan's cost for a scenario: the yardstick every priced plan shows its saving against. */
export function ruleBasedCost(p: Prep): number {
  return draftCost(p, ruleBasedDraft(p));
}

/**
 * Price decisions by the one pricing of the optimizer (build-plan.ts) and carry the locks over:
 * rakes and road lots keep `locked` by id, the plan keeps its locked orders.
 */
export function pricePlan(
  p: Prep,
  draft: Draft,
  solver: SolverInfo,
  rbCost: number | null,
  notes: string[],
  locks: Pick<Plan, 'rakes' | 'road' | 'lockedOrders'> | null,
): Plan {
  const plan = buildPlan(p, draft, solver, rbCost, notes);
  if (locks) applyLockFlags(plan, locks);
  return plan;
}

export const roadKey = (r: { stockyard: string; date: string; order: string }) => `${r.stockyard} ${r.date} ${r.order}`;

/** Copy lock flags from `from` onto `to` (by rake id, by road lot). */
export function applyLockFlags(to: Plan, from: Pick<Plan, 'rakes' | 'road' | 'lockedOrders'>): void {
  const rakes = new Set(from.rakes.filter((r) => r.locked).map((r) => r.rakeId));
  const road = new Set(from.road.filter((r) => r.locked).map(roadKey));
  for (const r of to.rakes) if (rakes.has(r.rakeId)) r.locked = true;
  for (const r of to.road) if (road.has(roadKey(r))) r.locked = true;
  if (from.lockedOrders?.length) to.lockedOrders = [...from.lockedOrders];
}

export { prepare };
export type { Scenario };
