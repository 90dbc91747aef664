import { describe, expect, it } from 'vitest';
import { latencyScale } from './latencyScale';

describe('latencyScale', () => {
  it('keeps ms while every call is under 10 s', () => {
    const s = latencyScale([12, null, 9_999]);
    expect(s.unit).toBe('ms');
    expect(s.of(250)).toBe(250);
  });

  it('turns to s once a solve-length call is in the window, gaps kept', () => {
    const s = latencyScale([40, 113_000, null]);
    expect(s.unit).toBe('s');
    expect(s.of(113_000)).toBe(113);
    expect(s.of(null)).toBeNull();
  });
});
