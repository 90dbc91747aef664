import type { connectionGate, MessageHead } from '../../contract/call-gate';
import { SMALL_CALL_BYTES } from '../../contract/limits';
import { isClientMessage, type ClientMessage, type HostMessage } from '../../contract/protocol';
import { invalidPayload, jsonWidthFault } from '../../contract/payload-bounds';

/** What to do with one text frame: pass its message on, answer it, or close the connection. */
export type FrameOutcome =
  { pass: ClientMessage } | { answer: HostMessage } | { close: { code: number; reason: string } } | { drop: true };

/**
 * The head the browser client writes (JSON.stringify of `{type, id, name, payload}`), read from
 * the frame's first bytes. A regular expression over a bounded prefix, not a parse: the name must
 * be known before the rest is read, and a scan that stops at a fixed length costs the same for a
 * frame of 20 KB or 80 MB. 512 bytes hold the longest id and a 128-character name of 3-byte
 * characters.
 */
const HEAD = /^\{"type":"call","id":(\d{1,16}),"name":"([^"\\]{1,128})",/;
const HEAD_BYTES = 512;

/**
 * One text frame through the connection's gate. A frame no larger than the least any call takes
 * is parsed first (that costs little) and admitted by what it says. A larger one is measured
 * against its call's limit and the budgets from its head alone, and scanned for an object wider
 * than any payload holds, so a frame refused is never parsed; it must begin with the client's head, and its parsed body must name the same call
 * (JSON keeps the last of duplicate keys: a second "name" further on would otherwise swap a
 * small call in under a large call's limit).
 */
export function readFrame(data: Buffer, gate: ReturnType<typeof connectionGate>): FrameOutcome {
  let head: MessageHead | null = null;
  if (data.length > SMALL_CALL_BYTES) {
    const m = HEAD.exec(data.toString('utf8', 0, HEAD_BYTES));
    const id = m ? Number(m[1]) : NaN;
    if (!m || !Number.isSafeInteger(id))
      return close(1009, `a message over ${SMALL_CALL_BYTES} bytes must begin with its call`);
    head = { type: 'call', id, name: m[2]! };
    const refused = admit(gate, head, data.length);
    if (refused) return refused;
    // Before the parse, which alone would cost seconds for an object of millions of keys.
    const wide = jsonWidthFault(data);
    if (wide) return { answer: { type: 'error', id, error: invalidPayload(head.name, wide).toData() } };
  }
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString('utf8'));
  } catch {
    return close(1007, 'malformed JSON');
  }
  if (!isClientMessage(msg)) {
    // A frame the client cannot be answered on (no call id) ends the connection; one with an id is
    // answered, so the caller does not wait for ever.
    const id = (msg as { id?: unknown } | null)?.id;
    if (!Number.isSafeInteger(id)) return close(1008, 'not a call');
    const message = "Not a call: send type 'call' with a name of at most 128 characters, or type 'cancel'.";
    return { answer: { type: 'error', id: id as number, error: { code: 'BAD_PAYLOAD', message } } };
  }
  if (head === null) return admit(gate, msg, data.length) ?? { pass: msg };
  if (msg.type !== 'call' || msg.id !== head.id || msg.name !== head.name)
    return close(1008, "the call's head and body disagree");
  return { pass: msg };
}

function admit(gate: ReturnType<typeof connectionGate>, head: MessageHead, bytes: number): FrameOutcome | null {
  const refused = gate(head, bytes);
  if (refused === null) return null;
  return refused === 'drop' ? { drop: true } : { answer: refused };
}

function close(code: number, reason: string): FrameOutcome {
  return { close: { code, reason } };
}
