import { describe, expect, it } from 'vitest';
import { rowCountText } from './rowCount';

describe('rowCountText', () => {
  it('says "1 row", never "1 rows", and counts filtered rows against all', () => {
    expect(rowCountText(1, 1)).toBe('1 row');
    expect(rowCountText(194, 194)).toBe('194 rows');
    expect(rowCountText(12, 194)).toBe('12 of 194 rows');
    expect(rowCountText(2000, 2000)).toBe('2,000 rows');
    expect(rowCountText(1001, 12500)).toBe('1,001 of 12,500 rows');
  });
});
