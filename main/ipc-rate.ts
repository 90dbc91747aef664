import type { ClientMessage, HostMessage } from '../core/contract/protocol';
import { TokenBucket, WINDOW_MESSAGES_PER_S } from '../core/contract/rate-limit';

/**
 * The desktop window's calls at the rate browser mode allows a tab: over it, a call is answered
 * LIMIT_EXCEEDED at once (a cancel is dropped), so a runaway page cannot queue unbounded work
 * in the host. Returns the refusal to send back, or null to pass the message on.
 */
export function windowRateGate(
  ratePerS = WINDOW_MESSAGES_PER_S,
): (window: number, msg: ClientMessage) => HostMessage | 'drop' | null {
  const buckets = new Map<number, TokenBucket>();
  return (window, msg) => {
    let b = buckets.get(window);
    if (!b) buckets.set(window, (b = new TokenBucket(ratePerS, ratePerS * 2)));
    if (b.take()) return null;
    if (msg.type !== 'call') return 'drop';
    return {
      type: 'error',
      id: msg.id,
      error: { code: 'LIMIT_EXCEEDED', message: 'Too many requests from this window; slow down.' },
    };
  };
}
