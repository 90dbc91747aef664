import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { keptDecisions } from '../optimizer/locks';
import { roadKey } from '../optimizer/plan-draft';
import { applyEdits } from './edit';
import { nowViolations, outageViolations } from './outages';
import { diffPlans, replanScenario } from './replan';
import { dayPlan, solve } from './__fixtures__/day-plan';

const explanations = (p: Plan) => JSON.stringify([p.unserved, p.idleRakes ?? []]);
const horizonEnd = (sc: Scenario) =>
  new Date(Date.parse(sc.horizon.start) + sc.horizon.days * 86_400_000).toISOString();

/** The base's busiest siding, down for the whole horizon: its rakes' loads must go elsewhere. */
let outageCache: ReturnType<typeof outagePlanOf> | null = null;
const outagePlan = () => (outageCache ??= outagePlanOf());
async function outagePlanOf() {
  const { sc, plan } = await dayPlan();
  const byLp = new Map<string, number>();
  for (const r of plan.rakes) byLp.set(r.loadingPoint, (byLp.get(r.loadingPoint) ?? 0) + r.loadT);
  const lp = [...byLp].sort((a, b) => b[1] - a[1])[0]![0];
  const outage = { loadingPoint: lp, from: sc.horizon.start, to: horizonEnd(sc) };
  const res = await replanScenario(
    sc,
    plan,
    { disruptions: [{ kind: 'siding-down', ...outage }], stabilityRs: 0 },
    solve,
  );
  return { base: plan, lp, outage, ...res };
}

describe('re-planning around closures', () => {
  it("a siding outage sends its rakes' loads to other sidings, and no explanation points at the siding", async () => {
    const { base, lp, plan, scenario } = await outagePlan();
    const moved = base.rakes.filter((r) => r.loadingPoint === lp);
    const orders = new Set(moved.flatMap((r) => r.lines.map((l) => l.order)));
    const railT = (p: Plan) =>
      p.rakes.flatMap((r) => r.lines).reduce((a, l) => a + (orders.has(l.order) ? l.tonnes : 0), 0);
    expect(plan.rakes.filter((r) => r.loadingPoint === lp)).toEqual([]);
    // The siding's loads still go by rail, from the other sidings that handle the wagons and reach the stock.
    expect(railT(plan)).toBeGreaterThan(0.5 * moved.reduce((a, r) => a + r.loadT, 0));
    expect(checkPlan(scenario, plan).ok).toBe(true);
    expect(explanations(plan)).not.toMatch(new RegExp(`\\b${lp}\\b`));
  }, 180_000);

  it("a second re-plan keeps the first one's outage, and an edit into it is named", async () => {
    const first = await outagePlan();
    expect(first.plan.outages).toEqual([first.outage]);
    const rake = first.plan.rakes[first.plan.rakes.length - 1]!;
    const second = await replanScenario(
      first.plannerScenario,
      first.plan,
      { disruptions: [{ kind: 'rake-delayed', rake: rake.rakeId, hours: 1 }], stabilityRs: 0 },
      solve,
    );
    expect(second.plan.outages).toEqual([first.outage]);
    expect(outageViolations(second.plan, [first.outage])).toEqual([]);
    const into = applyEdits(second.plannerScenario, second.plan, [
      { op: 'rake', rake: rake.rakeId, loadingPoint: first.lp },
    ]);
    expect(into.check.violations.some((v) => v.rule === 5 && /inside its outage/.test(v.message))).toBe(true);
  }, 300_000);

  it('with "now", nothing new loads or leaves before it, and no explanation offers a kept rake', async () => {
    const { sc, plan: base } = await dayPlan();
    const now = new Date(Date.parse(sc.horizon.start) + 36 * 3_600_000).toISOString();
    const cancel = base.rakes.find((r) => Date.parse(r.loadingStart) >= Date.parse(now))!;
    const { plan } = await replanScenario(
      sc,
      base,
      { disruptions: [{ kind: 'rake-cancelled', rake: cancel.rakeId }], nowIso: now, stabilityRs: 0 },
      solve,
    );
    const changes = diffPlans(base, plan);
    expect(nowViolations(plan, changes, now)).toEqual([]);
    const baseLots = new Set(base.road.map((r) => `${roadKey(r)} ${r.tonnes}`));
    for (const r of plan.road)
      if (!baseLots.has(`${roadKey(r)} ${r.tonnes}`))
        expect(Date.parse(r.dispatch)).toBeGreaterThanOrEqual(Date.parse(now));
    for (const r of plan.rakes) {
      const b = base.rakes.find((x) => x.rakeId === r.rakeId);
      if (!b || JSON.stringify(b.lines) !== JSON.stringify(r.lines) || b.loadingStart !== r.loadingStart)
        expect(Date.parse(r.loadingStart)).toBeGreaterThanOrEqual(Date.parse(now));
    }
    const kept = keptDecisions(base, now).rakes.map((r) => r.rakeId);
    expect(kept.length).toBeGreaterThan(0);
    for (const id of kept) expect(explanations(plan)).not.toContain(id);
  }, 300_000);

  it('names a changed decision before "now", and none that was kept', () => {
    const now = '2026-01-05T12:00:00+05:30';
    const rake = { rakeId: 'RK-1', loadingStart: '2026-01-05T10:00:00+05:30' } as Plan['rakes'][number];
    const lot = { stockyard: 'SY-1', date: '2026-01-05', order: 'SO-1', dispatch: '2026-01-05T06:00:00+05:30' };
    const plan = { rakes: [rake], road: [lot as Plan['road'][number]] };
    const vs = nowViolations(
      plan,
      [
        { kind: 'rake', id: 'RK-1', change: 'retimed', detail: '', forced: false },
        { kind: 'road', id: roadKey(lot), change: 'added', detail: '', forced: false },
      ],
      now,
    );
    expect(vs.map((v) => [v.rule, v.where])).toEqual([
      [5, 'rake RK-1'],
      [6, `road lot ${roadKey(lot)}`],
    ]);
    expect(nowViolations(plan, [], now)).toEqual([]);
  });
});
