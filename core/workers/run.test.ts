import { describe, expect, it } from 'vitest';
import { runWorker } from './run';

type In = { steps: number; fail?: 'error' | 'crash' };

describe('worker jobs', () => {
  it('runs a job off the main thread with progress', async () => {
    const steps: number[] = [];
    const res = await runWorker<In, { sum: number }, { step: number }>(
      'echo',
      { steps: 4 },
      { onProgress: (p) => steps.push(p.step) },
    );
    expect(res).toMatchObject({ sum: 10, warmed: false });
    expect(steps).toEqual([1, 2, 3, 4]);
  });

  it('passes a job error through with its code', async () => {
    await expect(runWorker<In, unknown>('echo', { steps: 1, fail: 'error' })).rejects.toMatchObject({
      code: 'INVALID_DATA',
    });
  });

  it('turns a crashed worker into INTERNAL, and the next job still works', async () => {
    await expect(runWorker<In, unknown>('echo', { steps: 1, fail: 'crash' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/exited \(code 3\)/),
    });
    await expect(runWorker<In, { sum: number }>('echo', { steps: 2 })).resolves.toMatchObject({
      sum: 3,
      warmed: false,
    });
  });

  it('terminates the worker on cancel', async () => {
    const ac = new AbortController();
    const p = runWorker<In, unknown, { step: number }>(
      'echo',
      { steps: 10_000 },
      { signal: ac.signal, onProgress: (x) => x.step === 3 && ac.abort() },
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
