import type { Disruption } from '../contract/api/plan-loop';
import type { Plan, PlannedRake, RoadShipment } from '../domain/plan';
import type { PlanChange, SidingOutage, StabilityInfo } from '../domain/plan-loop';
import { counted, plantClock } from '../domain/figures';
import { REPLAN_WHY, replanNote } from '../domain/replan-notes';
import type { Scenario } from '../domain/scenario';
import { joinKept, keptDecisions, residualScenario, type KeptDecisions } from '../optimizer/locks';
import { roadKey } from '../optimizer/plan-draft';
import { key, prepare, type Closures, type Prep } from '../optimizer/prep';
import { annotatePlanRisk, scenarioForPlan } from '../forecasts/plan-risk';
import { DisruptionError, applyDisruptions } from './disruptions';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { carriedOutages, checkWithOutages, nowViolations } from './outages';
import { noCandidatePassed, stabilityYardstick } from './replan-verdict';

/** Plans a scenario around closures (siding outages, "now"): the optimizer in its worker, or in-process in tests. */
export type SolveFn = (sc: Scenario, closures?: Closures) => Promise<Plan>;

export interface ReplanOptions {
  disruptions?: readonly Disruption[];
  /** ₹ per changed rake assignment (default 200,000: a change must save that much to be proposed). */
  stabilityRs?: number;
  /**
   * Rakes whose loading started (and trucks that left) before this are fixed; no other rake starts
   * loading, and no other truck lot leaves, before it.
   */
  nowIso?: string;
}

export const DEFAULT_STABILITY_RS = 200_000;

/**
 * Re-plan from a base plan after disruptions, changing as little as the stability penalty asks.
 * Three candidates, each joined around its kept decisions and passed by the checker:
 * `keep` — the base with only the changes the disruption forces (a late rake loads later, a rake
 * that can no longer load is dropped); `keep + re-optimize` — every unforced rake kept, the rest
 * (forced rakes' orders, unused rakes, new orders) re-optimized; `locks only` — only the planner's
 * locks and what already started kept. The one with the least cost + penalty × changed rakes wins.
 * The cost of stability is measured against a fresh plan of the same disrupted scenario.
 * Siding outages (the new ones and the base's own that have not ended) and "now" are closures
 * every solve plans around (prep.ts); a candidate that loads in an outage, or makes a new
 * decision before now, is refused.
 */
export async function replan(sc0: Scenario, base: Plan, opts: ReplanOptions, solve: SolveFn): Promise<Plan> {
  return (await replanScenario(sc0, base, opts, solve)).plan;
}

/**
 * `replan`, also returning the disrupted scenario: as the planner has it (`plannerScenario`), and
 * as the plan obeys it (`scenario`, its derivation for the base's mode, what it is checked with).
 * `sc0` is the planner's scenario: a robust base is re-planned on P90 transit, and its risk read
 * on the real quantiles.
 */
export async function replanScenario(
  sc0: Scenario,
  base: Plan,
  opts: ReplanOptions,
  solve: SolveFn,
): Promise<{ plan: Plan; scenario: Scenario; plannerScenario: Scenario }> {
  const penalty = opts.stabilityRs ?? DEFAULT_STABILITY_RS;
  const { scenario: disrupted, outages: fresh0 } = applyDisruptions(sc0, opts.disruptions ?? []);
  const sc = scenarioForPlan(disrupted, base);
  const outages = carriedOutages(base.outages ?? [], fresh0, opts.nowIso ?? sc.horizon.start);
  const p = prepare(sc);
  const forced = forcedChanges(p, base, outages);
  const userKept = keptDecisions(base, opts.nowIso);
  const closures: Closures = {
    outages,
    ...(opts.nowIso ? { nowIso: opts.nowIso } : {}),
    fixedRakes: userKept.rakes.map((r) => r.rakeId),
  };
  const clash = userKept.rakes.filter((r) => forced.rakes.has(r.rakeId));
  if (clash.length)
    throw clashError(clash.map((r) => keptClash(r, forced.rakes.get(r.rakeId)!, base.lockedOrders ?? [], opts.nowIso)));
  const clashRoad = userKept.road.filter((r) => forced.road.has(roadKey(r)));
  if (clashRoad.length)
    throw clashError(clashRoad.map((r) => ({ code: 'clash-lot-locked', params: { lot: roadKey(r) } })));
  const lockFrom = base;
  const unforced: KeptDecisions = {
    rakes: base.rakes.filter((r) => !forced.rakes.has(r.rakeId)),
    road: base.road.filter((r) => !forced.road.has(roadKey(r))),
  };
  const notes = (c: StabilityInfo['candidate']) => [replanNote(REPLAN_WHY[c])];
  const solved = async (kept: KeptDecisions) => {
    const res = await solve(residualScenario(sc, kept), closures);
    return res;
  };

  const candidates: Array<{ candidate: StabilityInfo['candidate']; plan: Plan }> = [];
  // keep: forced rakes that can still load keep their orders and load when they can.
  const movable = base.rakes.filter((r) => forced.rakes.get(r.rakeId) === 'retime');
  candidates.push({
    candidate: 'keep',
    plan: joinKept(
      sc,
      unforced,
      { rakes: movable, road: [] },
      { ...base.solver, status: 'base plan kept; only the changes the disruption forces' },
      notes('keep'),
      closures,
      lockFrom,
    ),
  });
  const kr = await solved(unforced);
  candidates.push({
    candidate: 'keep + re-optimize',
    plan: joinKept(sc, unforced, kr, kr.solver, notes('keep + re-optimize'), closures, lockFrom),
  });
  const lr = await solved(userKept);
  candidates.push({
    candidate: 'locks only',
    plan: joinKept(sc, userKept, lr, lr.solver, notes('locks only'), closures, lockFrom),
  });
  // A fresh plan of the disrupted scenario, free of "now" (nothing started): the yardstick of what stability costs.
  const noLocks = userKept.rakes.length === 0 && userKept.road.length === 0;
  const fresh = noLocks
    ? candidates[2]!.plan
    : joinKept(sc, { rakes: [], road: [] }, await solve(sc, { outages }), lr.solver, [], { outages });

  const scored = candidates.map((c) => {
    const changes = diffPlans(base, c.plan, forced.rakes);
    const changedRakes = changes.filter((x) => x.kind === 'rake').length;
    const violations = [
      // joinKept wrote the re-plan's outages on the candidate: checked as every saved plan is.
      ...checkWithOutages(sc, c.plan).violations,
      ...(opts.nowIso ? nowViolations(c.plan, changes, opts.nowIso) : []),
    ];
    const ok = violations.length === 0;
    return { ...c, changes, changedRakes, violations, ok, score: c.plan.summary.totalCost + penalty * changedRakes };
  });
  const valid = scored.filter((c) => c.ok);
  if (valid.length === 0) throw noCandidatePassed(scored, userKept, base.lockedOrders ?? []);
  const best = valid.reduce((a, b) => (b.score < a.score - 0.5 ? b : a));
  // The re-plan carries the risk fields of the plan it replaces, on every rake (kept ones too).
  const plan = base.planning ? annotatePlanRisk(best.plan, disrupted, base.planning.mode) : best.plan;
  // Named as a re-plan, not by the solve of its re-optimized part (a greedy warm start there is no fallback).
  plan.solver = { ...plan.solver, method: `re-plan (${best.candidate})` };
  plan.changes = best.changes;
  const yardstick = stabilityYardstick(fresh.summary.totalCost, valid);
  plan.stability = {
    penaltyRsPerRake: penalty,
    changedRakes: best.changedRakes,
    // The changes of the plan returned that the disruption forced, not every rake it touched.
    forcedRakes: best.changes.filter((c) => c.kind === 'rake' && c.forced).length,
    candidate: best.candidate,
    ...yardstick,
    costOfStability: Math.round((plan.summary.totalCost - yardstick.freshCost) * 100) / 100,
    candidates: scored.map((c) => ({
      candidate: c.candidate,
      totalCost: c.plan.summary.totalCost,
      changedRakes: c.changedRakes,
      score: c.ok ? c.score : Infinity,
    })),
  };
  return { plan, scenario: sc, plannerScenario: disrupted };
}

/**
 * Why a kept rake's decision cannot give way to the disruption that makes it impossible, and what
 * the planner can do: a lock can be lifted, a loading that started before "now" cannot.
 */
function keptClash(
  r: PlannedRake,
  change: 'drop' | 'retime',
  lockedOrders: readonly string[],
  nowIso?: string,
): ErrorReason {
  const order = r.lines.find((l) => lockedOrders.includes(l.order))?.order;
  const rake = { rake: r.rakeId, change };
  if (r.locked) return { code: 'clash-rake-locked', params: rake };
  if (order) return { code: 'clash-rake-locked-order', params: { ...rake, order } };
  return {
    code: 'clash-rake-started',
    params: { ...rake, start: plantClock(r.loadingStart), now: plantClock(nowIso!) },
  };
}

/** A re-plan refused over kept decisions the disruption makes impossible: each named, in English and as data. */
function clashError(causes: ErrorReason[]): DisruptionError {
  return new DisruptionError(causes.map(reasonText).join('; '), {
    reason: { code: 'replan-kept-clash', params: {} },
    causes,
  });
}

/**
 * Base decisions the disrupted scenario makes impossible: rakes that can no longer load (`drop`:
 * cancelled, placed after the horizon, stock gone) or not at their time (`retime`: placed after
 * their loading start, or loading through a siding outage); road lots whose stock is gone.
 */
export function forcedChanges(
  p: Prep,
  base: Plan,
  outages: SidingOutage[],
): { rakes: Map<string, 'drop' | 'retime'>; road: Set<string> } {
  const rakes = new Map<string, 'drop' | 'retime'>();
  const road = new Set<string>();
  const byId = new Map(p.rakes.map((r) => [r.rake.id, r]));
  for (const r of base.rakes) {
    const pr = byId.get(r.rakeId);
    if (!pr) {
      rakes.set(r.rakeId, 'drop');
      continue;
    }
    const s = Date.parse(r.loadingStart);
    const e = Date.parse(r.loadingEnd);
    if (s < Date.parse(pr.rake.expectedPlacement) - 1000) rakes.set(r.rakeId, 'retime');
    if (outages.some((o) => o.loadingPoint === r.loadingPoint && Date.parse(o.from) < e && Date.parse(o.to) > s))
      rakes.set(r.rakeId, 'retime');
  }
  // Stock: where the base draws more than is usable now, the latest draws go first.
  const draws: Array<{ k: string; t: number; at: number; rake?: string; road?: string }> = [];
  for (const r of base.rakes)
    for (const l of r.lines)
      for (const s of l.sources)
        draws.push({ k: key(s.stockyard, l.product), t: s.tonnes, at: Date.parse(r.loadingStart), rake: r.rakeId });
  for (const r of base.road)
    draws.push({ k: key(r.stockyard, r.product), t: r.tonnes, at: Date.parse(r.dispatch), road: roadKey(r) });
  const total = new Map<string, number>();
  for (const d of draws) if (!(d.rake && rakes.get(d.rake) === 'drop')) total.set(d.k, (total.get(d.k) ?? 0) + d.t);
  for (const [k, t] of total) {
    let over = t - (p.stock.get(k) ?? 0);
    for (const d of draws.filter((x) => x.k === k).sort((a, b) => b.at - a.at)) {
      if (over <= 0.01) break;
      if (d.rake) {
        if (rakes.get(d.rake) !== 'drop') {
          rakes.set(d.rake, 'drop');
          over -= draws.filter((x) => x.rake === d.rake && x.k === k).reduce((a, x) => a + x.t, 0);
        }
      } else if (d.road && !road.has(d.road)) {
        road.add(d.road);
        over -= d.t;
      }
    }
  }
  return { rakes, road };
}

const lineSig = (r: PlannedRake) =>
  r.lines
    .map((l) => `${l.order} ${counted(l.wagons, 'wagon')} ${l.tonnes} t`)
    .sort()
    .join(', ');
const fmtTime = (iso: string) => iso.slice(5, 16).replace('T', ' ');

/** What changed from `base` to `plan`: rakes added, removed, moved in time or siding, or loaded differently; road lots. */
export function diffPlans(
  base: Pick<Plan, 'rakes' | 'road'>,
  plan: Pick<Plan, 'rakes' | 'road'>,
  forced: Map<string, unknown> = new Map(),
): PlanChange[] {
  const out: PlanChange[] = [];
  const a = new Map(base.rakes.map((r) => [r.rakeId, r]));
  const b = new Map(plan.rakes.map((r) => [r.rakeId, r]));
  for (const id of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(id);
    const y = b.get(id);
    const forcedHere = forced.has(id);
    if (x && !y)
      out.push({
        kind: 'rake',
        id,
        change: 'removed',
        detail: `was ${x.loadingPoint} ${fmtTime(x.loadingStart)}: ${lineSig(x)}`,
        forced: forcedHere,
      });
    else if (!x && y)
      out.push({
        kind: 'rake',
        id,
        change: 'added',
        detail: `${y.loadingPoint} ${fmtTime(y.loadingStart)}: ${lineSig(y)}`,
        forced: forcedHere,
      });
    else if (x && y) {
      const moved = x.loadingPoint !== y.loadingPoint || Date.parse(x.loadingStart) !== Date.parse(y.loadingStart);
      const reloaded = lineSig(x) !== lineSig(y);
      if (moved)
        out.push({
          kind: 'rake',
          id,
          // Another siding is a move, whatever the time; the same siding at another time a retiming.
          change: x.loadingPoint !== y.loadingPoint ? 'moved' : 'retimed',
          detail: `${x.loadingPoint} ${fmtTime(x.loadingStart)} → ${y.loadingPoint} ${fmtTime(y.loadingStart)}${reloaded ? `; load ${lineSig(x)} → ${lineSig(y)}` : ''}`,
          forced: forcedHere,
        });
      else if (reloaded)
        out.push({ kind: 'rake', id, change: 'reloaded', detail: `${lineSig(x)} → ${lineSig(y)}`, forced: forcedHere });
    }
  }
  const ra = new Map(base.road.map((r) => [roadKey(r), r]));
  const rb = new Map(plan.road.map((r) => [roadKey(r), r]));
  for (const k of [...new Set([...ra.keys(), ...rb.keys()])].sort()) {
    const x: RoadShipment | undefined = ra.get(k);
    const y = rb.get(k);
    if (x && !y) out.push({ kind: 'road', id: k, change: 'removed', detail: `${x.tonnes} t`, forced: false });
    else if (!x && y) out.push({ kind: 'road', id: k, change: 'added', detail: `${y.tonnes} t`, forced: false });
    else if (x && y && Math.abs(x.tonnes - y.tonnes) > 0.01)
      out.push({ kind: 'road', id: k, change: 'reloaded', detail: `${x.tonnes} t → ${y.tonnes} t`, forced: false });
  }
  return out;
}
