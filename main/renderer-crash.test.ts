import { describe, expect, it } from 'vitest';
import { shouldReload } from './renderer-crash';

describe('reload after a renderer crash', () => {
  it('reloads after a crash, not after a clean exit', () => {
    expect(shouldReload('crashed', [], 1_000_000)).toBe(true);
    expect(shouldReload('oom', [], 1_000_000)).toBe(true);
    expect(shouldReload('clean-exit', [], 1_000_000)).toBe(false);
  });

  it('stops after three crashes within a minute, and reloads again once they are older', () => {
    const now = 1_000_000;
    expect(shouldReload('crashed', [now - 50_000, now - 20_000], now)).toBe(true);
    expect(shouldReload('crashed', [now - 50_000, now - 20_000, now - 1_000], now)).toBe(false);
    expect(shouldReload('crashed', [now - 200_000, now - 120_000, now - 61_000], now)).toBe(true);
  });
});
