import type { Plan, PlanningInfo } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { transitCdf, transitQuantile, type TransitQuantiles } from './transit-distribution';

/**
 * When a destination's transit has no forecast quantiles (typed in the scenario, or a baseline
 * without a spread), this spread around the scenario's figure is assumed, and named as such.
 */
export const DEFAULT_SPREAD = { p10: 0.85, p90: 1.3 } as const;
export const DEFAULT_SPREAD_BASIS = `default spread (P10 = ${DEFAULT_SPREAD.p10} × P50, P90 = ${DEFAULT_SPREAD.p90} × P50 of the scenario's transit time)`;

export type PlanningMode = PlanningInfo['mode'];

/** Per destination: P10/P50/P90 transit [h] from the scenario's `sources`, else the default spread. */
export function transitQuantiles(sc: Scenario): Map<string, TransitQuantiles & { basis: string }> {
  const bySource = new Map((sc.sources ?? []).filter((r) => r.field === 'railTransitH').map((r) => [r.entity, r]));
  const out = new Map<string, TransitQuantiles & { basis: string }>();
  for (const d of sc.plant.destinations) {
    const r = bySource.get(d.code);
    const p50 = d.railTransitH;
    // The quantiles are trusted only while the scenario still holds the value they came with.
    if (r?.p10H !== undefined && r.p90H !== undefined && r.p90H > r.p10H && Math.abs(Number(r.used) - p50) < 1e-6) {
      out.set(d.code, { p10H: Math.min(r.p10H, p50), p50H: p50, p90H: Math.max(r.p90H, p50), basis: r.source });
    } else {
      // A P50 from a model or baseline without a spread of its own is named with the spread assumed.
      const from =
        r && Math.abs(Number(r.used) - p50) < 1e-6 && !['scenario', 'default'].includes(r.source)
          ? `P50 from ${r.source}, `
          : '';
      out.set(d.code, {
        p10H: p50 * DEFAULT_SPREAD.p10,
        p50H: p50,
        p90H: p50 * DEFAULT_SPREAD.p90,
        basis: from + DEFAULT_SPREAD_BASIS,
      });
    }
  }
  return out;
}

/**
 * The scenario a robust plan is made on: every rail transit at its P90 (rounded to 0.1 h). The
 * checker verifies a robust plan against this same derivation (core/cli/commands/check.ts).
 */
export function robustScenario(sc: Scenario): Scenario {
  const q = transitQuantiles(sc);
  return {
    ...sc,
    plant: {
      ...sc.plant,
      destinations: sc.plant.destinations.map((d) => ({
        ...d,
        railTransitH: Math.round(q.get(d.code)!.p90H * 10) / 10,
      })),
    },
  };
}

/** The scenario a plan in `mode` is planned and checked on. */
export function scenarioForMode(sc: Scenario, mode: PlanningMode): Scenario {
  return mode === 'robust' ? robustScenario(sc) : sc;
}

/** The scenario an existing plan was made on, from the scenario as the planner has it: its edits, re-plans and checks use it. */
export function scenarioForPlan(sc: Scenario, plan: { planning?: { mode: PlanningMode } }): Scenario {
  return scenarioForMode(sc, plan.planning?.mode ?? 'normal');
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const lateDays = (lateH: number) => (lateH > 1e-6 ? Math.ceil(lateH / 24 - 1e-9) : 0);

/**
 * Adds the risk fields to a plan made on `sc` (the scenario as the planner has it, before any
 * robust derivation): per rake line the probability that its tonnes arrive by the order's due
 * date — P(loading end + transit ≤ due), transit from its quantiles; loading end already sits
 * after the rake's expected placement (promised + forecast delay) — the rake's lowest line, and
 * the lateness cost were every transit at its P50 or P90. Road and unserved lines are unchanged.
 */
export function annotatePlanRisk(plan: Plan, sc: Scenario, mode: PlanningMode): Plan {
  const q = transitQuantiles(sc);
  const orders = new Map(sc.orders.map((o) => [o.id, o]));
  const rate = (p: 1 | 2 | 3) => sc.costs.latenessRsPerTDay[`p${p}`];
  let p50Rs = 0,
    p90Rs = 0;
  const rakes = plan.rakes.map((r) => {
    const lines = r.lines.map((l) => {
      const o = orders.get(l.order);
      const tq = q.get(l.destination);
      if (!o || !tq) return l;
      const slackH = hoursBetween(r.loadingEnd, o.dueDate);
      const onTimeP = Math.round(transitCdf(tq, slackH) * 1e4) / 1e4;
      p50Rs += l.tonnes * rate(o.priority) * lateDays(tq.p50H - slackH);
      p90Rs += l.tonnes * rate(o.priority) * lateDays(transitQuantile(tq, 0.9) - slackH);
      return { ...l, onTimeP };
    });
    const ps = lines.map((l) => l.onTimeP).filter((p): p is number => p !== undefined);
    return { ...r, lines, ...(ps.length ? { onTimeP: Math.min(...ps) } : {}) };
  });
  const roadRs = plan.road.reduce((s, x) => s + x.latenessRs, 0);
  const used = new Set(plan.rakes.flatMap((r) => r.destinations));
  return {
    ...plan,
    rakes,
    summary: {
      ...plan.summary,
      expectedLatenessP50Rs: Math.round((p50Rs + roadRs) * 100) / 100,
      expectedLatenessP90Rs: Math.round((p90Rs + roadRs) * 100) / 100,
    },
    planning: {
      mode,
      transit: [...q]
        .filter(([d]) => used.has(d))
        .map(([destination, t]) => ({ destination, p10H: t.p10H, p50H: t.p50H, p90H: t.p90H, basis: t.basis })),
    },
    ...(sc.sources ? { inputSources: currentSources(sc) } : {}),
  };
}

/**
 * The scenario's sources as they hold for the figures planned with: a figure the planner edited
 * after the update is the scenario's own, and says so.
 */
export function currentSources(sc: Scenario): NonNullable<Scenario['sources']> {
  const now = new Map<string, string | number>([
    ...sc.plant.destinations.map((d) => [`railTransitH|${d.code}`, d.railTransitH] as const),
    ...sc.plant.loadingPoints.map((l) => [`loadingRateTph|${l.code}`, l.loadingRateTph] as const),
    ...sc.rakes.map((r) => [`expectedPlacement|${r.id}`, r.expectedPlacement] as const),
  ]);
  return (sc.sources ?? []).map((r) => {
    const v = now.get(`${r.field}|${r.entity}`);
    return v === undefined || v === r.used
      ? r
      : {
          field: r.field,
          entity: r.entity,
          before: r.before,
          used: v,
          source: 'scenario',
          why: `edited after the forecast update (which gave ${String(r.used)} from ${r.source})`,
        };
  });
}
