import { describe, expect, it } from 'vitest';
import { JobSlots } from './job-slots';

describe('heavy job slots', () => {
  it('refuses a kind past its limit at once, naming what runs, and frees the slot when work ends or fails', async () => {
    const slots = new JobSlots({ solve: 2, training: 1, import: 1, history: 1 });
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
});
