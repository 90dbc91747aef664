import { callMessageLimit, MAX_CALL_MESSAGE_BYTES } from './limits';
import type { HostMessage } from './protocol';
import { TokenBucket, WINDOW_BYTES_PER_S, WINDOW_MESSAGES_PER_S } from './rate-limit';

/** What a transport must know of a message to admit it: a call's id and name, or a cancel's id. */
export type MessageHead = { type: 'call'; id: number; name: string } | { type: 'cancel'; id: number };

export interface GateOptions {
  /** Messages a second, sustained; bursts may reach twice that. */
  messagesPerS?: number;
  /** Bytes a second, sustained. */
  bytesPerS?: number;
  /** Bytes in a burst; by default the contract's largest call, so that call always passes a rested connection. */
  bytesBurst?: number;
  now?: () => number;
}

/**
 * One connection's admission, the same for a browser tab's WebSocket and a desktop window's IPC:
 * its message budget, its byte budget, then the call's own size limit (limits.ts). A transport
 * calls it with the message's size before it parses the message, where it can. Returns the
 * refusal to answer, 'drop' for a cancel over budget (it has no answer), or null to pass it on.
 * `more` says the message was measured only until it passed its call's limit: it is larger than
 * `bytes`, and only `bytes` of it were read.
 */
export function connectionGate(
  opts: GateOptions = {},
): (head: MessageHead, bytes: number, more?: boolean) => HostMessage | 'drop' | null {
  const messagesPerS = opts.messagesPerS ?? WINDOW_MESSAGES_PER_S;
  const messages = new TokenBucket(messagesPerS, messagesPerS * 2, opts.now);
  const volume = new TokenBucket(
    opts.bytesPerS ?? WINDOW_BYTES_PER_S,
    opts.bytesBurst ?? MAX_CALL_MESSAGE_BYTES,
    opts.now,
  );
  return (head, bytes, more = false) => {
    // A message refused for the count takes nothing from the byte budget.
    const over = !messages.take() ? 'many requests' : !volume.take(bytes) ? 'much data' : null;
    // Over a budget: answer at once instead of queueing work the host can't keep up with.
    if (over)
      return head.type === 'call' ? limitExceeded(head.id, `Too ${over} on this connection; slow down.`) : 'drop';
    if (head.type !== 'call') return null;
    const limit = callMessageLimit(head.name);
    return bytes > limit ? callTooLarge(head.id, head.name, bytes, limit, more) : null;
  };
}

/**
 * The refusal of a call whose message is larger than its call takes, naming the call, the size and
 * the limit; `more` when the size is only where measuring stopped, past the limit.
 */
export function callTooLarge(
  id: number,
  name: string,
  bytes: number,
  limit = callMessageLimit(name),
  more = false,
): HostMessage {
  const n = (b: number) => b.toLocaleString('en-US');
  const size = `${more ? 'more than ' : ''}${n(bytes)}`;
  return limitExceeded(id, `The '${name}' call is ${size} bytes; it takes at most ${n(limit)} bytes.`);
}

function limitExceeded(id: number, message: string): HostMessage {
  return { type: 'error', id, error: { code: 'LIMIT_EXCEEDED', message } };
}
