import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_MIN_ROWS, firstMismatch, prepareCompiled } from './compiled-engine';
import { compileTrees, float32Below, scoreRows } from './compiled-trees';
import { encodeTable, MANIFEST_FORMAT, type ModelManifest } from './manifest';
import { saveModelDir } from './model-dir';
import { loadModel } from './onnx-session';
import { readTreeEnsemble } from './onnx-trees';
import { trainTable } from './pipeline';
import type { ModelMetrics, TrainRequest } from './pipeline-types';
import { syntheticTable } from './synthetic';
import { takeRows } from './table';
import { fixtureOnnx, fixtureRows, type FixtureOptions } from './__fixtures__/trees';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-compiled-'));
beforeAll(() => {});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** max |a−b| / max(|b|, 1e-6) */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-6));
  return worst;
}

async function ortRun(bytes: Uint8Array, x: Float32Array, n: number, F: number): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    return (await s.run({ input: new ort.Tensor('float32', x, [n, F]) })).prediction!.data as Float32Array;
  } finally {
    await s.release();
  }
}

describe('compiled tree predictor ↔ onnxruntime on trained models (held-out rows, NaNs)', () => {
  const cases: {
    label: string;
    kind: 'regression' | 'binary' | 'multiclass';
    req: Omit<TrainRequest, 'name' | 'target'>;
    tol: number;
  }[] = [
    { label: 'squared', kind: 'regression', req: { task: 'regression' }, tol: 0 },
    { label: 'quantile', kind: 'regression', req: { task: 'quantile', alpha: 0.9 }, tol: 0 },
    { label: 'squared+p10/p90', kind: 'regression', req: { task: 'regression', quantiles: [0.1, 0.9] }, tol: 0 },
    { label: 'binary', kind: 'binary', req: { task: 'binary' }, tol: 1e-6 },
    { label: 'multiclass', kind: 'multiclass', req: { task: 'multiclass' }, tol: 1e-6 },
  ];
  for (const c of cases) {
    it(`${c.label}: batches are served by compiled-trees, equal to onnxruntime (tolerance ${c.tol})`, async () => {
      const table = syntheticTable(3000, 41, c.kind);
      const res = trainTable(table, { name: `ct-${c.label}`, target: 'y', ...c.req, params: { rounds: 40 } });
      const dir = saveModelDir(path.join(tmp, c.label.replace(/\W/g, '_')), res);
      const held = takeRows(
        table,
        Array.from({ length: 450 }, (_, k) => 2550 + k),
      );
      for (const col of held.columns)
        if (col.name !== 'date')
          for (let i = 0; i < 40; i++) {
            if (col.num) col.num[i] = NaN;
            if (col.str) col.str[i] = null;
          }
      const x = encodeTable(res.manifest.features, held);
      expect(x.some((v) => Number.isNaN(v))).toBe(true);
      const auto = await loadModel(dir);
      const plain = await loadModel(dir, { engine: 'onnxruntime' });
      try {
        expect(await auto.engineReady).toMatchObject({ batch: 'compiled-trees', reason: null, settled: true });
        expect(auto.engine.verifiedRows).toBeGreaterThan(1000);
        expect((await plain.engineReady).batch).toBe('onnxruntime');
        const got = await auto.scoreMatrix(x, held.nRows);
        const want = await plain.scoreMatrix(x, held.nRows);
        expect(got.engine).toBe('compiled-trees');
        expect(want.engine).toBe('onnxruntime');
        if (c.tol === 0) expect(Array.from(got.values)).toEqual(Array.from(want.values));
        else expect(maxRelDiff(got.values, want.values)).toBeLessThanOrEqual(c.tol);
        // Small requests stay on onnxruntime and say so.
        const one = await auto.predictTable(takeRows(held, [0]));
        expect(one.engine).toBe('onnxruntime');
        const named = await auto.predictTable(held);
        expect(named.engine).toBe('compiled-trees');
        expect(named.engineNote).toBeNull();
      } finally {
        await auto.close();
        await plain.close();
      }
    });
  }
});

describe('compiled tree predictor on hand-built ONNX (all branch modes, missing tracks, shallow leaves)', () => {
  const fixtures: [string, FixtureOptions][] = [
    ['one output, mixed modes', { trees: 40, maxDepth: 5, features: 6 }],
    ['three outputs, per-leaf targets', { trees: 30, maxDepth: 4, features: 5, targets: 3, base: [0, 0, 0] }],
    ['sigmoid chain', { trees: 25, maxDepth: 6, features: 4, link: 'sigmoid' }],
    ['softmax', { trees: 30, maxDepth: 3, features: 4, targets: 4, link: 'softmax', base: [0, 0, 0, 0] }],
    ['stumps and single leaves', { trees: 20, maxDepth: 1, features: 3 }],
  ];
  for (const [label, o] of fixtures) {
    it(`${label}: equal to onnxruntime on grid values, NaN and ±∞`, async () => {
      const bytes = fixtureOnnx(o);
      const read = readTreeEnsemble(bytes);
      if (!read.ok) throw new Error(read.reason);
      const compiled = compileTrees(read.spec);
      if (!compiled.ok) throw new Error(compiled.reason);
      const n = 3000;
      const x = fixtureRows(n, o.features);
      const want = await ortRun(bytes, x, n, o.features);
      const got = new Float32Array(n * (o.targets ?? 1));
      scoreRows(compiled.trees, x, got, 0, n);
      if ((o.link ?? 'none') === 'none') expect(firstMismatch(want, got, 0, o.targets ?? 1)).toBeNull();
      else expect(maxRelDiff(got, want)).toBeLessThanOrEqual(1e-6);
      // The load-time check through the worker threads agrees too.
      const prepared = await prepareCompiled(bytes, o.features, o.targets ?? 1, (xs, m) =>
        ortRun(bytes, xs, m, o.features),
      );
      expect(prepared.reason).toBeNull();
      const viaWorkers = await prepared.engine!.score(x, n, 2);
      expect(Array.from(viaWorkers)).toEqual(Array.from(got));
      prepared.engine!.close();
    });
  }

  it('float32Below gives the float32 just under a threshold (so x ≥ t ⇔ x > below)', () => {
    for (const t of [1, -1, 0, -0, 0.1, 3.4e38, -3.4e38, 1e-45]) {
      const b = float32Below(Math.fround(t));
      expect(b).toBeLessThan(Math.fround(t));
      expect(Math.fround(b)).toBe(b);
      expect(
        Math.fround((b + Math.fround(t)) / 2) === b || Math.fround((b + Math.fround(t)) / 2) === Math.fround(t),
      ).toBe(true);
    }
  });
});

describe('refusals: batches stay on onnxruntime and the reason is named', () => {
  it.each([
    ['AVERAGE aggregation', { aggregate: 'AVERAGE' }, /aggregate_function AVERAGE/],
    ['a post_transform', { postTransform: 'LOGISTIC' }, /post_transform LOGISTIC/],
    ['BRANCH_EQ nodes', { modes: ['BRANCH_EQ'] }, /node mode BRANCH_EQ/],
    // onnxruntime drops the base value of an output no leaf of the row voted for.
    [
      'a base value on an output a row can miss',
      { targets: 3, base: [0, 0, 1] },
      /output 2 has a base value but a row can reach no leaf voting for it/,
    ],
  ] as const)('%s is refused', (_l, extra, reason) => {
    const r = readTreeEnsemble(fixtureOnnx({ trees: 3, maxDepth: 2, features: 3, ...extra }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('a tree deeper than the padded layout allows is refused by the compiler', () => {
    // A chain: every split's false child splits again, 17 levels deep.
    const splits = 17,
      n = 2 * splits + 1;
    const nodes = {
      treeStart: Int32Array.from([0, n]),
      mode: new Uint8Array(n),
      feature: new Int32Array(n),
      threshold: new Float32Array(n),
      trueChild: new Int32Array(n),
      falseChild: new Int32Array(n),
      missingTrue: new Uint8Array(n),
      target: new Int32Array(n),
      weight: new Float32Array(n),
    };
    for (let k = 0; k < splits; k++) {
      nodes.mode[2 * k] = 1; // BRANCH_LEQ
      nodes.trueChild[2 * k] = 2 * k + 1; // a leaf (mode 0)
      nodes.falseChild[2 * k] = 2 * k + 2;
    }
    const r = compileTrees({
      nFeatures: 1,
      nTargets: 1,
      base: [0],
      link: 'none',
      inputName: 'input',
      outputName: 'prediction',
      nTrees: 1,
      nodes,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/more than 16 levels deep/);
  });

  it('garbage bytes are refused, not thrown', () => {
    const r = readTreeEnsemble(Uint8Array.from([0x3a, 0xff, 0xff, 0x01]));
    expect(r.ok).toBe(false);
  });

  it('a model directory with an unsupported ensemble serves batches on onnxruntime with the reason', async () => {
    const F = 3;
    const bytes = fixtureOnnx({ trees: 5, maxDepth: 3, features: F, aggregate: 'AVERAGE' });
    const manifest: ModelManifest = {
      format: MANIFEST_FORMAT,
      name: 'avg',
      title: 'avg',
      task: 'regression',
      objective: { name: 'squared' },
      target: 'y',
      outputs: ['prediction'],
      features: Array.from({ length: F }, (_, f) => ({ name: `x${f}`, source: `x${f}`, kind: 'numeric' as const })),
      inputs: Array.from({ length: F }, (_, f) => ({ name: `x${f}`, type: 'numeric' as const })),
      dateColumn: null,
      trainedAt: new Date().toISOString(),
      rows: { train: 0, valid: 0, test: 0 },
      params: {},
      spec: null,
    };
    const dir = saveModelDir(path.join(tmp, 'avg'), { onnx: bytes, manifest, metrics: {} as ModelMetrics });
    const m = await loadModel(dir);
    try {
      await m.engineReady;
      expect(m.engine.batch).toBe('onnxruntime');
      expect(m.engine.reason).toMatch(/unsupported ONNX for the compiled predictor: aggregate_function AVERAGE/);
      const n = COMPILED_MIN_ROWS * 2;
      const r = await m.scoreMatrix(fixtureRows(n, F), n);
      expect(r.engine).toBe('onnxruntime');
      expect(r.engineNote).toMatch(/AVERAGE/);
    } finally {
      await m.close();
    }
  });

  it('a compiled predictor that disagrees with onnxruntime at load is not used', async () => {
    const o = { trees: 10, maxDepth: 3, features: 4 };
    const bytes = fixtureOnnx(o);
    // onnxruntime's answers shifted by one float32 ulp in one row: the check must notice.
    const prepared = await prepareCompiled(bytes, o.features, 1, async (xs, m) => {
      const out = await ortRun(bytes, xs, m, o.features);
      out[7] = out[7]! > 0 ? -float32Below(-out[7]!) : float32Below(out[7]!);
      return out;
    });
    expect(prepared.engine).toBeNull();
    expect(prepared.reason).toMatch(/disagreed with onnxruntime at load \(row 8, output 0/);
  });
});
