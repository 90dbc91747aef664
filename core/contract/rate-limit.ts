/**
 * Messages a second one window may send, sustained (bursts twice that), in both shells: a
 * window's own bursts (a pasted range, a page of calls) stay far below it.
 */
export const WINDOW_MESSAGES_PER_S = 500;

/**
 * A token bucket per connection: `ratePerS` messages a second on average, bursts up to `burst`,
 * so one runaway window (or a hostile local page that got the token) cannot starve the host.
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

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerS);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
