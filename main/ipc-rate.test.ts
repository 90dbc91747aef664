import { describe, expect, it } from 'vitest';
import { windowRateGate } from './ipc-rate';

describe('desktop IPC rate', () => {
  it('passes a burst, then answers calls LIMIT_EXCEEDED and drops cancels, each window on its own', () => {
    const gate = windowRateGate(50);
    const call = (id: number) => ({ type: 'call' as const, id, name: 'health.get', payload: {} });
    const answers = Array.from({ length: 300 }, (_, i) => gate(1, call(i + 1)));
    expect(answers.filter((a) => a === null).length).toBeGreaterThanOrEqual(100);
    const refused = answers.filter((a) => a !== null);
    expect(refused.length).toBeGreaterThan(100);
    expect(refused[0]).toMatchObject({ type: 'error', error: { code: 'LIMIT_EXCEEDED' } });
    expect(gate(1, { type: 'cancel', id: 5 })).toBe('drop');
    expect(gate(2, call(1))).toBeNull();
  });
});
