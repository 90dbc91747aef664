import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorData, type ContractErrorData } from '../contract/errors';
import { createHost, type Host } from '../host/create-host';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { tempDir } from '../../tests/helpers/tmp';
import { registryFor } from './context';

/** What a refused call sends the interface: its code, English message, reason and causes. */
const refused = (p: Promise<unknown>) =>
  p.then(
    () => Promise.reject(new Error('expected a refusal')),
    (err: unknown) => toErrorData(err),
  );
const codes = (e: ContractErrorData) => [e.reason?.code, ...(e.causes ?? []).map((c) => c.code)];

// Registry and serving refusals carry their reasons beside the unchanged English message, so the
// interface can write them in Hindi.
describe('registry refusals as data', () => {
  const tmp = tempDir('rp-reg-reasons-');
  let host: Host;
  const reg = () => registryFor(host.services);
  const call = (name: string, payload: unknown) =>
    refused((host.app.invoke as (n: string, p: unknown) => Promise<unknown>)(name, payload));

  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    for (const seed of [1, 2]) {
      const m = trainTestModel(tmp.dir, { rounds: 3, rows: 400, seed, tag: `v${seed}` });
      reg().registerDir(m.dir, { table: m.table });
    }
    reg().store.setAlias('transit-delay', 'production', 1, 'promote', { gates: 'passed' });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('names the model and version it cannot find, roll back or promote again', async () => {
    expect((await call('registry.versions', { name: 'nope' })).reason).toEqual({
      code: 'model-unknown',
      params: { model: 'nope' },
    });
    const none = await call('registry.show', { name: 'transit-delay', version: 9 });
    expect(none).toMatchObject({
      message: 'Model transit-delay has no version 9 (versions: 1, 2).',
      reason: { code: 'model-no-version', params: { model: 'transit-delay', version: 9, versions: '1, 2' } },
    });
    expect(await call('registry.rollback', { name: 'transit-delay' })).toMatchObject({
      code: 'CONFLICT',
      message: 'transit-delay@1 is the first production version: there is nothing to roll back to.',
      reason: { code: 'rollback-first', params: { model: 'transit-delay', version: 1 } },
    });
    expect((await call('registry.promote', { name: 'transit-delay', version: 1 })).reason).toEqual({
      code: 'already-production',
      params: { model: 'transit-delay', version: 1 },
    });
  });

  it('names the missing input columns of a prediction, and the model asked', async () => {
    const e = await call('registry.predict', { name: 'transit-delay', rows: [{ date: '2025-01-05', a: 1 }] });
    expect(e.code).toBe('INVALID_DATA');
    expect(e.message).toMatch(/^transit-delay@1: Missing input column\(s\): .*b/);
    expect(e.reason).toEqual({ code: 'predict-input', params: { model: 'transit-delay', version: 1 } });
    expect(e.causes![0]!.code).toBe('input-missing');
    expect(String(e.causes![0]!.params.columns)).toMatch(/\bb\b/);
  });

  it('lists each gate that refused a promotion, then the override advice', async () => {
    const saved = reg().gateThresholds();
    reg().setGateThresholds({ ...saved, dataQuality: { ...saved.dataQuality, minRows: 1_000_000_000 } });
    try {
      const e = await call('registry.promote', { name: 'transit-delay', version: 2 });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(
        /^transit-delay@2 failed \d gate\(s\): data-quality \(.+\)\. Promote with an override and a reason to proceed\.$/,
      );
      expect(e.reason).toMatchObject({ code: 'gates-failed', params: { model: 'transit-delay', version: 2 } });
      expect(e.causes![0]).toMatchObject({ code: 'gate-failed', params: { gate: 'data-quality' } });
      expect(e.causes!.at(-1)!.code).toBe('promote-override');
      expect(e.reason!.params.n).toBe(e.causes!.length - 1);
    } finally {
      reg().setGateThresholds(saved);
    }
  });

  it('says a damaged model file could not load, by its hashes, and which version keeps serving', async () => {
    const rec = reg().store.require('transit-delay', 2);
    const file = reg().blobs.pathOf(rec.fileSha256, '.onnx');
    fs.writeFileSync(file, 'not the model');
    const e = await call('registry.promote', {
      name: 'transit-delay',
      version: 2,
      override: { reason: 'test a bad file' },
    });
    expect(e.code).toBe('INVALID_DATA');
    // The gates are judged first (these limits have no report yet): evaluating cannot load it.
    expect(codes(e)).toEqual(['evaluate-failed', 'model-load-failed', 'model-file-damaged', 'keeps-serving']);
    expect(e.causes![0]!.params).toEqual({ model: 'transit-delay', version: 2 });
    expect(e.causes![1]!.params).toMatchObject({ file, expected: rec.fileSha256.slice(0, 12) });
    expect(e.causes![2]!.params).toEqual({ model: 'transit-delay', version: 1 });
    expect(e.message).toMatch(
      /^Cannot evaluate: cannot load transit-delay@2: Model file .+ is damaged: .+\. transit-delay@1 keeps serving\.$/,
    );
  });
});
