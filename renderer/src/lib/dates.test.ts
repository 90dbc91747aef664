import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatInstant, offsetMinutes, plantDate } from './dates';

describe('one date format, with the year, on the stored clock', () => {
  it('formats plant times as stored', () => {
    expect(formatDateTime('2026-02-12T06:00:00+05:30')).toBe('12 Feb 2026, 06:00');
    expect(formatDate('2026-02-13')).toBe('13 Feb 2026');
    expect(formatDate('2026-02-12T23:30:00+05:30')).toBe('12 Feb 2026');
    expect(offsetMinutes('2026-02-12T06:00:00-03:00')).toBe(-180);
  });
  it('shows moments on plant time (IST)', () => {
    expect(formatInstant('2026-12-05T05:05:00Z')).toBe('5 Dec 2026, 10:35');
  });
  it('leaves unreadable text as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe("the plant's date", () => {
  it('turns at midnight IST, not UTC', () => {
    expect(plantDate(Date.parse('2026-12-06T18:29:00Z'))).toBe('2026-12-06');
    expect(plantDate(Date.parse('2026-12-06T18:30:00Z'))).toBe('2026-12-07');
    expect(plantDate(Date.parse('2026-01-01T00:00:00+05:30'))).toBe('2026-01-01');
  });
});
