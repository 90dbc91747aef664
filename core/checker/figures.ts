import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { at, type PlacePart, type ViolationCode, type ViolationParams } from '../domain/violations';
import { COST_REL, TOL_T } from './tolerances';

/** What the rules found while checking, for the figures a planner reads off the plan. */
export interface Found {
  /** Shipped tonnes, and those delivered by their due date as the rules give it. */
  onTime: { t: number; all: number };
  /** Each planned rake's load and capacity as the checker finds them [t]. */
  loads: Map<string, { load: number; capT: number }>;
}

type Bad = (rule: number, at: PlacePart[], code: ViolationCode, params?: ViolationParams) => void;

/** A share as the percentage a violation names. */
const pct = (x: number) => x * 100;
const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);
/** A figure agrees within `tol`; a plan written before the figure existed lacks it and is not held to it. */
const agrees = (got: unknown, want: number, tol: number) => typeof got !== 'number' || Math.abs(got - want) <= tol;

/**
 * The figures the planner reads — each rake's wagons, capacity, load, utilisation, placement and
 * destinations, each line's order details, the summary's tonnes, rakes, ₹/t, utilisation, on-time
 * share and saving — agree with the plan's lines and the scenario (rule 0: a plan that says one
 * thing and does another is malformed). The rule-based cost the saving is measured against is
 * the rule-based plan's total, which only that plan can show; its arithmetic is checked here.
 */
export function checkFigures(sc: Scenario, plan: Plan, found: Found, bad: Bad): void {
  checkRakeFigures(sc, plan, found, bad);
  checkLineDetails(sc, plan, bad);
  checkSummary(sc, plan, found, bad);
}

function checkRakeFigures(sc: Scenario, plan: Plan, found: Found, bad: Bad): void {
  const rakes = new Map(sc.rakes.map((r) => [r.id, r]));
  for (const pr of plan.rakes) {
    const where = at.rake(pr.rakeId);
    const rk = rakes.get(pr.rakeId);
    const f = found.loads.get(pr.rakeId);
    if (!rk || !f) continue; // an unknown or unloadable rake is reported by rule 3
    if (pr.wagons !== rk.wagons) bad(0, where, 'says-wagons', { said: pr.wagons, wagons: rk.wagons });
    const used = sum(pr.lines, (l) => l.wagons);
    if (!agrees(pr.wagonsUsed, used, 0)) bad(0, where, 'says-wagons-used', { said: pr.wagonsUsed, used });
    if (!agrees(pr.capacityT, f.capT, TOL_T))
      bad(0, where, 'says-capacity', { said: pr.capacityT, wagons: rk.wagons, capacity: f.capT });
    if (!agrees(pr.loadT, f.load, TOL_T * (pr.lines.length + 1)))
      bad(0, where, 'says-load', { said: pr.loadT, load: f.load });
    const u = f.capT > 0 ? f.load / f.capT : 0;
    if (!agrees(pr.utilisation, u, 1e-4))
      bad(0, where, 'says-utilisation', {
        said: pct(pr.utilisation),
        load: f.load,
        capacity: f.capT,
        actual: pct(u),
      });
    if (typeof pr.placement === 'string' && Date.parse(pr.placement) !== Date.parse(rk.expectedPlacement))
      bad(0, where, 'says-placement', { said: pr.placement, placement: rk.expectedPlacement });
    const dests = [...new Set(pr.lines.map((l) => l.destination))].sort();
    const said = Array.isArray(pr.destinations) ? pr.destinations.map(String).sort() : dests;
    if (said.length !== dests.length || said.some((d, i) => d !== dests[i]))
      bad(0, where, 'says-destinations', { said, destinations: dests });
  }
}

/** Road lots and unserved lines name their order's product, destination and priority. */
function checkLineDetails(sc: Scenario, plan: Plan, bad: Bad): void {
  const orders = new Map(sc.orders.map((o) => [o.id, o]));
  for (const r of plan.road) {
    const o = orders.get(r.order);
    if (o && (r.product !== o.product || r.destination !== o.destination))
      bad(0, at.road(r.stockyard, r.date, r.order), 'road-line-differs', {
        product: r.product,
        destination: r.destination,
        orderProduct: o.product,
        orderDestination: o.destination,
      });
  }
  for (const u of plan.unserved) {
    const o = orders.get(u.order);
    if (o && (u.product !== o.product || u.destination !== o.destination || u.priority !== o.priority))
      bad(0, [{ kind: 'unserved', id: u.order }], 'unserved-line-differs', {
        product: u.product,
        destination: u.destination,
        priority: u.priority,
        orderProduct: o.product,
        orderDestination: o.destination,
        orderPriority: o.priority,
      });
  }
}

function checkSummary(sc: Scenario, plan: Plan, found: Found, bad: Bad): void {
  const s = plan.summary;
  const where = at.field('summary');
  const railT = sum(plan.rakes, (r) => sum(r.lines, (l) => sum(l.sources, (x) => x.tonnes)));
  const roadT = sum(plan.road, (r) => r.tonnes);
  const tonnes: Array<[ViolationCode, unknown, number, number]> = [
    ['summary-ordered', s.orderedT, sum(sc.orders, (o) => o.quantityT), sc.orders.length],
    ['summary-rail', s.railT, railT, plan.rakes.length],
    ['summary-road', s.roadT, roadT, plan.road.length],
    ['summary-unserved', s.unservedT, sum(plan.unserved, (u) => u.tonnes), plan.unserved.length],
  ];
  for (const [code, got, want, n] of tonnes)
    if (!agrees(got, want, TOL_T * (n + 1))) bad(0, where, code, { said: got as number, tonnes: want });
  if (!agrees(s.rakesUsed, plan.rakes.length, 0))
    bad(0, where, 'summary-rakes', { said: s.rakesUsed, rakes: plan.rakes.length });
  const shipped = railT + roadT;
  const perT = shipped > 0 ? s.totalCost / shipped : 0;
  if (!agrees(s.costPerT, perT, Math.max(0.01, COST_REL * perT)))
    bad(0, where, 'summary-cost-per-t', { said: s.costPerT, total: s.totalCost, shipped, perT });
  const loads = plan.rakes.flatMap((r) => found.loads.get(r.rakeId) ?? []);
  const avg = loads.length ? sum(loads, (l) => (l.capT > 0 ? l.load / l.capT : 0)) / loads.length : 0;
  if (loads.length === plan.rakes.length && !agrees(s.avgUtilisation, avg, 1e-4))
    bad(0, where, 'summary-utilisation', { said: pct(s.avgUtilisation), actual: pct(avg) });
  const onTime = found.onTime.all > 0 ? found.onTime.t / found.onTime.all : 1;
  if (!agrees(s.onTimeShare, onTime, 1e-4))
    bad(0, where, 'summary-on-time', { said: pct(s.onTimeShare), actual: pct(onTime) });
  const saving = s.ruleBasedCost - s.totalCost;
  if (!agrees(s.saving, saving, 1))
    bad(0, where, 'summary-saving', { said: s.saving, ruleBased: s.ruleBasedCost, total: s.totalCost, saving });
  const savingPct = s.ruleBasedCost > 0 ? (saving / s.ruleBasedCost) * 100 : 0;
  if (!agrees(s.savingPct, savingPct, 0.01))
    bad(0, where, 'summary-saving-pct', {
      said: s.savingPct,
      saving,
      ruleBased: s.ruleBasedCost,
      pct: savingPct,
    });
}
