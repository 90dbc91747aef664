import { describe, expect, it } from 'vitest';
import { finalPassExtraS, finalPassReserveS } from './final-pass';

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
