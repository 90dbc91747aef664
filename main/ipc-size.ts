import { exceedsCallLimit, MAX_CALL_MESSAGE_BYTES } from '../core/contract/limits';
import type { ClientMessage, HostMessage } from '../core/contract/protocol';

/**
 * The desktop window's calls are held to the size browser mode allows a frame: the contract's
 * largest call (core/contract/limits.ts), measured the same way, as the call's JSON text. Without
 * it a page could post anything Chromium's IPC carries, and the host would deserialise it before
 * any schema ran. Returns the refusal to send back, or null to pass the call on.
 */
export function oversizeRefusal(msg: ClientMessage, limit = MAX_CALL_MESSAGE_BYTES): HostMessage | null {
  if (msg.type !== 'call') return null; // a cancel is an id
  let text: string;
  try {
    text = JSON.stringify(msg);
  } catch {
    // A cycle or a BigInt: no schema of the contract accepts it, and the size cannot be told.
    return refusal(msg.id, 'BAD_PAYLOAD', 'The call cannot be sent: its payload is not plain data (JSON).');
  }
  if (!exceedsCallLimit(text, limit)) return null;
  return refusal(
    msg.id,
    'LIMIT_EXCEEDED',
    `The request is larger than the ${Math.floor(limit / 1048576)} MiB the host accepts.`,
  );
}

function refusal(id: number, code: 'BAD_PAYLOAD' | 'LIMIT_EXCEEDED', message: string): HostMessage {
  return { type: 'error', id, error: { code, message } };
}
