import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { tempDir } from '../../tests/helpers/tmp';
import type { Table } from '../ml/table';
import { runBatch } from './batch';
import { registryFor } from './context';
import { DEFAULT_GATE_THRESHOLDS } from './gates';
import type { ModelServer } from './serving';
import { registryBaselineParams } from './gate-cell-values';
import { reasonText } from '../contract/refusals';
import { trainTestModel } from '../../tests/fixtures/test-models';

const row = { date: '2024-06-01', a: 3.5, b: 0.5, noise: 0.2, lane: 'EAST-1' };

describe('model registry and serving', () => {
  const tmp = tempDir('rp-registry-');
  let host: Host;
  let good: { dir: string; table: Table };
  let better: { dir: string; table: Table };
  let spare: { dir: string; table: Table };

  beforeAll(() => {
    good = trainTestModel(tmp.dir, { rounds: 30, tag: 'good' });
    better = trainTestModel(tmp.dir, { rounds: 120, tag: 'better' });
    spare = trainTestModel(tmp.dir, { rounds: 90, tag: 'spare' });
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  const reg = () => registryFor(host.services);

  it('registers versions with content-addressed files, reference stats, baseline and holdout', () => {
    const v1 = reg().registerDir(good.dir, { table: good.table, note: 'first' });
    expect(v1.version).toBe(1);
    expect(v1.datasetStats!.features.map((f) => f.name).sort()).toEqual(['a', 'b', 'date', 'lane', 'noise']);
    expect(v1.dataset!.rows).toBe(3000);
    expect(v1.baseline!.kind).toBe('mean');
    const file = reg().blobs.pathOf(v1.fileSha256, '.onnx');
    expect(path.basename(file)).toBe(`${v1.fileSha256}.onnx`);
    expect(fs.readdirSync(path.dirname(file)).some((f) => f.includes('.tmp-'))).toBe(false);
    expect(reg().store.alias('transit-delay', 'candidate')).toBe(1);
  });

  it('falls back to the naive baseline, and says so, when no version is in production', async () => {
    const a = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row] });
    expect(a.source).toBe('fallback:baseline');
    expect(a.version).toBeNull();
    expect(a.fallbackReason).toMatch(/no production version/);
    // The same as data, the baseline named by the gate detail cell it reads as, for the interface.
    const v1 = reg().store.get('transit-delay', 1)!;
    expect(a.fallbackReasons).toEqual([
      { code: 'serving-no-production', params: { model: 'transit-delay' } },
      {
        code: 'serving-baseline-answered',
        params: registryBaselineParams(v1.baseline!, v1.manifest.target),
      },
    ]);
    expect(a.fallbackReasons![1]!.params.nameCell).toBeDefined();
    expect(a.fallbackReason).toBe(a.fallbackReasons!.map(reasonText).join('; '));
    // Asking for the production alias names its absence; it never answers with another version.
    await expect(
      host.app.invoke('registry.show', { name: 'transit-delay', alias: 'production' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no production version/) });
    expect((await host.app.invoke('registry.show', { name: 'transit-delay' })).version).toBe(1);
    expect(a.columns.prediction![0]).toBeCloseTo(
      reg().store.get('transit-delay', 1)!.baseline!.kind === 'mean'
        ? (reg().store.get('transit-delay', 1)!.baseline as { segment: { values: Record<string, number> } }).segment
            .values['EAST-1']!
        : NaN,
      6,
    );
    // A batch scored meanwhile names the fallback and why, as the single answer does.
    const csv = path.join(tmp.dir, 'fallback-batch.csv');
    fs.writeFileSync(csv, 'date,a,b,noise,lane\n2024-06-01,3.5,0.5,0.2,EAST-1\n2024-06-02,1,0.5,0.2,WEST-1\n');
    const rep = await host.app.invoke('registry.batch', { name: 'transit-delay', csvPath: csv, chunkRows: 1 });
    expect(rep.answeredBy).toEqual([
      {
        source: 'fallback:baseline',
        version: null,
        rows: 2,
        fallbackReason: a.fallbackReason,
        fallbackReasons: a.fallbackReasons,
      },
    ]);
  });

  it('refuses a model name the registry never held as NOT_FOUND, not as a serving failure', async () => {
    await expect(
      host.app.invoke('registry.predict', { name: 'no-such-model', rows: [{ x: 1 }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no model named no-such-model/) });
  });

  it('promotes the first version when its gates pass and names the model in answers', async () => {
    const res = await host.app.invoke('registry.promote', { name: 'transit-delay', version: 1 });
    expect(res.gate.gates.map((g) => g.gate)).toEqual(['data-quality', 'improvement', 'stability', 'consistency']);
    expect(res.gate.passed).toBe(true);
    const a = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row] });
    expect(a).toMatchObject({ model: 'transit-delay', version: 1, source: 'model' });
    // The first production version: nothing to roll back to. Named as the planner knows it.
    const listed = (await host.app.invoke('registry.list', {})).find((m) => m.name === 'transit-delay')!;
    expect(listed).toMatchObject({ production: 1, rollbackTo: null, title: 'Rail transit time (with P10/P90)' });
  });

  it('refuses to promote a candidate that fails a gate unless overridden with a reason, and records the override', async () => {
    // Registering the very same file again is the same version, not a new one.
    expect(reg().registerDir(good.dir, { table: good.table }).version).toBe(1);
    // A weaker model (fewer rounds): it is not 1 % better than production.
    const again = trainTestModel(tmp.dir, { rounds: 22, tag: 'weaker' });
    const v2 = reg().registerDir(again.dir, { table: good.table });
    expect(v2.version).toBe(2);
    const rep = await host.app.invoke('registry.evaluate', { name: 'transit-delay', version: v2.version });
    const improvement = rep.gates.find((g) => g.gate === 'improvement')!;
    expect(improvement.passed).toBe(false);
    // Errors in the target's unit (transit time: hours), as the tables above the gates write them.
    expect(improvement.checks.find((c) => c.name === 'MAE vs production @1')!.value).toMatch(
      /^[\d.]+ h vs [\d.]+ h \([\d.]+ % (better|worse)\)$/,
    );
    await expect(
      host.app.invoke('registry.promote', { name: 'transit-delay', version: v2.version }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/improvement/) });
    await expect(
      host.app.invoke('registry.promote', { name: 'transit-delay', version: v2.version, override: { reason: 'x' } }),
    ).rejects.toMatchObject({ code: 'BAD_PAYLOAD' });
    const res = await host.app.invoke('registry.promote', {
      name: 'transit-delay',
      version: v2.version,
      override: { reason: 'planner accepts: weaker but simpler model' },
    });
    expect(res.overridden).toBe(true);
    const ev = reg()
      .store.events('transit-delay')
      .find((e) => e.kind === 'override')!;
    expect(ev.detail).toMatchObject({
      reason: 'planner accepts: weaker but simpler model',
      failedGates: expect.arrayContaining(['improvement']),
    });
    expect(reg().store.gateReports('transit-delay', v2.version).length).toBeGreaterThan(0);
  });

  it('passes every gate for a clearly better candidate', async () => {
    const v3 = reg().registerDir(better.dir, { table: better.table });
    const rep = await host.app.invoke('registry.evaluate', { name: 'transit-delay', version: v3.version });
    for (const g of rep.gates) expect(g.passed, `${g.gate}: ${g.summary}`).toBe(true);
    expect(rep.passed).toBe(true);
    expect(rep.gates.find((g) => g.gate === 'stability')!.checks.length).toBeGreaterThan(0);
  });

  it('fails the data-quality gate when the inputs do not match production', async () => {
    const t = { ...good.table, columns: good.table.columns.filter((c) => c.name !== 'noise') };
    const { trainTable } = await import('../ml/pipeline');
    const { saveModelDir } = await import('../ml/model-dir');
    const out = trainTable(t, {
      name: 'transit-delay',
      target: 'y',
      task: 'regression',
      dateColumn: 'date',
      params: { rounds: 10, earlyStoppingRounds: 0 },
    });
    const dir = saveModelDir(path.join(tmp.dir, 'trained', 'no-noise-2'), out);
    const v = reg().registerDir(dir, { table: t });
    const rep = await reg().evaluate('transit-delay', v.version);
    const dq = rep.gates.find((g) => g.gate === 'data-quality')!;
    expect(dq.passed).toBe(false);
    expect(dq.checks.find((c) => c.name === 'inputs match production')!.value).toMatch(/noise:numeric/);
  });

  it('fails the consistency gate when predictions shift far from production', async () => {
    const saved = reg().gateThresholds();
    reg().setGateThresholds({
      ...saved,
      consistency: { ...saved.consistency, maxRelativeChange: 0.0001, minRows: 10 },
    });
    try {
      const rep = await reg().evaluate('transit-delay', 3);
      expect(rep.gates.find((g) => g.gate === 'consistency')!.passed).toBe(false);
    } finally {
      reg().setGateThresholds(saved);
    }
  });

  it('gives limits saved before the regression consistency limit existed its default', () => {
    const saved = reg().gateThresholds();
    const { maxRelativeChange: _, ...older } = saved.consistency;
    host.services
      .requireDb()
      .prepare("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('registry.gateThresholds', ?)")
      .run(JSON.stringify({ ...saved, consistency: { ...older, maxPsi: 0.3 } }));
    try {
      expect(reg().gateThresholds().consistency).toEqual({
        ...saved.consistency,
        maxPsi: 0.3,
        maxRelativeChange: DEFAULT_GATE_THRESHOLDS.consistency.maxRelativeChange,
      });
    } finally {
      reg().setGateThresholds(saved);
    }
  });

  it('swap on success: a corrupt file cannot be promoted and the old version keeps serving', async () => {
    const v = reg().registerDir(spare.dir, { table: spare.table });
    const file = reg().blobs.pathOf(v.fileSha256, '.onnx');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = reg().store.alias('transit-delay', 'production');
    await expect(
      host.app.invoke('registry.promote', {
        name: 'transit-delay',
        version: v.version,
        override: { reason: 'testing a damaged file' },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: expect.stringMatching(new RegExp(`damaged.*transit-delay@${before} keeps serving`)),
    });
    expect(reg().store.alias('transit-delay', 'production')).toBe(before);
    expect(reg().store.get('transit-delay', v.version)!.lastError).toMatch(/damaged/);
    const a = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row] });
    expect(a).toMatchObject({ version: before, source: 'model' });
    fs.writeFileSync(file, bytes);
  });

  it('falls back to the previous production version, naming it, when production fails to load', async () => {
    await host.app
      .invoke('registry.promote', {
        name: 'transit-delay',
        version: 3,
        override: { reason: 'move on for the fallback test' },
      })
      .catch(() => undefined);
    const prod = reg().store.alias('transit-delay', 'production')!;
    const prev = reg().store.previousProductions('transit-delay')[0]!;
    // Damage production's file and drop its live session: the next request must load it and fail.
    const rec = reg().store.get('transit-delay', prod)!;
    const file = reg().blobs.pathOf(rec.fileSha256, '.onnx');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.from('not an onnx model'));
    reg().server.evict('transit-delay', prod);
    try {
      const a = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row] });
      expect(a.source).toBe('fallback:previous');
      expect(a.version).toBe(prev);
      expect(a.fallbackReason).toMatch(new RegExp(`transit-delay@${prod}`));
      // What failed as data: the version, its load failure and why (the file's hash no longer matches).
      expect(a.fallbackReasons!.map((r) => r.code)).toEqual([
        'serving-failed',
        'model-load-failed',
        'model-file-damaged',
      ]);
      expect(a.fallbackReasons![0]!.params).toEqual({ model: 'transit-delay', version: prod });
      const st = reg()
        .server.status()
        .find((s) => s.alias === 'production')!;
      expect(st.status).toBe('error');
      // Reload keeps failing while the file is damaged and says who serves instead.
      await expect(host.app.invoke('registry.reload', { name: 'transit-delay' })).rejects.toMatchObject({
        code: 'INVALID_DATA',
      });
    } finally {
      fs.writeFileSync(file, bytes);
      reg().server.evict('transit-delay', prod);
    }
  });

  it('rejects rows that do not fit the model instead of falling back', async () => {
    await expect(
      host.app.invoke('registry.predict', { name: 'transit-delay', rows: [{ a: 1 }] }),
    ).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/Missing input column/) });
  });

  it('pins a version per consumer, and rollback moves production back', async () => {
    const prod = reg().store.alias('transit-delay', 'production')!;
    await host.app.invoke('registry.pin', { consumer: 'optimizer', name: 'transit-delay', version: 1 });
    expect(
      (await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row], consumer: 'optimizer' }))
        .version,
    ).toBe(1);
    expect(
      (await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row], consumer: 'forecasts' }))
        .version,
    ).toBe(prod);
    const expected = reg().store.previousProductions('transit-delay')[0]!;
    expect((await host.app.invoke('registry.list', {})).find((m) => m.name === 'transit-delay')!.rollbackTo).toBe(
      expected,
    );
    const rb = await host.app.invoke('registry.rollback', { name: 'transit-delay' });
    expect(rb).toEqual({ name: 'transit-delay', version: expected, from: prod });
    expect(reg().store.alias('transit-delay', 'production')).toBe(expected);
  });

  it('refuses to delete a version an alias or a pin points to, and deletes an unused one with its file', async () => {
    const prod = reg().store.alias('transit-delay', 'production')!;
    await expect(host.app.invoke('registry.delete', { name: 'transit-delay', version: prod })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/alias production/),
    });
    await expect(host.app.invoke('registry.delete', { name: 'transit-delay', version: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/pinned by optimizer/),
    });
    const extra = trainTestModel(tmp.dir, { rounds: 5, tag: 'to-delete', seed: 99 });
    const v = reg().registerDir(extra.dir, { asCandidate: false });
    const file = reg().blobs.pathOf(v.fileSha256, '.onnx');
    expect(fs.existsSync(file)).toBe(true);
    await host.app.invoke('registry.delete', { name: 'transit-delay', version: v.version });
    expect(reg().store.get('transit-delay', v.version)).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('keeps at most N sessions loaded, evicting the least recently used', async () => {
    reg().server.setCacheSize(2);
    try {
      for (const v of [1, 2, 3])
        await host.app.invoke('registry.pin', { consumer: `c${v}`, name: 'transit-delay', version: v });
      for (const v of [1, 2]) await reg().server.predict('transit-delay', [row], `c${v}`);
      await reg().server.predict('transit-delay', [row], 'c1'); // 1 is now more recent than 2
      await reg().server.predict('transit-delay', [row], 'c3');
      expect(reg().server.cachedKeys()).toEqual(['transit-delay@1', 'transit-delay@3']);
      const again = await reg().server.predict('transit-delay', [row], 'c2');
      expect(again.version).toBe(2);
      expect(reg().server.cachedKeys()).toEqual(['transit-delay@3', 'transit-delay@2']);
    } finally {
      reg().server.setCacheSize(8);
    }
  });

  it('imports an external ONNX model only after a test prediction, and rejects a broken one', async () => {
    const onnx = fs.readFileSync(path.join(good.dir, 'model.onnx'));
    const { readManifest } = await import('../ml/model-dir');
    const m = readManifest(good.dir);
    const inputs = m.features.map((f) =>
      f.kind === 'categorical'
        ? { name: f.name, type: 'categorical' as const, categories: f.categories }
        : { name: f.name, type: 'numeric' as const },
    );
    const ok = await host.app.invoke('registry.import', {
      name: 'lgbm-transit',
      onnxBase64: onnx.toString('base64'),
      task: 'regression',
      inputs,
      note: 'converted elsewhere',
    });
    expect(ok).toMatchObject({ name: 'lgbm-transit', version: 1, origin: 'imported' });
    await expect(
      host.app.invoke('registry.import', {
        name: 'lgbm-broken',
        onnxBase64: Buffer.from('garbage').toString('base64'),
        task: 'regression',
        inputs,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/not a loadable ONNX model/) });
    await expect(
      host.app.invoke('registry.import', {
        name: 'lgbm-wrong',
        onnxBase64: onnx.toString('base64'),
        task: 'regression',
        inputs: inputs.slice(0, 2),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/test prediction failed/) });
    expect(reg().store.names()).not.toContain('lgbm-broken');
    expect(reg().store.names()).not.toContain('lgbm-wrong');
  });

  it('refuses an imported model whose operators build tensors of a shape given at run time, before loading it', async () => {
    // prediction = X + ReduceSum(ConstantOfShape([S, S])): a few hundred bytes that would make
    // onnxruntime allocate S² floats inside the host.
    const { model } = await import('./__fixtures__/shape-bomb');
    await expect(
      host.app.invoke('registry.import', {
        name: 'shape-bomb',
        onnxBase64: model(40_000).toString('base64'),
        task: 'regression',
        inputs: [{ name: 'x', type: 'numeric' }],
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: expect.stringMatching(/uses operators .* RakePlan does not load: ConstantOfShape\.$/),
    });
    expect(reg().store.names()).not.toContain('shape-bomb');
  });

  it('batch-scores a CSV to SQLite and CSV, reporting skipped rows and why', async () => {
    const csv = path.join(tmp.dir, 'batch.csv');
    fs.writeFileSync(
      csv,
      'date,a,b,noise,lane\n2024-06-01,3.5,0.5,0.2,EAST-1\n2024-06-02,abc,0.5,0.2,WEST-1\n2024-06-03,1,,0.1,NORTH-1\n',
    );
    const out = path.join(tmp.dir, 'scored.csv');
    const rep = await host.app.invoke('registry.batch', {
      name: 'transit-delay',
      csvPath: csv,
      outCsv: out,
      chunkRows: 2,
    });
    expect(rep).toMatchObject({ rows: 3, scored: 2, skippedCount: 1, cancelled: false, source: 'model' });
    // Both chunks' rows by the production version, no fallback among them.
    expect(rep.answeredBy).toEqual([{ source: 'model', version: rep.version, rows: 2 }]);
    expect(rep.skipped[0]).toMatchObject({ row: 2, reason: expect.stringMatching(/'abc' is not a number/) });
    const stored = host.services
      .requireDb()
      .prepare('SELECT COUNT(*) AS n FROM batch_predictions WHERE job_id = ?')
      .get(rep.jobId) as { n: number };
    expect(stored.n).toBe(2);
    expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toBe('row,prediction');
    const ac = new AbortController();
    ac.abort();
    const cancelled = await host.app.invoke(
      'registry.batch',
      { name: 'transit-delay', csvPath: csv, chunkRows: 1 },
      ac.signal,
    );
    expect(cancelled).toMatchObject({ cancelled: true, scored: 0 });
    expect(host.services.requireJobs().get(cancelled.jobId)!.status).toBe('cancelled');
  });

  it('refuses a batch CSV with an unterminated quote, naming its line, rather than scoring the rest as one cell', async () => {
    const csv = path.join(tmp.dir, 'open-quote.csv');
    fs.writeFileSync(
      csv,
      'date,a,b,noise,lane\n2024-06-01,3.5,0.5,0.2,EAST-1\n2024-06-02,1,0.5,0.2,"WEST-1\n2024-06-03,1,2,0.1,NORTH-1\n',
    );
    await expect(
      host.app.invoke('registry.batch', { name: 'transit-delay', csvPath: csv, chunkRows: 2 }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: expect.stringMatching(/open-quote\.csv line 3: a quoted field is never closed/),
    });
  });

  it('writes batch output with the one CSV writer: a label a spreadsheet would run gets a leading quote', async () => {
    // A classifier's labels come from its training data, so they can be any text.
    const server = {
      predict: (_name: string, rows: unknown[]) =>
        Promise.resolve({
          model: 'm',
          version: 1,
          source: 'model',
          columns: { score: rows.map(() => -1.5) },
          label: rows.map(() => '=HYPERLINK("http://x")'),
        }),
    } as unknown as ModelServer;
    const out = path.join(tmp.dir, 'labels.csv');
    await runBatch(
      host.services.requireDb(),
      host.services.requireJobs(),
      server,
      { name: 'm', rows: [row], sourceLabel: 'test', outCsv: out, chunkRows: 10 },
      { signal: new AbortController().signal, progress: () => {} },
    );
    expect(fs.readFileSync(out, 'utf8')).toBe('row,score,label\r\n1,-1.5,"\'=HYPERLINK(""http://x"")"\r\n');
  });

  it('a cancelled batch leaves its output CSV as it was: the rows scored so far stay in SQLite only', async () => {
    const server = {
      predict: (_name: string, rows: unknown[]) =>
        Promise.resolve({ model: 'm', version: 1, source: 'model', columns: { score: rows.map(() => 1) } }),
    } as unknown as ModelServer;
    const out = path.join(tmp.dir, 'earlier.csv');
    fs.writeFileSync(out, 'row,score\r\n1,0.5\r\n2,0.7\r\n');
    const ac = new AbortController();
    const rep = await runBatch(
      host.services.requireDb(),
      host.services.requireJobs(),
      server,
      { name: 'm', rows: [row, row, row], sourceLabel: 'test', outCsv: out, chunkRows: 1 },
      // Cancelled once the first chunk is scored.
      { signal: ac.signal, progress: () => ac.abort() },
    );
    expect([rep.cancelled, rep.scored, rep.outCsv]).toEqual([true, 1, null]);
    expect(fs.readFileSync(out, 'utf8')).toBe('row,score\r\n1,0.5\r\n2,0.7\r\n');
  });
});
