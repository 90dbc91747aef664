import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../../../core/contract/protocol';
import { MAX_CALL_MESSAGE_BYTES } from '../../../core/contract/limits';

// A socket that opens at once and records what is sent: the transport's only contact with the host.
const sent: string[] = [];
class FakeSocket {
  static readonly OPEN = 1;
  readyState = 1;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    queueMicrotask(() => this.onopen?.());
  }
  send(text: string) {
    sent.push(text);
  }
}
Object.assign(globalThis, { WebSocket: FakeSocket, window: { location: { host: '127.0.0.1:1' } } });
const { wsTransport } = await import('./transport');

describe('browser transport', () => {
  it('answers a call larger than the host accepts with LIMIT_EXCEEDED instead of sending it', async () => {
    const transport = wsTransport('ab12', () => {});
    await new Promise((r) => queueMicrotask(() => r(null)));
    const got: HostMessage[] = [];
    transport.onMessage((m) => got.push(m));
    const dataBase64 = 'A'.repeat(MAX_CALL_MESSAGE_BYTES);
    transport.send({ type: 'call', id: 7, name: 'scenarios.import', payload: { fileName: 'x.xlsx', dataBase64 } });
    expect(sent).toEqual([]);
    expect(got).toEqual([
      {
        type: 'error',
        id: 7,
        error: {
          code: 'LIMIT_EXCEEDED',
          message: expect.stringMatching(
            /^The 'scenarios.import' call is [\d,]+ bytes; it takes at most 41,048,576 bytes\.$/,
          ),
        },
      },
    ]);
    transport.send({ type: 'call', id: 8, name: 'health.get', payload: {} });
    expect(sent).toHaveLength(1);
  });
});
