import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../core/contract/errors';
import { createHost, type Host } from '../../core/host/create-host';
import { solveLp } from '../../core/optimizer/highs-driver';
import { LpModel } from '../../core/optimizer/lp-text';
import type { SolveJob } from '../../core/optimizer/solve.worker';
import { registryFor } from '../../core/registry/context';
import { trainTestModel } from '../fixtures/test-models';
import { generateScenario } from '../../core/synth/scenario';
import { runWorker } from '../../core/workers/run';
import { tempDir } from '../helpers/tmp';

/**
 * Engines that abort — HiGHS' WebAssembly `abort()`, a worker that runs out of memory,
 * onnxruntime refusing a model — must cost one call a clear error and nothing else: other calls
 * keep being answered and the next call of the same kind works.
 */
let tmp: ReturnType<typeof tempDir>;
let host: Host;

beforeAll(() => {
  tmp = tempDir('rakeplan-abort-');
  host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
});
afterAll(() => {
  host.close();
  tmp.cleanup();
});

function tinyModel(): LpModel {
  const m = new LpModel();
  const x = m.addVar('x', 'C', 1);
  const y = m.addVar('y', 'I', 2);
  m.addRow(
    'c',
    [
      [1, x],
      [2, y],
    ],
    '>=',
    3,
  );
  return m;
}

describe('HiGHS aborts', () => {
  it('an LP text HiGHS cannot read fails loudly, and the next solve on the same driver works', async () => {
    const m = tinyModel();
    const good = m.toLp();
    // Garbage and a truncated model abort the WASM reader; an infinite right-hand side fails its read.
    for (const bad of ['garbage ]]] \u0000', good.slice(0, good.length / 2), good.replace('>= 3', '>= Infinity')]) {
      await expect(solveLp(m, bad, { timeLimitS: 5, gap: 0 })).rejects.toThrow(/\w{5,}/);
      const next = await solveLp(m, good, { timeLimitS: 5, gap: 0 });
      expect(next.status).toBe('optimal');
      expect(next.objective).toBeCloseTo(3, 9);
    }
  });

  it('the model builder refuses a non-finite coefficient, bound or right-hand side, naming the row', () => {
    const m = tinyModel();
    expect(() => m.addRow('bad_row', [[NaN, 0]], '<=', 1)).toThrow(
      /LP row bad_row has a non-finite coefficient \(NaN\) on x/,
    );
    expect(() => m.addRow('bad_rhs', [[1, 0]], '<=', Infinity)).toThrow(/bad_rhs has a non-finite right-hand side/);
    expect(() => m.addVar('z', 'C', NaN)).toThrow(/LP variable z has a non-finite cost/);
  });

  it('a solve worker that runs out of memory fails its call clearly while other calls are answered', async () => {
    const scenario = generateScenario({ seed: 3, size: 'day' });
    const job = (): SolveJob => ({
      scenario,
      options: { timeLimitS: 5, ruleBasedOnly: true },
      stop: new SharedArrayBuffer(4),
    });
    const starved = runWorker('solve', job(), {
      resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 },
    });
    // Meanwhile the host's own loop answers.
    const meanwhile = await Promise.all(Array.from({ length: 5 }, () => host.app.invoke('health.get', {})));
    expect(meanwhile.every((h) => h.db.status === 'ok')).toBe(true);
    const err = await starved.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).message).toMatch(/solve worker/);
    // The next solve gets a fresh worker and succeeds.
    const ok = await runWorker<SolveJob, { plan: { rakes: unknown[] } }>('solve', job());
    expect(Array.isArray(ok.plan.rakes)).toBe(true);
  }, 120_000);

  it('plans.solve keeps working after a failed solve, through the contract', async () => {
    const sc = await host.app.invoke('scenarios.create', { template: 'day', seed: 4 });
    const bad = await host.app.invoke('plans.solve', { scenario: { format: 'rakeplan.scenario/1' } }).then(
      () => null,
      (e: ContractError) => e,
    );
    expect(bad?.code).toBe('INVALID_DATA');
    const good = await host.app.invoke('plans.solve', { scenarioId: sc.id, timeLimitS: 5, ruleBasedOnly: true });
    expect(good.id).toBeTruthy();
  }, 120_000);
});

describe('onnxruntime failures', () => {
  const row = { date: '2024-06-01', a: 3.5, b: 0.5, noise: 0.2, lane: 'EAST-1' };

  it('a model onnxruntime cannot load is refused clearly and the served model keeps answering', async () => {
    const m = trainTestModel(tmp.dir, { rounds: 8, tag: 'abort' });
    const v = registryFor(host.services).registerDir(m.dir, { table: m.table });
    await host.app.invoke('registry.promote', {
      name: 'transit-delay',
      version: v.version,
      override: { reason: 'reliability test' },
    });
    const before = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row] });
    expect(before.source).toBe('model');
    const onnx = fs.readFileSync(path.join(m.dir, 'model.onnx'));
    const broken = [
      Buffer.from('not an onnx model at all'),
      onnx.subarray(0, Math.floor(onnx.length / 3)),
      Buffer.concat([onnx.subarray(0, 64), Buffer.alloc(4096, 0xff)]),
    ];
    for (const bytes of broken) {
      const err = await host.app
        .invoke('registry.import', {
          name: 'broken-model',
          onnxBase64: bytes.toString('base64'),
          task: 'regression',
          inputs: [
            { name: 'a', type: 'numeric' },
            { name: 'b', type: 'numeric' },
          ],
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(ContractError);
      expect(['INVALID_DATA', 'BAD_PAYLOAD']).toContain((err as ContractError).code);
      const after = await host.app.invoke('registry.predict', { name: 'transit-delay', rows: [row] });
      expect(after).toMatchObject({ source: 'model', version: v.version });
      expect(after.columns.prediction![0]).toBeCloseTo(before.columns.prediction![0]!, 6);
    }
  }, 120_000);

  it('oversized inference inputs are capped with a clear message before reaching onnxruntime', async () => {
    const many = Array.from({ length: 10_001 }, () => row);
    for (const call of ['registry.predict', 'predict.rows'] as const) {
      const payload =
        call === 'registry.predict' ? { name: 'transit-delay', rows: many } : { model: 'transit-delay', rows: many };
      const err = await host.app.invoke(call, payload as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, call).toBeInstanceOf(ContractError);
      expect((err as ContractError).code).toBe('BAD_PAYLOAD');
      expect(JSON.stringify((err as ContractError).issues ?? (err as ContractError).message)).toMatch(/rows/);
    }
  });
});
