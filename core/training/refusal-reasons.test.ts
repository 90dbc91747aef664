import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, toErrorData } from '../contract/errors';
import { createHost, type Host } from '../host/create-host';
import { JobSlots } from '../host/job-slots';
import { splitRows } from '../ml/split';
import { tempDir } from '../../tests/helpers/tmp';

const never = () => new Promise<never>(() => undefined);

// Training refusals carry their reasons beside the unchanged English message; a worker's refusal
// keeps them on its way to the host.
describe('training refusals as data', () => {
  const tmp = tempDir('rp-train-reasons-');
  let host: Host;
  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('names the work already running when every slot is taken', async () => {
    const one = new JobSlots({ ...zero(), training: 1 });
    void one.run('training', never);
    await expect(one.run('training', never)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: '1 training is running already, the most at once; start this one when it has finished.',
      reason: { code: 'jobs-full-one', params: { job: 'training' } },
    });
    const two = new JobSlots({ ...zero(), indent: 2 });
    void two.run('indent', never);
    void two.run('indent', never);
    // The job goes by its code, which the interface words; the English message words it too.
    await expect(two.run('indent', never)).rejects.toMatchObject({
      message:
        '2 rake indents (shown or exported) are running already, the most at once; start this one when one of them has finished.',
      reason: { code: 'jobs-full', params: { n: 2, job: 'indent' } },
    });
  });

  it('says how many rows a training has and needs, also after crossing from the worker', () => {
    let thrown: unknown;
    try {
      splitRows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], {
        mode: 'time',
        seed: 1,
        validFraction: 0.15,
        testFraction: 0.15,
      });
    } catch (err) {
      thrown = err;
    }
    // The worker sends its error as data; the host rebuilds it (core/workers/run.ts).
    const back = ContractError.fromData(toErrorData(thrown));
    expect(back.message).toBe('Only 11 rows with a target: need at least 12 to train and evaluate.');
    expect(back.reason).toEqual({ code: 'training-too-few-rows', params: { n: 11, min: 12 } });
  });

  it('names an unknown spec and the specs there are', async () => {
    const e = await host.app.invoke('training.start', { spec: 'no-such-spec' } as never).catch((x: unknown) => x);
    expect(toErrorData(e)).toMatchObject({
      code: 'NOT_FOUND',
      reason: {
        code: 'spec-unknown',
        params: { spec: 'no-such-spec', specs: expect.stringContaining('transit-delay') },
      },
    });
  });
});

function zero() {
  return { solve: 0, training: 0, import: 0, history: 0, batch: 0, demandSeries: 0, indent: 0 };
}
