import { describe, expect, it } from 'vitest';
import { connectionGate } from '../../contract/call-gate';
import { callMessageLimit, SMALL_CALL_BYTES } from '../../contract/limits';
import { readFrame } from './ws-frame';

const frame = (text: string) => Buffer.from(text, 'utf8');
/** A `health.get` whose payload holds `n` unknown keys, as the browser client would write it. */
const wideHealth = (n: number) =>
  JSON.stringify({
    type: 'call',
    id: 1,
    name: 'health.get',
    payload: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0])),
  });

describe('WebSocket frame', () => {
  it('refuses a call larger than its limit from its head, unparsed, naming call, size and limit', () => {
    const text = wideHealth(200_000);
    // Not JSON after the head: a frame refused by its head is never parsed.
    const broken = frame(text.slice(0, -2));
    const out = readFrame(broken, connectionGate());
    expect(out).toEqual({
      answer: {
        type: 'error',
        id: 1,
        error: {
          code: 'LIMIT_EXCEEDED',
          message: `The 'health.get' call is ${broken.length.toLocaleString('en-US')} bytes; it takes at most 16,384 bytes.`,
        },
      },
    });
  });

  it('refuses a large call under its limit holding an object of millions of keys, before parsing it', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}":0`).join(',');
    // Cut short: not JSON, so a frame that was parsed would be closed 1007 instead of answered.
    const text = `{"type":"call","id":4,"name":"registry.evaluate","payload":{"name":"m","version":1,${keys}`;
    expect(readFrame(frame(text), connectionGate())).toEqual({
      answer: {
        type: 'error',
        id: 4,
        error: {
          code: 'BAD_PAYLOAD',
          message: "Invalid payload for 'registry.evaluate': an object holds more than 1,000 fields.",
        },
      },
    });
  });

  it('passes a large call under its limit once its body names the same call', () => {
    const payload = { fileName: 'orders.json', dataBase64: 'A'.repeat(100_000) };
    const text = JSON.stringify({ type: 'call', id: 9, name: 'scenarios.import', payload });
    expect(readFrame(frame(text), connectionGate())).toEqual({
      pass: { type: 'call', id: 9, name: 'scenarios.import', payload },
    });
  });

  it('closes a large frame whose head is not the call it carries, or that names no call up front', () => {
    const big = 'A'.repeat(100_000);
    // JSON keeps the last "name": a small call smuggled under a large call's limit.
    const swapped = `{"type":"call","id":1,"name":"scenarios.import","payload":{"x":"${big}"},"name":"health.get"}`;
    expect(readFrame(frame(swapped), connectionGate())).toEqual({
      close: { code: 1008, reason: "the call's head and body disagree" },
    });
    const reordered = `{"name":"scenarios.import","type":"call","id":1,"payload":{"x":"${big}"}}`;
    expect(readFrame(frame(reordered), connectionGate())).toMatchObject({ close: { code: 1009 } });
    const spaced = `{ "type": "call", "id": 1, "name": "scenarios.import", "payload": "${big}" }`;
    expect(readFrame(frame(spaced), connectionGate())).toMatchObject({ close: { code: 1009 } });
  });

  it('parses a small frame first, whatever the order of its fields, and answers or closes as before', () => {
    const text = `{"payload":{},"name":"health.get","id":3,"type":"call"}`;
    expect(readFrame(frame(text), connectionGate())).toEqual({
      pass: { type: 'call', id: 3, name: 'health.get', payload: {} },
    });
    expect(readFrame(frame('{not json'), connectionGate())).toMatchObject({ close: { code: 1007 } });
    expect(readFrame(frame('42'), connectionGate())).toMatchObject({ close: { code: 1008 } });
    const noName = JSON.stringify({ type: 'call', id: 7, name: 'x'.repeat(200), payload: {} });
    expect(readFrame(frame(noName), connectionGate())).toMatchObject({
      answer: { id: 7, error: { code: 'BAD_PAYLOAD' } },
    });
  });

  it('measures at the exact limit: a frame of the limit passes, one byte more is refused', () => {
    const limit = callMessageLimit('health.get');
    expect(limit).toBe(SMALL_CALL_BYTES);
    const at = `{"type":"call","id":1,"name":"health.get","payload":{"pad":"${'p'.repeat(limit)}"}}`;
    const pad = at.length - limit;
    const exact = at.replace(`"${'p'.repeat(limit)}"`, `"${'p'.repeat(limit - pad)}"`);
    expect(Buffer.byteLength(exact)).toBe(limit);
    expect(readFrame(frame(exact), connectionGate())).toMatchObject({ pass: { name: 'health.get' } });
    const over = exact.replace('"p', '"pp');
    expect(readFrame(frame(over), connectionGate())).toMatchObject({ answer: { error: { code: 'LIMIT_EXCEEDED' } } });
  });
});
