import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import * as addVersion from '../registry/add-version';
import { writeSyntheticCsv } from '../../tests/fixtures/test-models';
import { tempDir } from '../../tests/helpers/tmp';

// Registration is wrapped so a test can act at a chosen moment of it: after the worker has
// returned and before the version is recorded, the window where a cancel used to be lost.
vi.mock('../registry/add-version', async (importOriginal) => {
  const real = await importOriginal<typeof addVersion>();
  return { ...real, registerTrainedDir: vi.fn(real.registerTrainedDir) };
});

const tmp = tempDir('rp-train-cancel-');
let host: Host;
const csv = path.join(tmp.dir, 'lanes.csv');

beforeAll(() => {
  writeSyntheticCsv(csv, 600, 3);
  host = createHost({ dataDir: tmp.dir, mode: 'test' });
});
afterAll(() => {
  host.close();
  tmp.cleanup();
});

const register = vi.mocked(addVersion.registerTrainedDir);
const real = register.getMockImplementation()!;
const train = (name: string) =>
  host.app.invoke('training.start', { csv, name, target: 'y', task: 'regression', params: { rounds: 5 } });
const jobOf = async (name: string) => (await host.app.invoke('training.jobs', {})).find((j) => j.name === name)!;

describe('cancel while the trained model is being registered', () => {
  it('is honoured: the job ends cancelled, no version is recorded and the saved folder is gone', async () => {
    let answer: unknown;
    register.mockImplementationOnce(async (s, d, opts) => {
      answer = await host.app.invoke('training.cancel', { jobId: (await jobOf('late-cancel')).jobId });
      return real(s, d, opts);
    });
    await expect(train('late-cancel')).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(answer).toEqual({ cancelled: true });
    const job = await host.app.invoke('training.get', { jobId: (await jobOf('late-cancel')).jobId });
    expect(job).toMatchObject({ status: 'cancelled', version: null, metrics: null });
    expect((await host.app.invoke('registry.list', {})).some((m) => m.name === 'late-cancel')).toBe(false);
    expect(fs.existsSync(path.join(tmp.dir, 'models', 'late-cancel'))).toBe(false);
  });

  it('once the version is recorded, answers that it was too late, and the job succeeds', async () => {
    let answer: Promise<unknown> | undefined;
    register.mockImplementationOnce(async (s, d, opts) =>
      real(s, d, {
        ...opts,
        beforeRecord: () => {
          opts?.beforeRecord?.();
          answer = jobOf('too-late').then((j) => host.app.invoke('training.cancel', { jobId: j.jobId }));
        },
      }),
    );
    const res = await train('too-late');
    expect(await answer).toEqual({ cancelled: false });
    expect((await jobOf('too-late')).status).toBe('succeeded');
    expect(fs.existsSync(res.dir)).toBe(true);
  });
});
