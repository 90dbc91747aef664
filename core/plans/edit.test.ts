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

  it("moves all of a line's wagons as all its tonnes, and fewer as full wagons", () => {
    const all = edit({ op: 'move', order: 'O-3', from: 'rake:R-1', to: 'unserved', wagons: 2 });
    expect(all.plan.rakes.find((r) => r.rakeId === 'R-1')!.lines.map((l) => l.order)).toEqual(['O-1']);
    expect(all.plan.unserved.find((u) => u.order === 'O-3')!.tonnes).toBe(100);
    const one = edit({ op: 'move', order: 'O-1', from: 'rake:R-1', to: 'unserved', wagons: 1 });
    const left = one.plan.rakes.find((r) => r.rakeId === 'R-1')!.lines.find((l) => l.order === 'O-1')!;
    expect([left.wagons, left.tonnes]).toEqual([9, 540]);
    expect(() => edit({ op: 'move', order: 'O-3', from: 'rake:R-1', to: 'unserved', wagons: 3 })).toThrow(
      'edits[0] (move): only 2 wagons of order O-3 are on rake R-1, asked to move 3',
    );
  });

  it('refuses wagons for a move from where there are no wagons, in plain words', () => {
    expect(() => edit({ op: 'move', order: 'O-2', from: 'unserved', to: 'rake:R-1', wagons: 2 })).toThrow(
      'edits[0] (move): wagons count the wagons of the rake a move comes from, and unserved has none: give tonnes',
    );
    expect(() => edit({ op: 'move', order: 'O-5', from: 'road:SY-2:2026-11-22', to: 'unserved', wagons: 1 })).toThrow(
      /road:SY-2:2026-11-22 has none: give tonnes/,
    );
    // Tonnes from unserved are read as before.
    const moved = edit({ op: 'move', order: 'O-2', from: 'unserved', to: 'rake:R-1', tonnes: 120 });
    expect(moved.plan.rakes.find((r) => r.rakeId === 'R-1')!.lines.find((l) => l.order === 'O-2')!.wagons).toBe(2);
  });
});
