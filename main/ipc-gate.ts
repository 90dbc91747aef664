import { connectionGate, type GateOptions } from '../core/contract/call-gate';
import { ContractError } from '../core/contract/errors';
import { jsonSize } from '../core/contract/json-size';
import { callMessageLimit, SMALL_CALL_BYTES } from '../core/contract/limits';
import type { ClientMessage, HostMessage } from '../core/contract/protocol';
import { assertPayloadBounds } from '../core/contract/payload-bounds';

/**
 * The desktop window's messages through the gate browser mode puts on a tab's WebSocket
 * (core/contract/call-gate.ts): the same message and byte budgets per window, and each call held
 * to its own size limit, measured the same way, as the UTF-8 bytes of the call's JSON text. The
 * size is counted by a walk that stops once past the call's limit (json-size.ts), so a huge payload
 * sent to a small call costs main about the limit's worth of reading, not a stringify of it all.
 * A cancel is measured against the least any call takes: a larger one carries nothing a cancel
 * needs and is dropped, as browser mode closes on a frame that large not beginning with a call.
 * Without it a page could post anything Chromium's IPC carries, and the host would validate it.
 * A payload nested too deep or holding too wide an object is refused here too, as the host would
 * refuse it, before it is cloned once more into the host process; that check runs after the size,
 * on a payload already within its limit, so it too reads no more than the limit's worth, and it
 * names the same fault the host's own check would.
 * Returns the refusal to send back, 'drop' for a cancel over budget, or null to pass it on.
 */
export function windowCallGate(opts: GateOptions = {}): WindowCallGate {
  const gates = new Map<number, ReturnType<typeof connectionGate>>();
  const admit = (window: number, msg: ClientMessage): HostMessage | 'drop' | null => {
    let gate = gates.get(window);
    if (!gate) gates.set(window, (gate = connectionGate(opts)));
    const cap = msg.type === 'call' ? callMessageLimit(msg.name) : SMALL_CALL_BYTES;
    let size: ReturnType<typeof jsonSize>;
    try {
      size = jsonSize(msg, cap);
    } catch {
      // A cycle or a BigInt: no schema of the contract accepts it, and the size cannot be told.
      const message = 'The call cannot be sent: its payload is not plain data (JSON).';
      return { type: 'error', id: msg.id, error: { code: 'BAD_PAYLOAD', message } };
    }
    if (msg.type === 'cancel' && !size.whole) return 'drop';
    const refused = gate(msg, size.bytes, !size.whole);
    if (refused !== null || msg.type !== 'call') return refused;
    try {
      assertPayloadBounds(msg.name, msg.payload);
    } catch (err) {
      if (!(err instanceof ContractError)) throw err;
      return { type: 'error', id: msg.id, error: err.toData() };
    }
    return null;
  };
  return Object.assign(admit, { forget: (window: number) => void gates.delete(window) });
}

export type WindowCallGate = ((window: number, msg: ClientMessage) => HostMessage | 'drop' | null) & {
  /** A closed window's budgets go with it: window ids are never reused, so they would only pile up. */
  forget(window: number): void;
};
