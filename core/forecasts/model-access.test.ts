import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { MANIFEST_FILE } from '../ml/model-dir';
import { registryFor } from '../registry/context';
import { tempDir } from '../../tests/helpers/tmp';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { answer } from './model-access';
import { modelAccess } from './service';

const row = { date: '2024-06-01', a: 3.5, b: 0.5, noise: 0.2, lane: 'EAST-1' };

/** Mark a trained folder as trained on the built-in synthetic history. */
function markSynthetic(dir: string): void {
  const file = path.join(dir, MANIFEST_FILE);
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  m.trainingData = { kind: 'synthetic-history', source: 'demo history (test)' };
  fs.writeFileSync(file, JSON.stringify(m));
}

/**
 * A host whose transit-delay@1 was trained on synthetic history and @2 (production) on the
 * plant's, with @2's model file broken so requests fall back; `plantBaseline` says whether @2
 * was registered with its table (and so a naive baseline).
 */
async function brokenPlantVersion(dir: string, plantBaseline: boolean): Promise<Host> {
  const synthetic = trainTestModel(dir, { rounds: 30, tag: 'synthetic' });
  const plant = trainTestModel(dir, { rounds: 60, tag: 'plant' });
  markSynthetic(synthetic.dir);
  const host = createHost({ dataDir: path.join(dir, 'data'), mode: 'test' });
  const reg = registryFor(host.services);
  for (const [m, table] of [
    [synthetic, synthetic.table],
    [plant, plantBaseline ? plant.table : undefined],
  ] as const) {
    const v = reg.registerDir(m.dir, table ? { table } : {});
    await host.app.invoke('registry.promote', {
      name: 'transit-delay',
      version: v.version,
      override: { reason: 'test setup' },
    });
  }
  const rec = reg.store.get('transit-delay', 2)!;
  fs.writeFileSync(reg.blobs.pathOf(rec.fileSha256, '.onnx'), 'not an onnx model');
  reg.server.evict('transit-delay', 2);
  return host;
}

describe('a previous production version that answers for a failed one', () => {
  const tmp = tempDir('rp-model-access-');
  let host: Host;

  beforeAll(async () => {
    // Production (@2, the plant's) cannot load: requests fall back.
    host = await brokenPlantVersion(tmp.dir, true);
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('is held to the demo rule: a synthetic-trained version never feeds a real scenario', async () => {
    const a = await answer(modelAccess(host.services), 'transit-delay', [row], false);
    expect('source' in a ? a.source : null).not.toBe('model transit-delay@1');
    expect(a.why).toMatch(/transit-delay@1 skipped: .*synthetic demo history/);
  });

  it('still answers the demo', async () => {
    const a = await answer(modelAccess(host.services), 'transit-delay', [row], true);
    expect(a).toMatchObject({ source: 'model transit-delay@1' });
  });
});

describe('the naive baseline that answers when no version can', () => {
  const tmp = tempDir('rp-model-baseline-');
  let host: Host;

  beforeAll(async () => {
    // The synthetic version carries a baseline (registered with its table); the plant's none.
    host = await brokenPlantVersion(tmp.dir, false);
    const reg = registryFor(host.services);
    expect(reg.store.get('transit-delay', 1)!.baseline).not.toBeNull();
    expect(reg.store.get('transit-delay', 2)!.baseline).toBeNull();
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it("is never one fitted on the demo's synthetic history when the scenario is real", async () => {
    const a = await answer(modelAccess(host.services), 'transit-delay', [row], false);
    expect(a.values).toBeNull();
    expect(a.why).toMatch(/no naive baseline is stored/);
    // The same as codes, for the interface to word: none of it left as one English quote.
    const codes = a.reasons!.map((r) => r.code);
    expect(codes.slice(0, 2)).toEqual(['model-answer-failed', 'serving-none-answers']);
    expect(codes).toContain('serving-failed');
    expect(codes).toContain('model-synthetic');
    expect(a.reasons!.some((r) => r.code === 'error-text' && /No model can answer/.test(String(r.params.error)))).toBe(
      false,
    );
  });

  it('leaves the demo answered by the synthetic version', async () => {
    const a = await answer(modelAccess(host.services), 'transit-delay', [row], true);
    expect(a).toMatchObject({ source: 'model transit-delay@1' });
  });
});
