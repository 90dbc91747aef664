import { describe, expect, it } from 'vitest';
import { callTooLarge, connectionGate } from './call-gate';
import { callMessageLimit, MAX_CALL_MESSAGE_BYTES } from './limits';

const call = (id: number, name = 'health.get') => ({ type: 'call' as const, id, name });

describe('connection gate', () => {
  it('refuses a call larger than its own limit, naming the call, the size and the limit', () => {
    const gate = connectionGate();
    const limit = callMessageLimit('health.get');
    expect(gate(call(1), limit)).toBeNull();
    expect(gate(call(2), 76_888_917)).toEqual({
      type: 'error',
      id: 2,
      error: {
        code: 'LIMIT_EXCEEDED',
        message: `The 'health.get' call is 76,888,917 bytes; it takes at most ${limit.toLocaleString('en-US')} bytes.`,
      },
    });
    expect(connectionGate()(call(3, 'scenarios.import'), 30_000_000)).toBeNull();
    expect(callTooLarge(4, 'x', 20_000)).toMatchObject({ error: { message: /at most 16,384 bytes/ } });
  });

  it('passes the largest call on a rested connection, then refuses a burst of large calls until the bytes refill', () => {
    let t = 0;
    const gate = connectionGate({ bytesPerS: 1_000_000, now: () => t });
    const big = (id: number) => gate(call(id, 'registry.import'), MAX_CALL_MESSAGE_BYTES);
    expect(big(1)).toBeNull();
    expect(big(2)).toMatchObject({
      id: 2,
      error: { code: 'LIMIT_EXCEEDED', message: 'Too much data on this connection; slow down.' },
    });
    // Small calls still pass while the budget holds their bytes.
    t += 1;
    expect(gate(call(3), 500)).toBeNull();
    t += (MAX_CALL_MESSAGE_BYTES / 1_000_000) * 1000;
    expect(big(4)).toBeNull();
  });

  it('counts the bytes of many mid-sized calls like one large one', () => {
    const gate = connectionGate({ bytesPerS: 1, bytesBurst: 100_000, now: () => 0 });
    const answers = Array.from({ length: 10 }, (_, i) => gate(call(i, 'plans.edit'), 30_000));
    expect(answers.slice(0, 3)).toEqual([null, null, null]);
    expect(answers.slice(3).every((a) => a !== null && a !== 'drop' && a.type === 'error')).toBe(true);
  });

  it('passes a burst of messages, then answers calls LIMIT_EXCEEDED and drops cancels', () => {
    const gate = connectionGate({ messagesPerS: 50 });
    const answers = Array.from({ length: 300 }, (_, i) => gate(call(i + 1), 60));
    expect(answers.filter((a) => a === null).length).toBeGreaterThanOrEqual(100);
    const refused = answers.filter((a) => a !== null);
    expect(refused.length).toBeGreaterThan(100);
    expect(refused[0]).toMatchObject({
      type: 'error',
      error: { code: 'LIMIT_EXCEEDED', message: 'Too many requests on this connection; slow down.' },
    });
    expect(gate({ type: 'cancel', id: 5 }, 30)).toBe('drop');
  });
});
