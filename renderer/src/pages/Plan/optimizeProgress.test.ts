import { describe, expect, it } from 'vitest';
import { progressClock, progressPhase } from './optimizeProgress';

const solving = { phase: 'solving' as const, incumbent: 1, bound: null, gap: null, elapsedS: 3 };

describe('the Optimize progress line', () => {
  it('counts towards the limit while the search runs', () => {
    expect(progressClock(12, 20)).toBe('12 s of 20 s');
    expect(progressPhase(12, 20, solving)).toBe('solving');
    expect(progressPhase(0, 20, null)).toBe('starting…');
  });

  it('past the limit says the search limit is reached and the plan is being finished', () => {
    expect(progressClock(23, 15)).toBe('23 s (search limit 15 s reached)');
    expect(progressPhase(23, 15, { ...solving, phase: 'checking' })).toBe('finishing: checking the plan');
  });
});
