import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { createHost, type Host } from '../host/create-host';
import { readManifest } from '../ml/model-dir';
import { loadModel } from '../ml/onnx-session';
import { cellAt, takeRows, type Cell, type Table } from '../ml/table';
import { registryFor } from './context';
import { openSession } from './runtime';
import { trainTestModel } from '../../tests/fixtures/test-models';

function rowsOf(t: Table): Record<string, Cell>[] {
  return Array.from({ length: t.nRows }, (_, i) => Object.fromEntries(t.columns.map((c) => [c.name, cellAt(c, i)])));
}

/** Which engine served is part of every registry answer and batch report (compiled-trees for batches). */
describe('serving names its inference engine', () => {
  const tmp = tempDir('rp-engine-');
  let host: Host;
  let model: { dir: string; table: Table };

  beforeAll(() => {
    model = trainTestModel(tmp.dir, { rounds: 40, tag: 'engine' });
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('a registry session scores batches with compiled-trees, equal to onnxruntime, and single rows with onnxruntime', async () => {
    const bytes = fs.readFileSync(path.join(model.dir, 'model.onnx'));
    const s = await openSession('transit-delay', 1, bytes, readManifest(model.dir));
    const plain = await loadModel(model.dir, { engine: 'onnxruntime' });
    try {
      // The check runs in the background: loading does not wait for it, the first batch does.
      expect(s.engine.settled).toBe(false);
      expect(await s.engineReady).toMatchObject({ batch: 'compiled-trees', reason: null, settled: true });
      const rows = rowsOf(
        takeRows(
          model.table,
          Array.from({ length: 300 }, (_, i) => 2700 + i),
        ),
      );
      const batch = await s.predict(rows);
      expect(batch.engine).toBe('compiled-trees');
      const want = await plain.predictTable(
        takeRows(
          model.table,
          Array.from({ length: 300 }, (_, i) => 2700 + i),
        ),
      );
      expect(batch.columns.prediction).toEqual(Array.from(want.columns.prediction!));
      const single = await s.predict(rows.slice(0, 1));
      expect(single.engine).toBe('onnxruntime');
      expect(single.columns.prediction![0]).toBe(batch.columns.prediction![0]);
    } finally {
      await s.close();
      await plain.close();
    }
  });

  it('registry.predict and registry.batch report the engine', async () => {
    const reg = registryFor(host.services);
    reg.registerDir(model.dir, { table: model.table });
    await host.app.invoke('registry.promote', { name: 'transit-delay', version: 1 });
    const rows = rowsOf(
      takeRows(
        model.table,
        Array.from({ length: 200 }, (_, i) => i),
      ),
    );
    const many = await host.app.invoke('registry.predict', { name: 'transit-delay', rows });
    expect(many).toMatchObject({ source: 'model', engine: 'compiled-trees' });
    const one = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: rows.slice(0, 1) });
    expect(one.engine).toBe('onnxruntime');

    const csv = path.join(tmp.dir, 'in.csv');
    const cols = Object.keys(rows[0]!);
    fs.writeFileSync(
      csv,
      [cols.join(','), ...rows.map((r) => cols.map((c) => r[c] ?? '').join(','))].join('\n') + '\n',
    );
    // Chunks of 150 + 50 rows: the short last chunk is below the compiled predictor's minimum.
    const rep = await host.app.invoke('registry.batch', { name: 'transit-delay', csvPath: csv, chunkRows: 150 });
    expect(rep.engines).toEqual({ 'compiled-trees': 150, onnxruntime: 50 });
    const even = await host.app.invoke('registry.batch', { name: 'transit-delay', csvPath: csv, chunkRows: 100 });
    expect(even.engines).toEqual({ 'compiled-trees': 200 });
  });
});
