import { describe, expect, it } from 'vitest';
import { suggestedTimeLimitS } from './timeLimit';

describe('suggested time limit', () => {
  it('grows with the scenario: a day 30 s, the week demo 2 min, a large plant 5 min', () => {
    expect(suggestedTimeLimitS({ orders: 12, rakes: 2, days: 1 })).toBe(10);
    expect(suggestedTimeLimitS({ orders: 120, rakes: 10, days: 3 })).toBe(30);
    expect(suggestedTimeLimitS({ orders: 400, rakes: 25, days: 7 })).toBe(120);
    expect(suggestedTimeLimitS({ orders: 2000, rakes: 120, days: 7 })).toBe(300);
  });
});
