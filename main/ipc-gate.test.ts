import { assert, describe, expect, it } from 'vitest';
import { connectionGate } from '../core/contract/call-gate';
import { CALL_MESSAGE_LIMITS, callMessageLimit, LIST_CALL_BYTES, SMALL_CALL_BYTES } from '../core/contract/limits';
import type { ClientMessage } from '../core/contract/protocol';
import { readFrame } from '../core/host/transports/ws-frame';
import { windowCallGate } from './ipc-gate';

/** A call of `name` whose message is exactly `bytes` long (ASCII padding in an unknown field). */
function callOfBytes(name: string, bytes: number): ClientMessage {
  const empty = JSON.stringify({ type: 'call', id: 7, name, payload: { pad: '' } }).length;
  return { type: 'call', id: 7, name, payload: { pad: 'p'.repeat(bytes - empty) } };
}

describe('desktop IPC gate', () => {
  it('holds each call to the limit browser mode holds it to: the same answer at the limit and one byte past it', () => {
    const names = Object.keys(CALL_MESSAGE_LIMITS).filter((n) => callMessageLimit(n) <= LIST_CALL_BYTES);
    for (const name of names) {
      const limit = callMessageLimit(name);
      for (const bytes of [limit, limit + 1]) {
        const msg = callOfBytes(name, bytes);
        const ipc = windowCallGate()(1, msg);
        const ws = readFrame(Buffer.from(JSON.stringify(msg)), connectionGate());
        if (bytes === limit) {
          expect(ipc, name).toBeNull();
          expect(ws, name).toEqual({ pass: msg });
        } else {
          expect(ipc, name).toMatchObject({ type: 'error', id: 7, error: { code: 'LIMIT_EXCEEDED' } });
          expect(ws, name).toEqual({ answer: ipc });
        }
      }
    }
  });

  it('counts bytes, not characters: three-byte characters are refused at a third of the length', () => {
    const limit = callMessageLimit('health.get');
    const gate = windowCallGate();
    expect(
      gate(1, { type: 'call', id: 1, name: 'health.get', payload: { n: '₹'.repeat(limit / 3 - 100) } }),
    ).toBeNull();
    expect(gate(1, { type: 'call', id: 2, name: 'health.get', payload: { n: '₹'.repeat(limit / 3) } })).toMatchObject({
      error: { code: 'LIMIT_EXCEEDED' },
    });
  });

  it('refuses a huge payload to a small call having read about the limit of it, never the rest', () => {
    const limit = callMessageLimit('health.get');
    let reads = 0;
    const rows = new Proxy(new Array<string>(1_000_000).fill('row'), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const payload = { rows };
    Object.defineProperty(payload, 'rest', {
      enumerable: true,
      get: () => {
        throw new Error('read past the limit');
      },
    });
    const answer = windowCallGate()(1, { type: 'call', id: 9, name: 'health.get', payload });
    expect(answer).toEqual({
      type: 'error',
      id: 9,
      error: {
        code: 'LIMIT_EXCEEDED',
        message: `The 'health.get' call is more than 16,385 bytes; it takes at most 16,384 bytes.`,
      },
    });
    // Each row is 6 bytes ('"row",'): the rows that fit under the limit, and the one that passed it.
    expect(reads).toBeLessThanOrEqual(Math.ceil(limit / 6) + 1);
  });

  it('drops a cancel larger than any call needs, without reading it all', () => {
    const junk = { pad: 'x'.repeat(SMALL_CALL_BYTES) };
    Object.defineProperty(junk, 'rest', { enumerable: true, get: () => assert.fail('read past the limit') });
    expect(windowCallGate()(1, { type: 'cancel', id: 4, junk } as ClientMessage)).toBe('drop');
  });

  it('refuses a burst of large calls from one window on its byte budget, each window on its own', () => {
    const gate = windowCallGate({ bytesPerS: 1, bytesBurst: 3_000_000 });
    const edit = callOfBytes('plans.edit', 1_000_000);
    const answers = [1, 2, 3, 4, 5].map((id) => gate(1, { ...edit, id }));
    expect(answers.slice(0, 3)).toEqual([null, null, null]);
    expect(answers[3]).toMatchObject({ id: 4, error: { code: 'LIMIT_EXCEEDED', message: /Too much data/ } });
    expect(gate(2, edit)).toBeNull();
  });

  it('passes a burst of messages, then answers calls LIMIT_EXCEEDED and drops cancels, each window on its own', () => {
    const gate = windowCallGate({ messagesPerS: 50 });
    const call = (id: number) => ({ type: 'call' as const, id, name: 'health.get', payload: {} });
    const answers = Array.from({ length: 300 }, (_, i) => gate(1, call(i + 1)));
    expect(answers.filter((a) => a === null).length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((a) => a !== null).length).toBeGreaterThan(100);
    expect(gate(1, { type: 'cancel', id: 5 })).toBe('drop');
    expect(gate(2, call(1))).toBeNull();
    // A closed window's spent budget is dropped with it.
    gate.forget(1);
    expect(gate(1, call(301))).toBeNull();
  });

  it('refuses a payload that is not plain data, and passes cancels', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const gate = windowCallGate();
    expect(gate(1, { type: 'call', id: 7, name: 'health.get', payload: cyclic })).toMatchObject({
      id: 7,
      error: { code: 'BAD_PAYLOAD' },
    });
    expect(gate(1, { type: 'cancel', id: 7 })).toBeNull();
  });
});

describe('desktop IPC payload bounds', () => {
  it('refuses an object wider than the host reads before the host sees it, as the host would', () => {
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 0]));
    expect(windowCallGate()(1, { type: 'call', id: 3, name: 'plans.solve', payload: { scenario: wide } })).toEqual({
      type: 'error',
      id: 3,
      error: {
        code: 'BAD_PAYLOAD',
        message: "Invalid payload for 'plans.solve': an object holds 5,000 fields; no object may hold more than 1,000.",
      },
    });
  });
});
