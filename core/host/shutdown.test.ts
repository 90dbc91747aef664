import { describe, expect, it } from 'vitest';
import { JobSlots } from './job-slots';
import { shutdownHost } from './shutdown';

describe('host shutdown', () => {
  it('aborts the calls, waits for running work to end, then closes the database', async () => {
    const slots = new JobSlots();
    const order: string[] = [];
    // A training ends only when `stopping` aborts, as the training handler does.
    const training = slots.run(
      'training',
      () =>
        new Promise<void>((resolve) =>
          slots.stopping.addEventListener('abort', () => setImmediate(() => (order.push('training ended'), resolve()))),
        ),
    );
    await shutdownHost(
      { services: { slots }, close: () => order.push('closed') },
      () => order.push('connections closed'),
      60_000,
    );
    await training;
    expect(order).toEqual(['connections closed', 'training ended', 'closed']);
  });

  it('closes the database anyway when work does not end in time', async () => {
    const slots = new JobSlots();
    void slots.run('solve', () => new Promise<void>(() => {}));
    let closed = false;
    await shutdownHost({ services: { slots }, close: () => (closed = true) }, () => {}, 1);
    expect(closed).toBe(true);
  });
});
