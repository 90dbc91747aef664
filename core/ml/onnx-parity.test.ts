import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeTable } from './manifest';
import { saveModelDir } from './model-dir';
import { loadModel } from './onnx-session';
import { trainTable } from './pipeline';
import type { TrainRequest } from './pipeline-types';
import { predictRowMajor } from './predict';
import { syntheticTable } from './synthetic';
import { takeRows } from './table';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-onnx-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cases: {
  label: string;
  kind: 'regression' | 'binary' | 'multiclass';
  req: Omit<TrainRequest, 'name' | 'target'>;
}[] = [
  { label: 'squared', kind: 'regression', req: { task: 'regression' } },
  { label: 'absolute', kind: 'regression', req: { task: 'regression', objective: 'absolute' } },
  { label: 'huber', kind: 'regression', req: { task: 'regression', objective: 'huber' } },
  { label: 'quantile', kind: 'regression', req: { task: 'quantile', alpha: 0.9 } },
  { label: 'squared+p10/p90', kind: 'regression', req: { task: 'regression', quantiles: [0.1, 0.9] } },
  { label: 'binary', kind: 'binary', req: { task: 'binary' } },
  { label: 'multiclass', kind: 'multiclass', req: { task: 'multiclass' } },
];

/** max |a−b| / max(|b|, 1e-6): relative, with a floor so exact zeros do not divide by zero. */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-6));
  return worst;
}

const exported: string[] = [];

describe('ONNX export ↔ onnxruntime parity (held-out rows, missing values present)', () => {
  for (const c of cases) {
    it(`${c.label}: onnxruntime equals the trainer within 1e-5 relative`, async () => {
      const table = syntheticTable(3000, 31, c.kind);
      const res = trainTable(table, { name: `parity-${c.label}`, target: 'y', ...c.req, params: { rounds: 60 } });
      const dir = saveModelDir(path.join(tmp, c.label.replace(/\W/g, '_')), res);
      exported.push(path.join(dir, 'model.onnx'));
      // Held-out rows = the last 15 % in time (the test split), plus rows with every input missing.
      const held = takeRows(
        table,
        Array.from({ length: 450 }, (_, k) => 2550 + k),
      );
      for (const col of held.columns)
        if (col.name !== 'date')
          for (let i = 0; i < 20; i++) {
            if (col.num) col.num[i] = NaN;
            if (col.str) col.str[i] = null;
          }
      const x = encodeTable(res.manifest.features, held);
      expect(x.some((v) => Number.isNaN(v))).toBe(true);
      const own = predictRowMajor(res.model, x, held.nRows);
      const m = await loadModel(dir);
      try {
        const ort = await m.predictMatrix(x, held.nRows);
        expect(ort.length).toBe(own.length);
        expect(maxRelDiff(ort, own)).toBeLessThanOrEqual(1e-5);
        const named = await m.predictTable(held);
        if (c.kind === 'regression') expect(named.columns.prediction![5]).toBeCloseTo(own[5 * res.model.outputs]!, 4);
        if (c.req.quantiles) {
          // P10 ≤ P90 for nearly all rows (separate ensembles may cross on a few).
          const { p10, p90 } = named.columns;
          expect(Array.from(p10!).filter((v, i) => v <= p90![i]!).length).toBeGreaterThan(0.95 * held.nRows);
        }
        if (c.kind !== 'regression') {
          const classes = res.manifest.classes!;
          for (let i = 0; i < held.nRows; i++)
            expect(classes.reduce((s, k) => s + named.columns[`p_${k}`]![i]!, 0)).toBeCloseTo(1, 5);
          expect(named.label!.every((l) => classes.includes(l))).toBe(true);
        }
      } finally {
        await m.close();
      }
    });
  }

  it('exported files pass onnx.checker.check_model(full_check=True) where python3-onnx is installed', () => {
    expect(exported.length).toBe(cases.length);
    const python = ['/usr/bin/python3', 'python3'].find(
      (p) => spawnSync(p, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0,
    );
    if (!python) {
      // No checker here: still check what we can — every file is a protobuf starting with ir_version = 8.
      console.log(
        'python3-onnx is not installed: onnx.checker skipped; checked the ir_version field of each file instead.',
      );
      for (const f of exported) expect(Array.from(fs.readFileSync(f).subarray(0, 2))).toEqual([0x08, 0x08]);
      return;
    }
    const script =
      'import sys, onnx\nfor f in sys.argv[1:]:\n  m = onnx.load(f)\n  onnx.checker.check_model(m, full_check=True)\n  print(f, m.ir_version, [(o.domain, o.version) for o in m.opset_import])';
    const out = execFileSync(python, ['-c', script, ...exported], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(exported.length);
    expect(out).toContain("('ai.onnx.ml', 3)");
  });
});
