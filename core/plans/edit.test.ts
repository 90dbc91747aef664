import { describe, expect, it } from 'vitest';
import type { PlanEdit } from '../contract/api/plan-loop';
import { tiny } from '../optimizer/__fixtures__/tiny';
import { ruleBasedPlan } from '../optimizer/rule-based-plan';
import { applyEdits } from './edit';

// The rule-based plan of the tiny plant: R-1 (BFNS, 60 t wagons) carries O-1 (600 t in 10 wagons)
// and O-3 (100 t in 2 wagons, the second part full); O-2 is unserved; O-5 goes by road from SY-2
// on 2026-11-22.
const sc = tiny();
const base = ruleBasedPlan(sc);
const edit = (...edits: PlanEdit[]) => applyEdits(sc, base, edits);

describe('plan edits read as the planner means them', () => {
  it('the fixture is as described', () => {
    const r1 = base.rakes.find((r) => r.rakeId === 'R-1')!;
    expect(r1.lines.map((l) => [l.order, l.wagons, l.tonnes])).toEqual([
      ['O-1', 10, 600],
      ['O-3', 2, 100],
    ]);
    expect(base.unserved.map((u) => u.order)).toEqual(['O-2']);
    expect(base.road.map((r) => [r.stockyard, r.date, r.order])).toEqual([['SY-2', '2026-11-22', 'O-5']]);
  });

  it('locks a road lot of the plan, and refuses one that is not in it', () => {
    const locked = edit({ op: 'lock', target: 'road:SY-2:2026-11-22:O-5', locked: true });
    expect(locked.plan.road.find((r) => r.order === 'O-5')!.locked).toBe(true);
    // Another day of the horizon: no such lot, so there is nothing to lock.
    expect(() => edit({ op: 'lock', target: 'road:SY-2:2026-11-23:O-5', locked: true })).toThrow(
      'edits[0] (lock): road lot SY-2 2026-11-23 O-5 is not in this plan: there is no decision to lock',
    );
    expect(() => edit({ op: 'lock', target: 'road:SY-1:2026-11-22:O-5', locked: true })).toThrow(
      /road lot SY-1 2026-11-22 O-5 is not in this plan/,
    );
    expect(() => edit({ op: 'lock', target: 'road:SY-2:2026-12-09:O-5', locked: true })).toThrow(
      /road lot SY-2 2026-12-09 O-5: 2026-12-09 is not a day of the horizon/,
    );
    expect(() => edit({ op: 'lock', target: 'road:SY-2:2026-11-23:O-5', locked: false })).toThrow(
      /road lot SY-2 2026-11-23 O-5 is not in this plan: there is no decision to unlock/,
    );
    // Locked, then unlocked: the lot is free again.
    const unlocked = edit(
      { op: 'lock', target: 'road:SY-2:2026-11-22:O-5', locked: true },
      { op: 'lock', target: 'road:SY-2:2026-11-22:O-5', locked: false },
    );
    expect(unlocked.plan.road.find((r) => r.order === 'O-5')!.locked).toBeFalsy();
  });
});
