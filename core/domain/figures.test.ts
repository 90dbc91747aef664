import { describe, expect, it } from 'vitest';
import { counted, grouped, plantClock, rupees, rupeesPerT, tonnes } from './figures';

describe('figures in plain text', () => {
  it('groups digits the Indian way and names the unit', () => {
    expect(grouped(12345678.4)).toBe('1,23,45,678');
    expect(rupees(95973703)).toBe('₹9,59,73,703');
    expect(rupees(-1941900)).toBe('−₹19,41,900');
    expect(rupees(-0.4)).toBe('₹0');
    expect(grouped(Number.NaN)).toBe('NaN'); // a broken figure shows, never reads as 0
    expect(tonnes(19250)).toBe('19,250 t');
  });
  it('gives ₹/t in whole rupees, or with both paise digits', () => {
    expect(rupeesPerT(700)).toBe('₹700/t');
    expect(rupeesPerT(3125.7)).toBe('₹3,125.70/t');
    expect(rupeesPerT(6122.654)).toBe('₹6,122.65/t');
    expect(rupeesPerT(1999.999)).toBe('₹2,000/t');
  });
  it('counts in the singular for one and the plural otherwise', () => {
    expect(counted(1, 'wagon')).toBe('1 wagon');
    expect(counted(0, 'rake')).toBe('0 rakes');
    expect(counted(14, 'day')).toBe('14 days');
    expect(counted(12000, 'tonne')).toBe('12,000 tonnes');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
  });
  it('reads a stored instant on the plant clock (IST)', () => {
    expect(plantClock('2026-12-06T02:10:33.120Z')).toBe('2026-12-06 07:40');
    expect(plantClock('2026-12-06T23:50:00+05:30')).toBe('2026-12-06 23:50');
    expect(plantClock('2026-12-06T10:01:59.600Z')).toBe('2026-12-06 15:31');
    expect(plantClock('2026-12-06T20:00:00Z')).toBe('2026-12-07 01:30');
  });
});
