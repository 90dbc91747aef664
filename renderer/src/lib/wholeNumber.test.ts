import { describe, expect, it } from 'vitest';
import { parseWholeNumber } from './wholeNumber';

describe('a whole number typed in a bounded field', () => {
  it('reads what was typed, not a clamped value', () => {
    expect(parseWholeNumber('7', 1, 14)).toBe(7);
    expect(parseWholeNumber(' 14 ', 1, 14)).toBe(14);
    expect(parseWholeNumber('07', 1, 14)).toBe(7);
  });
  it('refuses empty, out-of-range, fractional and non-numeric text rather than guessing', () => {
    for (const text of ['', '0', '17', '-3', '2.5', '1e1', 'abc', '7 days'])
      expect(parseWholeNumber(text, 1, 14), text).toBeNull();
  });
});
