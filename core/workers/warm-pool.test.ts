import { afterEach, describe, expect, it } from 'vitest';
import { prewarm, runWarmWorker, spareReady } from './warm-pool';

type In = { steps: number; fail?: 'error' | 'crash' };
type Out = { sum: number; warmed: boolean; threadId: number };
const NAME = 'echo';
const run = (input: In, opts: Parameters<typeof runWarmWorker<In, Out, { step: number }>>[2] = {}) =>
  runWarmWorker<In, Out, { step: number }>(NAME, input, opts);

let release: (() => void) | null = null;
afterEach(() => {
  release?.();
  release = null;
  delete process.env.WARM_ECHO_MS;
  delete process.env.WARM_ECHO_FAIL;
});

describe('warm spare workers', () => {
  it('runs a job on the spare, starts a fresh spare only after the job, and reuses it', async () => {
    release = prewarm(NAME);
    expect(await spareReady(NAME)).toBe(true);
    let spareDuringJob: Promise<boolean> | null = null;
    const first = await run(
      { steps: 3 },
      {
        onProgress: (p) => {
          if (p.step === 2) spareDuringJob = spareReady(NAME);
        },
      },
    );
    expect(first).toMatchObject({ warm: true, result: { sum: 6, warmed: true } });
    expect(await spareDuringJob).toBe(false); // no spare competes with a running job
    expect(await spareReady(NAME)).toBe(true); // replaced after it
    const second = await run({ steps: 1 });
    expect(second).toMatchObject({ warm: true, result: { sum: 1, warmed: true } });
    expect(second.result.threadId).not.toBe(first.result.threadId); // one job per worker
  });

  it('runs cold, as runWorker does, when no spare was asked for', async () => {
    expect(await spareReady(NAME)).toBe(false);
    await expect(run({ steps: 2 })).resolves.toMatchObject({ warm: false, result: { sum: 3, warmed: false } });
    expect(await spareReady(NAME)).toBe(false); // the feature unused keeps no thread
  });

  it('makes a job submitted while the spare warms wait for it instead of cold-starting another', async () => {
    process.env.WARM_ECHO_MS = '400';
    release = prewarm(NAME);
    const res = await run({ steps: 1 });
    expect(res).toMatchObject({ warm: true, result: { warmed: true } });
  });

  it('terminates the job worker on abort and the next job still runs warm', async () => {
    release = prewarm(NAME);
    const ac = new AbortController();
    const p = run({ steps: 10_000 }, { signal: ac.signal, onProgress: (x) => x.step === 3 && ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(run({ steps: 2 })).resolves.toMatchObject({ warm: true, result: { sum: 3 } });
  });

  it('cancels a job aborted while its spare is still warming', async () => {
    process.env.WARM_ECHO_MS = '2000';
    release = prewarm(NAME);
    const ac = new AbortController();
    const p = run({ steps: 1 }, { signal: ac.signal });
    ac.abort(); // the spare takes 2 s to warm: the job is still waiting for it
    await expect(p).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'Cancelled while the worker was warming up.',
    });
  });

  it('rejects only the crashing job; a job beside it and the next one succeed', async () => {
    release = prewarm(NAME);
    expect(await spareReady(NAME)).toBe(true);
    const crash = run({ steps: 1, fail: 'crash' });
    const beside = run({ steps: 20 }); // the spare is taken: this one runs cold
    await expect(crash).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/exited \(code 3\)/),
    });
    await expect(beside).resolves.toMatchObject({ warm: false, result: { sum: 210 } });
    await expect(run({ steps: 1, fail: 'error' })).rejects.toMatchObject({ code: 'INVALID_DATA' });
    await expect(run({ steps: 2 })).resolves.toMatchObject({ warm: true, result: { sum: 3 } });
  });

  it('runs the job cold when the spare fails its warm-up', async () => {
    process.env.WARM_ECHO_FAIL = '1';
    const lines: string[] = [];
    release = prewarm(NAME, { log: (l) => lines.push(l) });
    await expect(run({ steps: 2 })).resolves.toMatchObject({ warm: false, result: { sum: 3, warmed: false } });
    expect(lines.join('\n')).toMatch(/warm-up failed: echo worker asked to fail/);
    expect(lines.join('\n')).toMatch(/cold worker/);
  });

  it('uses the spare only for jobs with its resource limits', async () => {
    release = prewarm(NAME, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
    await expect(run({ steps: 1 })).resolves.toMatchObject({ warm: false });
    await expect(run({ steps: 1 }, { resourceLimits: { maxOldGenerationSizeMb: 256 } })).resolves.toMatchObject({
      warm: true,
    });
  });

  it('terminates the spare when its last holder releases it', async () => {
    const a = prewarm(NAME);
    const b = prewarm(NAME);
    expect(await spareReady(NAME)).toBe(true);
    a();
    expect(await spareReady(NAME)).toBe(true);
    b();
    expect(await spareReady(NAME)).toBe(false);
  });
});
