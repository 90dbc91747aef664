import { describe, expect, it } from 'vitest';
import { HEAVY_JOB_LIMITS, JobSlots } from './job-slots';

describe('heavy job slots', () => {
  it('refuses a kind past its limit at once, naming what runs, and frees the slot when work ends or fails', async () => {
    const slots = new JobSlots({ ...HEAVY_JOB_LIMITS, solve: 2, training: 1, import: 1, history: 1 });
    const gates: Array<() => void> = [];
    const held = () => new Promise<void>((r) => gates.push(r));
    const a = slots.run('solve', held);
    const b = slots.run('solve', held);
    await expect(slots.run('solve', async () => 1)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^2 solves \(optimize or re-plan\) are running already/),
    });
    // Another kind has its own slots.
    await expect(slots.run('training', async () => 'trained')).resolves.toBe('trained');
    gates.shift()!();
    await a;
    await expect(slots.run('solve', async () => 'third')).resolves.toBe('third');
    await expect(slots.run('import', async () => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file');
    await expect(slots.run('import', async () => 'next')).resolves.toBe('next');
    gates.shift()!();
    await b;
    // A kind of one slot names the one that runs.
    const c = slots.run('history', held);
    await expect(slots.run('history', async () => 1)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^1 history job \(an export or generated demo history\) is running already/),
    });
    gates.shift()!();
    await c;
  });

  it('runs thread work in turns: what arrives meanwhile is answered between two pieces, a burst is refused', async () => {
    const slots = new JobSlots({ ...HEAVY_JOB_LIMITS, indent: 2 });
    const seen: string[] = [];
    const first = slots.runInTurn('indent', () => {
      seen.push('first');
      // Another window's call, arriving while the first piece holds the thread.
      setImmediate(() => seen.push('other window'));
    });
    const second = slots.runInTurn('indent', () => seen.push('second'));
    await expect(slots.runInTurn('indent', () => 'third')).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^2 rake indents \(shown or exported\) are running already/),
    });
    // A piece that fails does not stop the next.
    const failing = slots.runInTurn('demandSeries', () => {
      throw new Error('no history');
    });
    const after = slots.runInTurn('demandSeries', () => 'after');
    await Promise.all([first, second]);
    await expect(failing).rejects.toThrow('no history');
    await expect(after).resolves.toBe('after');
    expect(seen).toEqual(['first', 'other window', 'second']);
  });

  it('reports what runs, and on stop refuses new work, aborts `stopping` and resolves once every slot is free', async () => {
    const slots = new JobSlots();
    const seen: number[] = [];
    slots.onChange((r) => seen.push(r.training));
    let finish!: () => void;
    const training = slots.run('training', () => new Promise<void>((r) => (finish = r)));
    expect(slots.counts()).toMatchObject({ solve: 0, training: 1, import: 0, history: 0 });
    let stopped = false;
    const stop = slots.stop().then(() => (stopped = true));
    expect(slots.stopping.aborted).toBe(true);
    await expect(slots.run('solve', async () => 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(stopped).toBe(false);
    finish();
    await training;
    await stop;
    expect(seen).toEqual([1, 0]);
  });
});
