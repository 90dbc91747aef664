import { describe, expect, it } from 'vitest';
import { axisWidth, dateToX, formatTick, tickSpace } from './chartFormat';

describe('chart format', () => {
  it('labels ticks with grouping and units', () => {
    expect(formatTick(142200, 'ms', 20000)).toBe('1,42,200 ms');
    expect(formatTick(0.25, 'calls/s', 0.05)).toBe('0.25 calls/s');
    expect(formatTick(1.5, '', 0.5)).toBe('1.5');
  });
  it('makes the axis wide enough for its longest label', () => {
    expect(axisWidth(['0 ms', '1,42,200 ms'])).toBeGreaterThanOrEqual(11 * 7);
    expect(axisWidth(['1'])).toBe(40);
  });
  it('spaces x ticks wider than their labels', () => {
    expect(tickSpace('15 Nov 2025')).toBeGreaterThan(11 * 7);
    expect(tickSpace('15 Nov 2025')).toBeLessThan(120);
    expect(tickSpace('3')).toBe(50);
  });
  it('places a date at its midday', () => {
    expect(new Date(dateToX('2026-11-22') * 1000).toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });
});
