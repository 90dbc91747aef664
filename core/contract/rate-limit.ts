/**
 * Messages a second one window may send, sustained (bursts twice that), in both shells: a
 * window's own bursts (a pasted range, a page of calls) stay far below it.
 */
export const WINDOW_MESSAGES_PER_S = 500;

/**
 * Bytes a second one window may send, sustained, beside its messages: a message costs the host
 * parsing and validation in proportion to its size, so a burst of large messages is refused like
 * a burst of many. The burst is the contract's largest call (limits.ts), which therefore always
 * passes a rested connection; a second one waits until the bucket has refilled (≈ 10 s for the
 * largest model, ≈ 5 s for a full scenario file).
 */
export const WINDOW_BYTES_PER_S = 8 * 1024 * 1024;

/**
 * A token bucket per connection: `ratePerS` tokens a second on average, bursts up to `burst`,
 * so one runaway window (or a hostile local page that got the token) cannot starve the host.
 * A token is a message, or a byte for the byte budget.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens if the bucket holds them; otherwise takes none. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerS);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
