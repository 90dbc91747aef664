import { createHash } from 'node:crypto';
import type { Scenario } from '../domain/scenario';
import { lineTonnes, type Draft } from './draft';
import { unservedExplainer } from './explain';
import { explainIdleRakes } from './idle-rakes';
import { suggestProduction } from './production';
import { PlanState } from './plan-state';
import {
  PLAN_FORMAT,
  type CostBreakdown,
  type Plan,
  type PlannedRake,
  type RoadShipment,
  type SolverInfo,
  type UnservedLine,
} from '../domain/plan';
import {
  ROAD_DISPATCH_OFFSET_H,
  asWritten,
  dayDate,
  deferredFreightRate,
  handlingRate,
  isoAt,
  lateDays,
  latenessRate,
  railRate,
  roadRate,
  unservedRate,
  type Prep,
} from './prep';

const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The reason on unserved lines of a plan priced only (`explain: false`), never returned to a planner. */
export const PRICED_ONLY = 'not explained: this plan was priced for comparison only';

/** Content hash of a scenario: plans are stored with it so a plan is traceable to its inputs. */
export function scenarioHash(sc: Scenario): string {
  return createHash('sha256').update(JSON.stringify(sc)).digest('hex').slice(0, 16);
}

/** What the cost rules charge for a draft [₹], priced only (`buildPlan` with `explain: false`). */
export function draftCost(p: Prep, draft: Draft): number {
  const solver: SolverInfo = {
    method: 'greedy heuristic',
    status: '',
    objective: null,
    bound: null,
    gap: null,
    seconds: 0,
  };
  return buildPlan(p, draft, solver, null, [], { explain: false }).summary.totalCost;
}

/**
 * Price a Draft by the cost rules of DOMAIN.md, explain what is unserved, and summarise.
 * `explain: false` prices a plan only (its unserved lines say so and no idle rakes are listed):
 * for plans compared by cost and never returned — explaining a large plan costs ~0.6 s of CPU.
 */
export function buildPlan(
  p: Prep,
  draft: Draft,
  solver: SolverInfo,
  ruleBasedCost: number | null,
  notes: string[] = [],
  opts: { explain?: boolean } = {},
): Plan {
  const explainIt = opts.explain ?? true;
  const c = p.sc.costs;
  const orders = new Map(p.orders.map((o) => [o.id, o]));
  const shipped = new Map<string, number>();
  const onTime = { t: 0, all: 0 };
  const add = (id: string, t: number) => shipped.set(id, (shipped.get(id) ?? 0) + t);

  const rakes: PlannedRake[] = [];
  for (const dr of [...draft.rakes].sort((a, b) => a.startH - b.startH)) {
    const pr = p.rakes[dr.rakeIdx]!;
    const lp = p.lps.get(dr.lp)!;
    const lines = dr.lines.filter((l) => lineTonnes(l) > 1e-6);
    if (lines.length === 0) continue;
    const loadT = lines.reduce((a, l) => a + lineTonnes(l), 0);
    // The loading end as the plan writes it (to the second): demurrage and ETAs are priced from the
    // time a reader sees, or a checker re-deriving them misses by up to a second's demurrage.
    const endH = asWritten(p, dr.startH + loadT / lp.loadingRateTph);
    const destCodes = [...new Set(lines.map((l) => orders.get(l.orderId)!.destination))];
    const maxRate = Math.max(...destCodes.map((d) => railRate(p, p.dests.get(d)!)));
    let railFreightRs = 0;
    const outLines = lines.map((l) => {
      const o = orders.get(l.orderId)!;
      const dest = p.dests.get(o.destination)!;
      const tonnes = lineTonnes(l);
      railFreightRs += tonnes * railRate(p, dest);
      const etaH = endH + dest.railTransitH;
      const days = lateDays(etaH, p.dueH.get(o.id)!);
      add(o.id, tonnes);
      onTime.all += tonnes;
      if (days === 0) onTime.t += tonnes;
      return {
        order: o.id,
        product: o.product,
        destination: o.destination,
        wagons: l.wagons,
        tonnes: r3(tonnes),
        sources: [...l.sources].filter(([, t]) => t > 1e-6).map(([stockyard, t]) => ({ stockyard, tonnes: r3(t) })),
        eta: isoAt(p, etaH),
        lateDays: days,
        latenessRs: r2(tonnes * days * latenessRate(p, o.priority)),
      };
    });
    const wagonsUsed = lines.reduce((a, l) => a + l.wagons, 0);
    rakes.push({
      rakeId: pr.rake.id,
      wagonType: pr.rake.wagonType,
      wagons: pr.rake.wagons,
      wagonsUsed,
      capacityT: r3(pr.capT),
      loadT: r3(loadT),
      utilisation: loadT / pr.capT,
      placement: pr.rake.expectedPlacement,
      loadingPoint: lp.code,
      loadingStart: isoAt(p, dr.startH),
      loadingEnd: isoAt(p, endH),
      destinations: destCodes,
      lines: outLines,
      railFreightRs: r2(railFreightRs),
      idleFreightRs: r2(Math.max(0, pr.capT - loadT) * maxRate),
      twoPointRs: r2(c.twoPointSurchargeRs * (destCodes.length - 1)),
      demurrageRs: r2(pr.rake.wagons * Math.max(0, endH - pr.placeH - c.freeTimeH) * c.demurrageRsPerWagonH),
      loadingRs: r2(loadT * handlingRate(p, lp)),
    });
  }

  const road: RoadShipment[] = [];
  for (const d of [...draft.road].sort((a, b) => a.day - b.day || a.orderId.localeCompare(b.orderId))) {
    if (d.tonnes <= 1e-6) continue;
    const o = orders.get(d.orderId)!;
    const dest = p.dests.get(o.destination)!;
    const dispatchH = d.day * 24 + ROAD_DISPATCH_OFFSET_H;
    const etaH = dispatchH + dest.roadTransitH;
    const days = lateDays(etaH, p.dueH.get(o.id)!);
    add(o.id, d.tonnes);
    onTime.all += d.tonnes;
    if (days === 0) onTime.t += d.tonnes;
    road.push({
      order: o.id,
      product: o.product,
      destination: o.destination,
      stockyard: d.stockyard,
      date: dayDate(p, d.day),
      dispatch: isoAt(p, dispatchH),
      tonnes: r3(d.tonnes),
      trucks: Math.ceil(d.tonnes / c.truckT - 1e-9),
      freightRs: r2(d.tonnes * roadRate(p, d.stockyard, dest)),
      eta: isoAt(p, etaH),
      lateDays: days,
      latenessRs: r2(d.tonnes * days * latenessRate(p, o.priority)),
    });
  }

  const unserved: UnservedLine[] = [];
  // One tally of what the plan uses serves both the unserved reasons and the idle rakes'.
  const state = explainIt ? new PlanState(p, draft) : null;
  const explain = state
    ? unservedExplainer(p, draft, state)
    : () => ({ reasonCode: 'not-shipped' as const, reason: PRICED_ONLY });
  for (const o of p.orders) {
    const left = o.quantityT - (shipped.get(o.id) ?? 0);
    if (left <= 0.0005) continue;
    unserved.push({
      order: o.id,
      product: o.product,
      destination: o.destination,
      priority: o.priority,
      tonnes: r3(left),
      penaltyRs: r2(left * unservedRate(p, o.priority)),
      deferredFreightRs: r2(left * deferredFreightRate(p, o)),
      ...explain(o),
    });
  }

  const sum = <T>(xs: T[], f: (x: T) => number) => r2(xs.reduce((a, x) => a + f(x), 0));
  const costs: CostBreakdown = {
    railFreightRs: sum(rakes, (r) => r.railFreightRs),
    idleFreightRs: sum(rakes, (r) => r.idleFreightRs),
    twoPointRs: sum(rakes, (r) => r.twoPointRs),
    roadFreightRs: sum(road, (r) => r.freightRs),
    demurrageRs: sum(rakes, (r) => r.demurrageRs),
    loadingRs: sum(rakes, (r) => r.loadingRs),
    latenessRs: r2(sum(rakes, (r) => sum(r.lines, (l) => l.latenessRs)) + sum(road, (r) => r.latenessRs)),
    unservedRs: sum(unserved, (u) => u.penaltyRs),
    deferredFreightRs: sum(unserved, (u) => u.deferredFreightRs),
  };
  const totalCost = r2(Object.values(costs).reduce((a, b) => a + b, 0));
  const railT = sum(rakes, (r) => r.loadT);
  const roadT = sum(road, (r) => r.tonnes);
  const shippedT =
    rakes.reduce((a, r) => a + r.lines.reduce((b, l) => b + l.tonnes, 0), 0) + road.reduce((a, r) => a + r.tonnes, 0);
  const rb = ruleBasedCost ?? totalCost;
  const blocked =
    unserved.length > 0 && rakes.length === 0 && road.length === 0
      ? [`Nothing can be served: ${[...new Set(unserved.map((u) => u.reason))].slice(0, 3).join('; ')}.`]
      : [];
  return {
    format: PLAN_FORMAT,
    scenario: {
      name: p.sc.name,
      hash: (p.hash ??= scenarioHash(p.sc)),
      horizonStart: p.sc.horizon.start,
      horizonDays: p.sc.horizon.days,
    },
    createdAt: new Date().toISOString(),
    rakes,
    road,
    unserved,
    production: suggestProduction(p, unserved),
    ...(state ? { idleRakes: explainIdleRakes(p, draft, state) } : {}),
    summary: {
      costs,
      totalCost,
      ruleBasedCost: r2(rb),
      saving: r2(rb - totalCost),
      savingPct: rb > 0 ? r2(((rb - totalCost) / rb) * 100) : 0,
      orderedT: sum(p.orders, (o) => o.quantityT),
      railT,
      roadT,
      unservedT: sum(unserved, (u) => u.tonnes),
      // Over the tonnes as shipped, not as rounded for the summary: a plan shipping a few kilograms stays exact.
      costPerT: shippedT > 0 ? r2(totalCost / shippedT) : 0,
      rakesUsed: rakes.length,
      avgUtilisation: rakes.length ? rakes.reduce((a, r) => a + r.utilisation, 0) / rakes.length : 0,
      onTimeShare: onTime.all > 0 ? onTime.t / onTime.all : 1,
    },
    solver,
    notes: [...notes, ...blocked],
  };
}
