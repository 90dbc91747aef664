/**
 * Inference benchmark with onnxruntime-node: session load time, single-row latency p50/p99 (1
 * intra-op thread), and batch throughput for 100k rows with 1 and 2 threads (wall and per
 * CPU-second, with the load average, since other work skews wall times), on a realistic 300-tree
 * depth-6 model.
 *   npm run bench:infer                 # add --trees N --rows N to vary
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PARAMS, trainBooster } from '../core/ml/booster';
import { MANIFEST_FORMAT, type ModelManifest } from '../core/ml/manifest';
import { saveModelDir } from '../core/ml/model-dir';
import { exportOnnx } from '../core/ml/onnx-export';
import { loadModel } from '../core/ml/onnx-session';
import type { ModelMetrics } from '../core/ml/pipeline';
import { predictRowMajor, toRowMajor } from '../core/ml/predict';
import { syntheticMatrix } from '../core/ml/synthetic';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const trees = arg('trees', 300), batch = arg('rows', 100_000), F = 20;

async function main() {
  const { m, y } = syntheticMatrix(50_000, F, 3);
  let t = performance.now();
  const res = trainBooster(m, y, { ...DEFAULT_PARAMS, objective: { name: 'squared' }, rounds: trees, maxDepth: 6, minDataInLeaf: 5, earlyStoppingRounds: 0 });
  const leaves = res.model.trees.reduce((a, tr) => a + tr.left.filter((l) => l === -1).length, 0);
  console.log(`model: ${res.model.trees.length} trees, depth ≤ 6, ${leaves} leaves (${(leaves / res.model.trees.length).toFixed(1)} per tree), trained on 50,000 × ${F} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-infer-'));
  try {
    const manifest: ModelManifest = {
      format: MANIFEST_FORMAT, name: 'bench', title: 'bench', task: 'regression', objective: { name: 'squared' }, target: 'y', outputs: ['prediction'],
      features: Array.from({ length: F }, (_, f) => ({ name: `x${f}`, source: `x${f}`, kind: 'numeric' as const })),
      inputs: Array.from({ length: F }, (_, f) => ({ name: `x${f}`, type: 'numeric' as const })),
      dateColumn: null, trainedAt: new Date().toISOString(), rows: { train: 50_000, valid: 0, test: 0 }, params: {}, spec: null,
    };
    const onnx = exportOnnx(res.model, { name: 'bench' });
    saveModelDir(path.join(dir, 'm'), { onnx, manifest, metrics: {} as ModelMetrics });
    console.log(`model.onnx: ${(onnx.length / 1024).toFixed(0)} KiB`);

    t = performance.now();
    const model = await loadModel(path.join(dir, 'm'));
    console.log(`session load: ${(performance.now() - t).toFixed(1)} ms`);

    const data = syntheticMatrix(batch, F, 4);
    const x = toRowMajor(data.m.x, batch, F);
    const lat: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = x.subarray((i % batch) * F, (i % batch) * F + F);
      const s = performance.now();
      await model.predictMatrix(row, 1);
      if (i >= 200) lat.push(performance.now() - s); // after warm-up
    }
    lat.sort((a, b) => a - b);
    const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
    console.log(`single row: p50 ${(q(0.5) * 1000).toFixed(0)} µs, p99 ${(q(0.99) * 1000).toFixed(0)} µs (${lat.length} calls)`);

    await model.predictMatrix(x.subarray(0, 1000 * F), 1000);
    const timeBatch = async (mdl: typeof model) => {
      const wall: number[] & { cpuBest: number; out: Float32Array } = Object.assign([], { cpuBest: Infinity, out: new Float32Array(0) });
      for (let r = 0; r < 3; r++) {
        const c = process.cpuUsage();
        const s = performance.now();
        wall.out = await mdl.predictMatrix(x, batch);
        wall.push(performance.now() - s);
        const u = process.cpuUsage(c);
        wall.cpuBest = Math.min(wall.cpuBest, (u.user + u.system) / 1000);
      }
      return wall;
    };
    const runs = await timeBatch(model);
    const out = runs.out;
    const best = Math.min(...runs);
    console.log(`(load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores)`);
    console.log(`batch ${batch.toLocaleString('en')} rows, 1 thread: ${best.toFixed(0)} ms → ${Math.round(batch / (best / 1000)).toLocaleString('en')} rows/s, ${Math.round(batch / (runs.cpuBest / 1000)).toLocaleString('en')} rows per CPU-second (best of 3; target ≥ 500,000 rows/s)`);

    const rows = Array.from({ length: 10_000 }, (_, i) => Object.fromEntries(Array.from({ length: F }, (_, f) => [`x${f}`, x[i * F + f]!])));
    let s = performance.now();
    await model.predict(rows);
    console.log(`predict(rows) with encoding, 10,000 row objects: ${(performance.now() - s).toFixed(0)} ms`);

    s = performance.now();
    const own = predictRowMajor(res.model, x, batch);
    console.log(`trainer's own float32 predictor (pure TS) on ${batch.toLocaleString('en')} rows: ${(performance.now() - s).toFixed(0)} ms`);
    let worst = 0;
    for (let i = 0; i < batch; i++) worst = Math.max(worst, Math.abs(out[i]! - own[i]!) / Math.max(Math.abs(own[i]!), 1e-6));
    console.log(`parity onnxruntime vs trainer: max relative difference ${worst.toExponential(2)}`);
    await model.close();

    const model2 = await loadModel(path.join(dir, 'm'), { threads: 2 });
    await model2.predictMatrix(x.subarray(0, 1000 * F), 1000);
    const runs2 = await timeBatch(model2);
    const best2 = Math.min(...runs2);
    let worst2 = 0;
    for (let i = 0; i < batch; i++) worst2 = Math.max(worst2, Math.abs(runs2.out[i]! - own[i]!));
    console.log(`batch ${batch.toLocaleString('en')} rows, 2 threads (no spinning): ${best2.toFixed(0)} ms → ${Math.round(batch / (best2 / 1000)).toLocaleString('en')} rows/s, ${Math.round(batch / (runs2.cpuBest / 1000)).toLocaleString('en')} rows per CPU-second; max absolute difference from the trainer ${worst2.toExponential(2)} (sums in another order)`);
    await model2.close();

    // The same machine's C++ reference, so the figure above can be judged under any load.
    const py = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import xgboost'], { stdio: 'ignore' }).status === 0);
    if (!py) console.log('reference: python3-xgboost not installed, no C++ reference run');
    else {
      const r = spawnSync(py, [path.join(__dirname, 'py-infer.py'), JSON.stringify({ trees, rows: batch, features: F })], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
      const ref = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { lib?: string; rowsPerS?: number; missing?: string };
      if (ref.rowsPerS) console.log(`reference: ${ref.lib}: ${Math.round(ref.rowsPerS).toLocaleString('en')} rows/s (onnxruntime/xgboost ×${(batch / (best / 1000) / ref.rowsPerS).toFixed(2)})`);
      else console.log(`reference: not run (${ref.missing ?? r.stderr.trim().split('\n').at(-1)})`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
