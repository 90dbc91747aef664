import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { tempDir } from '../../tests/helpers/tmp';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { registryFor } from './context';

describe('rollback', () => {
  const tmp = tempDir('rp-rollback-');
  let host: Host;
  const reg = () => registryFor(host.services);

  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    for (const seed of [1, 2, 3]) {
      const m = trainTestModel(tmp.dir, { rounds: 3, rows: 400, seed, tag: `v${seed}` });
      const v = reg().registerDir(m.dir, { table: m.table });
      reg().store.setAlias('transit-delay', 'production', v.version, 'promote', { gates: 'passed' });
    }
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('walks back through the production history, never to the version just rolled back from', async () => {
    const rollback = () => host.app.invoke('registry.rollback', { name: 'transit-delay' });
    expect(await rollback()).toMatchObject({ version: 2, from: 3 });
    expect(reg().store.previousProductions('transit-delay')).toEqual([1]);
    expect(await rollback()).toMatchObject({ version: 1, from: 2 });
    await expect(rollback()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/transit-delay@1 is the first production version/),
    });
    // A new promotion starts a new history on top of the current one.
    reg().store.setAlias('transit-delay', 'production', 3, 'override', { reason: 'test' });
    expect(reg().store.previousProductions('transit-delay')).toEqual([1]);
  });
});
