import { describe, expect, it } from 'vitest';
import { matchOptions } from './matchOptions';

const options = Array.from({ length: 1300 }, (_, i) => ({
  value: `ORD-${i}|unserved`,
  label: `ORD-${i} unserved`,
  search: `${i % 2 ? 'DLI' : 'KOL'} ${i % 3 ? 'HR-COIL' : 'PLATE'}`,
}));

describe('matchOptions', () => {
  it('keeps every option for an empty query but renders only the window', () => {
    const r = matchOptions(options, '  ', 50);
    expect(r.total).toBe(1300);
    expect(r.shown.map((o) => o.value)).toEqual(options.slice(0, 50).map((o) => o.value));
  });

  it('finds an order by id, destination and product words in any order and case', () => {
    expect(matchOptions(options, 'ord-1299', 50).shown.map((o) => o.value)).toEqual(['ORD-1299|unserved']);
    const r = matchOptions(options, 'plate dli', 50);
    // Odd and a multiple of 3: i ≡ 3 (mod 6).
    expect(r.total).toBe(Math.floor((1300 - 3 - 1) / 6) + 1);
    expect(r.shown.every((o) => o.search.includes('DLI') && o.search.includes('PLATE'))).toBe(true);
  });

  it('matches nothing for a word no option has', () => {
    expect(matchOptions(options, 'ORD-1 MUMBAI', 50)).toEqual({ shown: [], total: 0 });
  });
});
