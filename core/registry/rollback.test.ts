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

describe('version numbers after a delete', () => {
  const tmp = tempDir('rp-renumber-');
  let host: Host;
  const reg = () => registryFor(host.services);
  const model = (name: string, seed: number) =>
    trainTestModel(tmp.dir, { name, rounds: 3, rows: 400, seed, tag: `${name}-${seed}` });
  const register = (name: string, seed: number) => {
    const m = model(name, seed);
    return reg().registerDir(m.dir, { table: m.table }).version;
  };
  const promote = (name: string, version: number) =>
    host.app.invoke('registry.promote', { name, version, override: { reason: `step to @${version}` } });

  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('never gives a deleted number out again, so rollback cannot reach a model that never served', async () => {
    const name = 'freight-cost';
    expect([register(name, 1), register(name, 2)]).toEqual([1, 2]);
    await promote(name, 1);
    await promote(name, 2);
    await promote(name, 1);
    await host.app.invoke('registry.delete', { name, version: 2 });
    // The new model is not @2: the log's promotions of @2 were of the deleted model.
    expect(register(name, 3)).toBe(3);
    const listed = (await host.app.invoke('registry.list', {})).find((m) => m.name === name)!;
    expect(listed).toMatchObject({ production: 1, candidate: 3, rollbackTo: null });
    await expect(host.app.invoke('registry.rollback', { name })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(reg().store.alias(name, 'production')).toBe(1);
    // Deleting the newest version does not hand its number back either.
    reg().store.clearAlias(name, 'candidate');
    await host.app.invoke('registry.delete', { name, version: 3 });
    expect(register(name, 4)).toBe(4);
  });

  it('skips an earlier production whose number now holds another model (a database from before)', async () => {
    const name = 'transit-delay';
    register(name, 1);
    register(name, 2);
    await promote(name, 1);
    await promote(name, 2);
    await promote(name, 1);
    await host.app.invoke('registry.delete', { name, version: 2 });
    const fresh = register(name, 3);
    reg().store.clearAlias(name, 'candidate');
    // What the old numbering did: the new model took the deleted version's number.
    host.services
      .requireDb()
      .prepare('UPDATE model_versions SET version = 2 WHERE name = ? AND version = ?')
      .run(name, fresh);
    expect(reg().store.get(name, 2)).not.toBeNull();
    expect(reg().store.previousProductions(name)).toEqual([]);
  });

  it('records which model file each production move put in place', async () => {
    const name = 'freight-cost';
    const file = reg().store.get(name, 1)!.fileSha256;
    const moves = reg()
      .store.events(name)
      .filter((e) => e.kind === 'override' && e.version === 1);
    expect(moves.map((e) => e.detail?.fileSha256)).toEqual([file, file]);
  });
});
