import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../contract/errors';
import { RakeplanClient } from '../contract/client';
import type { Events } from '../contract';
import { createMemoryPair } from '../contract/memory-transport';
import { createHost, type Host } from '../host/create-host';
import { insertHistory } from '../scenarios/history-store';
import { generateHistory } from '../synth/history';
import { writeSyntheticCsv } from '../../tests/fixtures/test-models';

let dir: string;
let host: Host;
let csv: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-train-'));
  csv = path.join(dir, 'lanes.csv');
  writeSyntheticCsv(csv, 2000, 5);
  host = createHost({ dataDir: dir, mode: 'test' });
});
afterAll(() => {
  host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('training contract', () => {
  it('trains from a CSV in the worker, records the job, saves model + manifest + metrics, and predicts', async () => {
    const res = await host.app.invoke('training.start', {
      csv,
      name: 'lanes',
      target: 'y',
      task: 'regression',
      params: { rounds: 40 },
    });
    expect(res.name).toBe('lanes');
    expect(res.registryNew).toBe(true);
    expect(res.history).toBeNull();
    expect(fs.readdirSync(res.dir).sort()).toEqual(['manifest.json', 'metrics.json', 'model.onnx']);
    expect(res.metrics.rows.train + res.metrics.rows.valid + res.metrics.rows.test).toBe(2000);
    expect(res.metrics.history.length).toBeGreaterThan(0);

    const jobs = await host.app.invoke('training.jobs', {});
    expect(jobs[0]).toMatchObject({
      jobId: res.jobId,
      name: 'lanes',
      status: 'succeeded',
      version: res.version,
      summary: { metric: 'mae' },
    });
    const got = await host.app.invoke('training.get', { jobId: res.jobId });
    expect(got.history.length).toBe(res.metrics.history.length);

    const rows = [
      { date: '2025-01-10', a: 3, b: 1, noise: 0.2, lane: 'EAST-1' },
      { date: '2025-01-11', a: null, b: null, noise: null, lane: 'UNSEEN' },
    ];
    const pred = await host.app.invoke('predict.rows', { model: 'lanes', rows });
    expect(pred.columns).toEqual(['prediction']);
    expect(pred.rows).toHaveLength(2);
    for (const r of pred.rows) expect(Number.isFinite(r.prediction)).toBe(true);
    const byVersion = await host.app.invoke('predict.rows', { model: `lanes@${res.version}`, rows: rows.slice(0, 1) });
    expect(byVersion.rows[0]!.prediction).toBe(pred.rows[0]!.prediction);

    await expect(host.app.invoke('predict.rows', { model: 'lanes', rows: [{ a: 1 }] })).rejects.toThrow(
      /Missing input column\(s\): date, b, noise, lane/,
    );
    await expect(host.app.invoke('predict.rows', { model: 'nope', rows })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancels a running training and records it as cancelled', async () => {
    const started = host.app.invoke('training.start', {
      csv,
      name: 'slow',
      target: 'y',
      task: 'regression',
      params: { rounds: 5000, learningRate: 0.001, earlyStoppingRounds: 0 },
    });
    // Waits for the job the jobs list shows running, however long a busy machine takes to start it.
    const jobId = await vi.waitFor(
      async () => {
        const job = (await host.app.invoke('training.jobs', {})).find(
          (j) => j.name === 'slow' && j.status === 'running',
        );
        expect(job).toBeDefined();
        return job!.jobId;
      },
      { timeout: 60_000, interval: 25 },
    );
    expect(await host.app.invoke('training.cancel', { jobId })).toEqual({ cancelled: true });
    const err = await started.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('CANCELLED');
    expect((await host.app.invoke('training.get', { jobId })).status).toBe('cancelled');
    expect(fs.existsSync(path.join(dir, 'models', 'slow'))).toBe(false);
  });

  it('outlives the window that started it: a closed connection leaves it running to a registered version', async () => {
    const pair = createMemoryPair();
    host.app.connect(pair.port);
    const client = new RakeplanClient(pair.transport);
    const payload = { csv, name: 'outlives', target: 'y', task: 'regression' as const, params: { rounds: 300 } };
    let round = 0;
    const started = new Promise<void>((resolve) =>
      client.on('training.progress', (p) => {
        if (p.stage === 'training' && ++round === 1) resolve();
      }),
    );
    // Another window follows it and is told its result when it ends.
    const other = createMemoryPair();
    host.app.connect(other.port);
    const finished = new Promise<Events['training.finished']>((resolve) =>
      new RakeplanClient(other.transport).on('training.finished', (f) => f.name === 'outlives' && resolve(f)),
    );
    const call = client.call('training.start', payload).catch(() => null);
    await started;
    pair.close();
    void call;
    const job = async () => (await host.app.invoke('training.jobs', {})).find((j) => j.name === 'outlives');
    await vi.waitFor(async () => expect((await job())?.status).toBe('succeeded'), { timeout: 120_000, interval: 100 });
    expect((await job())!.version).toBeTruthy();
    const f = await finished;
    expect(f.status).toBe('succeeded');
    if (f.status !== 'succeeded') return;
    expect(f.result.version).toBe((await job())!.version);
    expect(f.result.metrics.history.length).toBeGreaterThan(0);
    expect(f.result.registryVersion).toBeGreaterThan(0);
    other.close();
  }, 150_000);

  it('rejects unknown specs and bad payloads with specific errors', async () => {
    await expect(host.app.invoke('training.start', { spec: 'weather' })).rejects.toThrow(
      /No model spec 'weather'.*transit-delay/,
    );
    await expect(
      host.app.invoke('training.start', { csv, name: 'Bad Name', target: 'y', task: 'regression' }),
    ).rejects.toMatchObject({ code: 'BAD_PAYLOAD' });
    const specs = await host.app.invoke('training.specs', {});
    expect(specs.map((x) => x.name)).toEqual([
      'demand',
      'rake-availability',
      'transit-delay',
      'loading-throughput',
      'freight-cost',
      'transport-mode',
    ]);
  });

  it('serves demand and operational forecasts, from a trained model or a named fallback', async () => {
    const series = await host.app.invoke('predict.demandSeries', {});
    expect(series.length).toBeGreaterThan(10);
    const fc = await host.app.invoke('predict.demand', {
      destination: series[0]!.destination,
      product: series[0]!.product,
    });
    expect(fc.forecast).toHaveLength(14);
    expect(fc.actuals.length).toBe(90);
    expect(fc.model).toBeNull();
    expect(fc.fallback).toMatch(
      /^No usable demand model: there is no model named demand in the registry\. Showing the seasonal naive/,
    );
    // Beside the English, the code and parameters the interface words it by in its own language.
    expect(fc.fallbackWhy).toEqual({ code: 'not-in-registry', model: 'demand' });
    expect(series[0]!.history).toMatchObject({ code: 'generated', table: 'history_demand' });
    expect(series[0]!.source).toMatch(/^synthetic history/);
    await expect(host.app.invoke('predict.demand', { destination: 'NOWHERE', product: 'HRC' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const before = await host.app.invoke('predict.operational', { date: '2026-07-15' });
    expect(before.sources.transit).toMatch(
      /^historical mean — transit-delay: there is no model named transit-delay in the registry$/,
    );
    expect(before.sourceCodes.transit).toEqual({
      code: 'historical-mean',
      why: { code: 'not-in-registry', model: 'transit-delay' },
    });
    expect(before.transit.every((t) => t.from === 'historical mean' && t.medianH === t.laneMeanH)).toBe(true);

    // Enough rounds to beat its baseline: a model that does not is replaced by it, on the page too.
    const trained = await host.app.invoke('training.start', { spec: 'transit-delay', params: { rounds: 150 } });
    expect(trained.metrics.quantiles.map((q) => q.output)).toEqual(['p10', 'p90']);
    // The history a spec trained on comes as a code too, for the interface to word in its language.
    expect(trained.history).toMatchObject({ code: 'generated', table: 'history_trips' });
    expect(trained.source).toMatch(/^synthetic history/);
    // The same history and settings train the same file: the answer says no version was added.
    const again = await host.app.invoke('training.start', { spec: 'transit-delay', params: { rounds: 150 } });
    expect(again).toMatchObject({ registryVersion: trained.registryVersion, registryNew: false });
    // …and keeps no folder that would read as a newer model than the one it equals: it names the
    // earlier training's folder, which holds the same model.
    expect(again.dir).toBe(trained.dir);
    expect(fs.readdirSync(path.dirname(trained.dir)).filter((f) => f.startsWith('v'))).toEqual([
      path.basename(trained.dir),
    ]);
    const specs = await host.app.invoke('training.specs', {});
    expect(specs.find((sp) => sp.name === 'transit-delay')!.latest).toMatchObject({ version: trained.version });
    expect(trained.registryNew).toBe(true);
    // Trained means candidate: until promoted, planning keeps its own figures, and so does the page.
    const candidate = await host.app.invoke('predict.operational', { date: '2026-07-15' });
    expect(candidate.sources.transit).toBe(
      'historical mean — transit-delay: no transit-delay model in the registry (none pinned or in production)',
    );
    expect(candidate.transit.every((t) => t.p10H === null && t.p90H === null)).toBe(true);
    // A short training may fail a stability gate; this test is about the wiring, so promote with a reason.
    await host.app.invoke('registry.promote', {
      name: 'transit-delay',
      version: trained.registryVersion,
      override: { reason: 'test: wiring of forecasts to the optimizer' },
    });
    const after = await host.app.invoke('predict.operational', { date: '2026-07-15' });
    expect(after.sources.transit).toBe(`transit-delay@${trained.registryVersion}`);
    expect(after.sourceCodes.transit).toEqual({
      code: 'registry',
      from: after.sources.transit,
      label: after.sources.transit,
    });
    expect(after.transit.length).toBe(before.transit.length);
    const ordered = after.transit.filter((t) => t.p10H! <= t.medianH && t.medianH <= t.p90H!).length;
    expect(ordered).toBeGreaterThan(0.8 * after.transit.length);
    expect(after.sources.loading).toMatch(/historical mean/); // still untrained: named, not silent

    // The plant's own history arrives: the model trained on the demo's may not speak for it, on the
    // page as in planning; the baseline fitted on the plant's history does, and says why.
    insertHistory(host.services.requireDb(), generateHistory({ seed: 3, days: 120 }), { replace: true });
    const plant = await host.app.invoke('predict.operational', { date: '2026-07-15' });
    expect(plant.sources.transit).toMatch(
      new RegExp(
        `^baseline transit-delay: transit-delay@${trained.registryVersion} was trained on synthetic demo history`,
      ),
    );
    // The same for the interface: what answered, and why as codes, to word in its own language.
    expect(plant.sourceCodes.transit).toMatchObject({
      code: 'registry',
      label: 'baseline transit-delay',
      reasons: [
        { code: 'model-synthetic', params: { model: 'transit-delay', version: trained.registryVersion } },
        { code: expect.stringMatching(/^baseline-used/) },
      ],
    });
    expect(plant.transit.length).toBeGreaterThan(0);
    expect(plant.transit.every((t) => t.from === plant.sources.transit && Number.isFinite(t.medianH))).toBe(true);
  });

  it('shows a training interrupted by a crash as failed after restart', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-crash-'));
    try {
      const h1 = createHost({ dataDir: other, mode: 'test' });
      const job = h1.services.requireJobs().create('training', 'Train demand');
      h1.services
        .requireDb()
        .prepare(
          `INSERT INTO training_runs (job_id, name, kind, request, created_at) VALUES (?, 'demand', 'spec', '{}', ?)`,
        )
        .run(job.id, new Date().toISOString());
      h1.close(); // the process "dies" with the job marked running
      const h2 = createHost({ dataDir: other, mode: 'test' });
      const [j] = await h2.app.invoke('training.jobs', {});
      expect(j).toMatchObject({ jobId: job.id, status: 'failed' });
      expect(j!.error).toMatch(/Interrupted/);
      h2.close();
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
