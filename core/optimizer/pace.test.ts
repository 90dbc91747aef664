import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_CPU_SHARE, roundsEnd } from './pace';

describe('roundsEnd: when column generation stops its rounds on a busy machine', () => {
  // Rounds planned to end at 100 s, the run's deadline at 200 s, 50 s of CPU wanted after them.
  const end = (share: number, minEnd = 60_000) => roundsEnd(100_000, 200_000, 50, share, minEnd);

  it('keeps the planned end when the run gets its cores', () => {
    expect(end(1)).toBe(100_000);
  });

  it('ends the rounds early enough that what follows gets its CPU at the measured share', () => {
    // At 40 % of a core, 50 s of CPU take 125 s of wall time: the rounds end at 75 s.
    expect(end(0.4)).toBeCloseTo(75_000, 6);
  });

  it('never ends them before the share of their time they keep', () => {
    expect(end(0.25)).toBe(60_000);
    expect(end(0.25, 80_000)).toBe(80_000);
  });

  it('stays between the kept share and the planned end, earlier as the share drops', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100_000 }),
        (a, b, minEnd) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const e = end(lo, minEnd);
          expect(e).toBeGreaterThanOrEqual(Math.min(100_000, minEnd));
          expect(e).toBeLessThanOrEqual(100_000);
          expect(e).toBeLessThanOrEqual(end(hi, minEnd) + 1e-6);
          if (lo < MIN_CPU_SHARE) expect(e).toBe(end(MIN_CPU_SHARE, minEnd));
        },
      ),
    );
  });
});
