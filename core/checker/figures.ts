import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { COST_REL, fmt, TOL_T } from './tolerances';

/** What the rules found while checking, for the figures a planner reads off the plan. */
export interface Found {
  /** Shipped tonnes, and those delivered by their due date as the rules give it. */
  onTime: { t: number; all: number };
  /** Each planned rake's load and capacity as the checker finds them [t]. */
  loads: Map<string, { load: number; capT: number }>;
}

type Bad = (rule: number, where: string, message: string) => void;

const pct = (x: number) => `${fmt(x * 100)} %`;
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
    const where = `rake ${pr.rakeId}`;
    const rk = rakes.get(pr.rakeId);
    const f = found.loads.get(pr.rakeId);
    if (!rk || !f) continue; // an unknown or unloadable rake is reported by rule 3
    if (pr.wagons !== rk.wagons) bad(0, where, `says ${pr.wagons} wagons, the scenario's rake has ${rk.wagons}`);
    const used = sum(pr.lines, (l) => l.wagons);
    if (!agrees(pr.wagonsUsed, used, 0)) bad(0, where, `says ${pr.wagonsUsed} wagons used, its lines allot ${used}`);
    if (!agrees(pr.capacityT, f.capT, TOL_T))
      bad(0, where, `says capacity ${fmt(pr.capacityT)} t, its ${rk.wagons} wagons carry ${fmt(f.capT)} t`);
    if (!agrees(pr.loadT, f.load, TOL_T * (pr.lines.length + 1)))
      bad(0, where, `says load ${fmt(pr.loadT)} t, its lines carry ${fmt(f.load)} t`);
    const u = f.capT > 0 ? f.load / f.capT : 0;
    if (!agrees(pr.utilisation, u, 1e-4))
      bad(0, where, `says utilisation ${pct(pr.utilisation)}, ${fmt(f.load)} t of ${fmt(f.capT)} t is ${pct(u)}`);
    if (typeof pr.placement === 'string' && Date.parse(pr.placement) !== Date.parse(rk.expectedPlacement))
      bad(0, where, `says placement ${pr.placement}, the scenario says ${rk.expectedPlacement}`);
    const dests = [...new Set(pr.lines.map((l) => l.destination))].sort();
    const said = Array.isArray(pr.destinations) ? [...pr.destinations].sort() : dests;
    if (said.join(',') !== dests.join(','))
      bad(0, where, `says destinations ${said.join(', ') || 'none'}, its lines go to ${dests.join(', ') || 'none'}`);
  }
}

/** Road lots and unserved lines name their order's product, destination and priority. */
function checkLineDetails(sc: Scenario, plan: Plan, bad: Bad): void {
  const orders = new Map(sc.orders.map((o) => [o.id, o]));
  for (const r of plan.road) {
    const o = orders.get(r.order);
    if (o && (r.product !== o.product || r.destination !== o.destination))
      bad(
        0,
        `road ${r.stockyard} ${r.date}, order ${r.order}`,
        `says ${r.product} to ${r.destination}, the order is ${o.product} to ${o.destination}`,
      );
  }
  for (const u of plan.unserved) {
    const o = orders.get(u.order);
    if (o && (u.product !== o.product || u.destination !== o.destination || u.priority !== o.priority))
      bad(
        0,
        `unserved ${u.order}`,
        `says ${u.product} to ${u.destination}, priority ${u.priority}; the order is ${o.product} to ${o.destination}, priority ${o.priority}`,
      );
  }
}

function checkSummary(sc: Scenario, plan: Plan, found: Found, bad: Bad): void {
  const s = plan.summary;
  const where = 'summary';
  const railT = sum(plan.rakes, (r) => sum(r.lines, (l) => sum(l.sources, (x) => x.tonnes)));
  const roadT = sum(plan.road, (r) => r.tonnes);
  const tonnes: Array<[string, unknown, number, number]> = [
    ['ordered', s.orderedT, sum(sc.orders, (o) => o.quantityT), sc.orders.length],
    ['rail', s.railT, railT, plan.rakes.length],
    ['road', s.roadT, roadT, plan.road.length],
    ['unserved', s.unservedT, sum(plan.unserved, (u) => u.tonnes), plan.unserved.length],
  ];
  for (const [name, got, want, n] of tonnes)
    if (!agrees(got, want, TOL_T * (n + 1)))
      bad(0, where, `says ${fmt(got as number)} t ${name}, the lines add to ${fmt(want)} t`);
  if (!agrees(s.rakesUsed, plan.rakes.length, 0))
    bad(0, where, `says ${s.rakesUsed} rakes used, the plan loads ${plan.rakes.length}`);
  const shipped = railT + roadT;
  const perT = shipped > 0 ? s.totalCost / shipped : 0;
  if (!agrees(s.costPerT, perT, Math.max(0.01, COST_REL * perT)))
    bad(0, where, `says ₹${fmt(s.costPerT)}/t, ₹${fmt(s.totalCost)} over ${fmt(shipped)} t shipped is ₹${fmt(perT)}/t`);
  const loads = plan.rakes.flatMap((r) => found.loads.get(r.rakeId) ?? []);
  const avg = loads.length ? sum(loads, (l) => (l.capT > 0 ? l.load / l.capT : 0)) / loads.length : 0;
  if (loads.length === plan.rakes.length && !agrees(s.avgUtilisation, avg, 1e-4))
    bad(0, where, `says average utilisation ${pct(s.avgUtilisation)}, its rakes average ${pct(avg)}`);
  const onTime = found.onTime.all > 0 ? found.onTime.t / found.onTime.all : 1;
  if (!agrees(s.onTimeShare, onTime, 1e-4))
    bad(0, where, `says ${pct(s.onTimeShare)} of shipped tonnes on time, the rules give ${pct(onTime)}`);
  const saving = s.ruleBasedCost - s.totalCost;
  if (!agrees(s.saving, saving, 1))
    bad(
      0,
      where,
      `says a saving of ₹${fmt(s.saving)}, ₹${fmt(s.ruleBasedCost)} − ₹${fmt(s.totalCost)} is ₹${fmt(saving)}`,
    );
  const savingPct = s.ruleBasedCost > 0 ? (saving / s.ruleBasedCost) * 100 : 0;
  if (!agrees(s.savingPct, savingPct, 0.01))
    bad(
      0,
      where,
      `says a saving of ${fmt(s.savingPct)} %, ₹${fmt(saving)} of ₹${fmt(s.ruleBasedCost)} is ${fmt(savingPct)} %`,
    );
}
