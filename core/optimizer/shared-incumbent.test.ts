import { describe, expect, it } from 'vitest';
import { tiny } from './__fixtures__/tiny';
import { solveLp } from './highs-driver';
import { buildModel, draftToStart } from './model';
import { prepare } from './prep';
import { ruleBasedDraft } from './rule-based';
import { SharedIncumbent } from './shared-incumbent';

describe('SharedIncumbent', () => {
  it('keeps only cheaper plans, hands out copies, and is the same plan to every view of its buffer', () => {
    const a = new SharedIncumbent(3);
    expect(a.takeIfBetter(Infinity)).toBeNull();
    expect(a.offer([1, 2, 3], 100)).toBe(true);
    expect(a.offer([9, 9, 9], 100)).toBe(false); // not cheaper
    expect(a.offer([9, 9, 9], 120)).toBe(false);
    // A second view over the buffer, as the other thread has it.
    const b = new SharedIncumbent(a.buffer);
    expect(b.takeIfBetter(100)).toBeNull();
    const got = b.takeIfBetter(150)!;
    expect(got.objective).toBe(100);
    expect([...got.x]).toEqual([1, 2, 3]);
    got.x[0] = 42; // a copy: the shared plan is untouched
    expect(b.offer([4, 5, 6], 90)).toBe(true);
    expect(a.version).toBe(2);
    expect([...a.takeIfBetter(Infinity)!.x]).toEqual([4, 5, 6]);
  });

  it('the neighbourhood search adopts a cheaper plan published by the other core', async () => {
    const sc = tiny((s) => {
      for (const [i, at] of ['2026-11-23T10:00:00+05:30', '2026-11-23T16:00:00+05:30'].entries()) s.rakes.push({ id: `R-${i + 3}`, wagonType: 'BFNS', wagons: 20, expectedPlacement: at });
    });
    const p = prepare(sc);
    const b = buildModel(p);
    const text = b.lp.toLp();
    const exact = await solveLp(b.lp, text, { timeLimitS: 20, gap: 0 });
    const start = draftToStart(p, b, ruleBasedDraft(p));
    // The "other core" already holds the optimum; the search starts from the rule-based plan.
    const shared = new SharedIncumbent(b.lp.names.length);
    shared.offer(exact.x!, exact.objective!);
    const groups = [[...b.rakeInts.values()][0]!];
    const res = await solveLp(b.lp, text, { timeLimitS: 5, gap: 0.0001, start, neighbourhoods: groups, lnsShare: 1, shared });
    expect(res.status).toMatch(/from the other core's plan/);
    expect(res.objective!).toBeCloseTo(exact.objective!, 3);
    expect(shared.takeIfBetter(exact.objective! + 1)!.objective).toBeCloseTo(exact.objective!, 3);
  });
});
