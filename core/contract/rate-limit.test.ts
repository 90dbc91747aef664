import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit';

describe('token bucket', () => {
  it('allows a burst, refuses beyond it, and refills at the rate', () => {
    let t = 0;
    const b = new TokenBucket(10, 20, () => t);
    let ok = 0;
    for (let i = 0; i < 30; i++) if (b.take()) ok++;
    expect(ok).toBe(20);
    t += 500; // half a second at 10/s → 5 more
    ok = 0;
    for (let i = 0; i < 30; i++) if (b.take()) ok++;
    expect(ok).toBe(5);
  });
});
