import { connectionGate, type GateOptions } from '../core/contract/call-gate';
import { ContractError } from '../core/contract/errors';
import type { ClientMessage, HostMessage } from '../core/contract/protocol';
import { assertPayloadBounds } from '../core/contract/payload-bounds';

/**
 * The desktop window's messages through the gate browser mode puts on a tab's WebSocket
 * (core/contract/call-gate.ts): the same message and byte budgets per window, and each call held
 * to its own size limit, measured the same way, as the UTF-8 bytes of the call's JSON text.
 * Without it a page could post anything Chromium's IPC carries, and the host would validate it.
 * A payload nested too deep or holding too wide an object is refused here too, as the host would
 * refuse it, before it is cloned once more into the host process.
 * Returns the refusal to send back, 'drop' for a cancel over budget, or null to pass it on.
 */
export function windowCallGate(
  opts: GateOptions = {},
): (window: number, msg: ClientMessage) => HostMessage | 'drop' | null {
  const gates = new Map<number, ReturnType<typeof connectionGate>>();
  return (window, msg) => {
    let gate = gates.get(window);
    if (!gate) gates.set(window, (gate = connectionGate(opts)));
    let text: string;
    try {
      text = JSON.stringify(msg);
    } catch {
      // A cycle or a BigInt: no schema of the contract accepts it, and the size cannot be told.
      const message = 'The call cannot be sent: its payload is not plain data (JSON).';
      return { type: 'error', id: msg.id, error: { code: 'BAD_PAYLOAD', message } };
    }
    const refused = gate(msg, Buffer.byteLength(text, 'utf8'));
    if (refused !== null || msg.type !== 'call') return refused;
    try {
      assertPayloadBounds(msg.name, msg.payload);
    } catch (err) {
      if (!(err instanceof ContractError)) throw err;
      return { type: 'error', id: msg.id, error: err.toData() };
    }
    return null;
  };
}
