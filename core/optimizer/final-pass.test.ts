import { describe, expect, it } from 'vitest';
import { finalPassExtraS, finalPassReserveS, postSolveReserveS } from './final-pass';

describe('time for the final improvement pass', () => {
  it('is its reserve on a quiet machine and stretches to the same CPU time on a busy one, within 10 % of the limit', () => {
    expect(finalPassExtraS(120, 1)).toBe(0);
    // At half a core's share the pass needs its reserve twice over: as much again.
    expect(finalPassExtraS(120, 0.5)).toBeCloseTo(finalPassReserveS(120), 9);
    expect(finalPassExtraS(120, 0.1)).toBe(12);
    expect(finalPassExtraS(30, 0.25)).toBe(3);
    // A meter reading above 1 (scheduler noise) gives no negative time.
    expect(finalPassExtraS(30, 1.4)).toBe(0);
  });
});

describe('time kept after a decomposed solve for pricing, explaining and checking its plan', () => {
  it('is the quiet reserve on a quiet machine and stretches with the CPU share and the orders, within 10 % of the limit', () => {
    expect(postSolveReserveS(120, 2000, 1)).toBe(3.5);
    expect(postSolveReserveS(30, 600, 1)).toBe(1.5);
    // Large at a quarter of a core: 1.8 s of CPU over 0.25.
    expect(postSolveReserveS(120, 2000, 0.25)).toBeCloseTo(7.2, 9);
    // A third more orders at that share: a third more time; twice: capped at a tenth of the limit.
    expect(postSolveReserveS(120, 2500, 0.25)).toBeCloseTo(9, 9);
    expect(postSolveReserveS(120, 4000, 0.25)).toBe(12);
    // A meter reading below the floor plans on the floor's share, not on nothing.
    expect(postSolveReserveS(120, 2000, 0.01)).toBeCloseTo(9, 9);
  });
});
