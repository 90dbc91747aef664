import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import { plantClock } from '../domain/figures';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { readFitNote, replanNote, REPLAN_WHY } from '../domain/replan-notes';
import { applyEdits } from './edit';
import { replan } from './replan';
import { dayPlan, solve } from './__fixtures__/day-plan';
import { tiny } from '../optimizer/__fixtures__/tiny';

const same = (a: Plan['rakes'][number], b: Plan['rakes'][number]) => {
  const strip = ({ locked: _l, ...r }: Plan['rakes'][number]) => r;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
};

describe('plan edits', () => {
  it('moving an order to unserved is re-priced and passes; a move onto wagons that may not carry it names rule 3', async () => {
    const sc = tiny();
    const base = await solve(sc);
    const rake = base.rakes.find((r) => r.wagonType === 'BFNS')!;
    const line = rake.lines[0]!;
    const moved = applyEdits(sc, base, [
      { op: 'move', order: line.order, from: `rake:${rake.rakeId}`, to: 'unserved' },
    ]);
    expect(moved.check.violations).toEqual([]);
    expect(moved.plan.rakes.find((r) => r.rakeId === rake.rakeId)!.loadT).toBeCloseTo(rake.loadT - line.tonnes, 3);
    expect(moved.plan.unserved.find((u) => u.order === line.order)!.tonnes).toBeCloseTo(line.tonnes, 3);
    // Part of it leaves a two-point rake short of the minimum wagons for that destination: rule 4, on that rake.
    const part = applyEdits(sc, base, [
      { op: 'move', order: line.order, from: `rake:${rake.rakeId}`, to: 'unserved', wagons: 1 },
    ]);
    if (rake.destinations.length === 2)
      expect(part.check.violations.some((v) => v.rule === 4 && v.where === `rake ${rake.rakeId}`)).toBe(true);
    expect(moved.costDelta.rs).toBeCloseTo(moved.plan.summary.totalCost - base.summary.totalCost, 2);
    expect(moved.costDelta.rs).not.toBe(0);
    // HRC on the BCN rake R-2: the product–wagon matrix forbids it.
    const broken = applyEdits(sc, base, [
      { op: 'move', order: line.order, from: `rake:${rake.rakeId}`, to: 'rake:R-2', tonnes: 50 },
    ]);
    expect(broken.check.ok).toBe(false);
    expect(broken.check.violations.some((v) => v.rule === 3 && v.where.includes('R-2'))).toBe(true);
    // Undo is replaying fewer edits: none gives back the base's cost.
    expect(applyEdits(sc, base, []).plan.summary.totalCost).toBeCloseTo(base.summary.totalCost, 2);
    // An edited plan keeps the cost of the plan the optimizer returned, through later edits too.
    expect(applyEdits(sc, base, []).plan.solverTotalCost).toBeUndefined();
    expect(moved.plan.solverTotalCost).toBe(base.summary.totalCost);
    const again = applyEdits(sc, moved.plan, [{ op: 'move', order: line.order, from: 'unserved', to: 'rake:R-2' }]);
    expect(again.plan.edits).toBe(2);
    expect(again.plan.solverTotalCost).toBe(base.summary.totalCost);
  }, 60_000);

  it('names the edit that cannot be read', async () => {
    const sc = tiny();
    const base = await solve(sc);
    expect(() => applyEdits(sc, base, [{ op: 'move', order: 'O-1', from: 'rake:R-9', to: 'unserved' }])).toThrow(
      /edits\[0\] \(move\): .*R-9/,
    );
  }, 60_000);
});

describe('locks and re-planning', () => {
  it('keeps every locked rake identical, and every returned plan passes the checker (any locks, any delay)', async () => {
    const { sc, plan } = await dayPlan();
    expect(plan.rakes.length).toBeGreaterThanOrEqual(3);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(
          plan.rakes.map((r) => r.rakeId),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 0, max: 400_000 }),
        async (lockedIds, hours, stability) => {
          const locked: Plan = {
            ...plan,
            rakes: plan.rakes.map((r) => (lockedIds.includes(r.rakeId) ? { ...r, locked: true } : r)),
          };
          const victim = plan.rakes.find((r) => !lockedIds.includes(r.rakeId));
          const out = await replan(
            sc,
            locked,
            {
              stabilityRs: stability,
              disruptions: victim ? [{ kind: 'rake-delayed', rake: victim.rakeId, hours }] : [],
            },
            solve,
          );
          for (const id of lockedIds) {
            const after = out.rakes.find((r) => r.rakeId === id);
            expect(after, `locked rake ${id} kept`).toBeDefined();
            expect(
              same(
                after!,
                plan.rakes.find((r) => r.rakeId === id)!,
              ),
            ).toBe(true);
            expect(after!.locked).toBe(true);
          }
          const delayed = structuredClone(sc);
          if (victim) {
            const rk = delayed.rakes.find((r) => r.id === victim.rakeId)!;
            rk.expectedPlacement = new Date(Date.parse(rk.expectedPlacement) + hours * 3_600_000).toISOString();
          }
          const verdict = checkPlan(delayed, out);
          expect(verdict.violations).toEqual([]);
          expect(out.stability!.costOfStability).toBeCloseTo(out.summary.totalCost - out.stability!.freshCost, 1);
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);

  it('with a high stability penalty changes no more rakes than the disruption forces', async () => {
    const { sc, plan } = await dayPlan();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: plan.rakes.length - 1 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        async (i, hours, cancel) => {
          const rake = plan.rakes[i]!.rakeId;
          const out = await replan(
            sc,
            plan,
            {
              stabilityRs: 1e9,
              disruptions: [cancel ? { kind: 'rake-cancelled', rake } : { kind: 'rake-delayed', rake, hours }],
            },
            solve,
          );
          const changed = out.changes!.filter((c) => c.kind === 'rake');
          expect(changed.length).toBeLessThanOrEqual(out.stability!.forcedRakes);
          expect(changed.every((c) => c.forced)).toBe(true);
          expect(checkPlan(applyToScenario(sc, rake, cancel, hours), out).ok).toBe(true);
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);

  it('refuses a disruption of a locked rake, naming it', async () => {
    const { sc, plan } = await dayPlan();
    const r = plan.rakes[0]!;
    const locked: Plan = {
      ...plan,
      rakes: plan.rakes.map((x) => (x.rakeId === r.rakeId ? { ...x, locked: true } : x)),
    };
    await expect(
      replan(sc, locked, { disruptions: [{ kind: 'rake-cancelled', rake: r.rakeId }] }, solve),
    ).rejects.toThrow(
      `rake ${r.rakeId} (drop) is locked and the disruption makes its decision impossible — unlock it first`,
    );
  }, 120_000);

  it('refuses a disruption of a rake that started loading before "now", naming both times, not a lock', async () => {
    const { sc, plan } = await dayPlan();
    const first = [...plan.rakes].sort((a, b) => Date.parse(a.loadingStart) - Date.parse(b.loadingStart))[0]!;
    const now = new Date(Date.parse(first.loadingStart) + 60_000).toISOString();
    const err = await replan(
      sc,
      plan,
      { nowIso: now, disruptions: [{ kind: 'rake-cancelled', rake: first.rakeId }] },
      solve,
    ).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      `rake ${first.rakeId} (drop) started loading at ${plantClock(first.loadingStart)}, before "now" (${plantClock(now)}), and the disruption makes its decision impossible: set "now" earlier or remove the disruption`,
    );
  }, 120_000);

  it('a siding outage moves the loadings it covers, and rakes loading before "now" are kept', async () => {
    const { sc, plan } = await dayPlan();
    const first = [...plan.rakes].sort((a, b) => Date.parse(a.loadingStart) - Date.parse(b.loadingStart))[0]!;
    const now = new Date(Date.parse(first.loadingStart) + 60_000).toISOString();
    const later = plan.rakes.find((r) => Date.parse(r.loadingStart) > Date.parse(now))!;
    const out = await replan(
      sc,
      plan,
      {
        nowIso: now,
        disruptions: [
          { kind: 'siding-down', loadingPoint: later.loadingPoint, from: later.loadingStart, to: later.loadingEnd },
        ],
      },
      solve,
    );
    for (const k of plan.rakes.filter((r) => Date.parse(r.loadingStart) < Date.parse(now)))
      expect(
        same(
          out.rakes.find((r) => r.rakeId === k.rakeId)!,
          k,
        ),
      ).toBe(true);
    expect(out.changes!.some((c) => c.id === later.rakeId)).toBe(true);
    // Its notes are the ones the interface reads back to write in Hindi.
    expect(out.notes).toContain(replanNote(REPLAN_WHY[out.stability!.candidate]));
    for (const n of out.notes.filter((x) => x.startsWith('Rake '))) expect(readFitNote(n), n).not.toBeNull();
    for (const r of out.rakes.filter(
      (x) => x.loadingPoint === later.loadingPoint && Date.parse(x.loadingStart) >= Date.parse(now),
    )) {
      expect(
        Date.parse(r.loadingEnd) <= Date.parse(later.loadingStart) ||
          Date.parse(r.loadingStart) >= Date.parse(later.loadingEnd),
      ).toBe(true);
    }
    expect(checkPlan(sc, out).ok).toBe(true);
    // Named as the re-plan candidate it is, never as the solve of its re-optimized part.
    expect(out.solver.method).toBe(`re-plan (${out.stability!.candidate})`);
  }, 120_000);
});

function applyToScenario(sc: Scenario, rake: string, cancel: boolean, hours: number): Scenario {
  const out = structuredClone(sc);
  const rk = out.rakes.find((r) => r.id === rake)!;
  if (cancel) rk.status = 'cancelled';
  else rk.expectedPlacement = new Date(Date.parse(rk.expectedPlacement) + hours * 3_600_000).toISOString();
  return out;
}
