/**
 * Training benchmark: RakePlan's trainer against python3-xgboost (tree_method=hist) and
 * scikit-learn's HistGradientBoosting, same data, rounds, depth, bins and learning rate, in the
 * same run. Prints wall and CPU time and test RMSE/MAE side by side with ratios (ours = the faster
 * of our one- and two-thread runs), and the load average, since other work skews wall times.
 *   npm run bench:train                       # 1,000,000 × 20 generated + plant history
 *   npm run bench:train -- --rows 200000 --rounds 50 --skip-history
 *   npm run bench:train -- --only freight-cost,demand   # some of: generated, demand, freight-cost
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PARAMS, trainBooster, type Matrix } from '../core/ml/booster';
import { ParallelHistBuilder } from '../core/ml/parallel-hist';
import { encodeTable, fitFeatures } from '../core/ml/manifest';
import { regressionMetrics } from '../core/ml/metrics';
import { predictRowMajor, toRowMajor } from '../core/ml/predict';
import { syntheticMatrix } from '../core/ml/synthetic';
import { getColumn, type Table } from '../core/ml/table';
import { generateHistory } from '../core/synth/history';
import { getSpec } from '../models';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cfg = { rows: arg('rows', 1_000_000), features: arg('features', 20), rounds: arg('rounds', 100), depth: arg('depth', 6), lr: 0.1, bins: 255 };
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0);

interface Row { lib: string; seconds?: number; cpuSeconds?: number; rmse?: number; mae?: number; missing?: string; load?: number }

function compare(label: string, train: Matrix, yTrain: Float64Array, test: Matrix, yTest: Float64Array): void {
  console.log(`\n(load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores; wall times need a quiet machine, CPU seconds are steadier)`);
  console.log(`== ${label}: ${train.nRows} train rows × ${train.nFeatures} features, ${test.nRows} test rows; ${cfg.rounds} rounds, depth ${cfg.depth}, ${cfg.bins} bins, learning rate ${cfg.lr}`);
  const run = (threads: 1 | 2): Row => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = trainBooster(train, yTrain, {
      ...DEFAULT_PARAMS, objective: { name: 'squared' }, rounds: cfg.rounds, maxDepth: cfg.depth, maxLeaves: 0, learningRate: cfg.lr,
      maxBins: cfg.bins, lambda: 1, minChildWeight: 1, minDataInLeaf: 1, earlyStoppingRounds: 0,
    }, threads === 2 ? { makeBuilder: (s) => new ParallelHistBuilder(s) } : {});
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const pred = predictRowMajor(res.model, toRowMajor(test.x, test.nRows, test.nFeatures), test.nRows);
    return { lib: `rakeplan (TypeScript, ${threads} thread${threads === 2 ? 's' : ''})`, seconds, cpuSeconds, load: os.loadavg()[0], ...pick(regressionMetrics(yTest, pred)) };
  };
  const ours1 = run(1);
  const ours2 = run(2);
  // The faster of our two runs is compared: the two-thread one when the second core is free.
  const ours = ours2.seconds! < ours1.seconds! ? ours2 : ours1;
  const rows: Row[] = [ours1, ours2];
  if (!python) rows.push({ lib: 'python', missing: 'no python3 with numpy: xgboost/sklearn not run' });
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-'));
    try {
      fs.writeFileSync(path.join(dir, 'xtrain.bin'), toRowMajor(train.x, train.nRows, train.nFeatures));
      fs.writeFileSync(path.join(dir, 'ytrain.bin'), yTrain);
      fs.writeFileSync(path.join(dir, 'xtest.bin'), toRowMajor(test.x, test.nRows, test.nFeatures));
      fs.writeFileSync(path.join(dir, 'ytest.bin'), yTest);
      const spec = JSON.stringify({ dir, ntrain: train.nRows, ntest: test.nRows, nfeat: train.nFeatures, rounds: cfg.rounds, depth: cfg.depth, lr: cfg.lr, bins: cfg.bins });
      const r = spawnSync(python, [path.join(__dirname, 'py-gbm.py'), spec], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' }, maxBuffer: 1 << 24 });
      if (r.status !== 0) rows.push({ lib: 'python', missing: r.stderr.trim().split('\n').at(-1) ?? 'failed' });
      // Both libraries run in one process: the load average after it stands for both.
      for (const line of r.stdout.trim().split('\n').filter(Boolean)) rows.push({ ...(JSON.parse(line) as Row), load: os.loadavg()[0] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const r of rows) {
    if (r.missing) { console.log(`  ${r.lib.padEnd(42)} not run: ${r.missing}`); continue; }
    const ratio = r.lib.startsWith('rakeplan') ? '' : `   ours/theirs: time ×${(ours.seconds! / r.seconds!).toFixed(2)}, CPU ×${(ours.cpuSeconds! / r.cpuSeconds!).toFixed(2)}, RMSE ×${(ours.rmse! / r.rmse!).toFixed(4)}`;
    console.log(`  ${r.lib.padEnd(42)} ${r.seconds!.toFixed(2).padStart(7)} s wall ${r.cpuSeconds!.toFixed(2).padStart(7)} s CPU   load ${r.load!.toFixed(2)}   test RMSE ${r.rmse!.toFixed(4)}   MAE ${r.mae!.toFixed(4)}${ratio}`);
  }
}

function pick(m: { rmse: number; mae: number }) {
  return { rmse: m.rmse, mae: m.mae };
}

/** A spec's table → time-ordered 85/15 split matrices, encoded as the pipeline does. */
function specMatrices(table: Table, target: string, features: string[], categorical: string[]) {
  const y = getColumn(table, target)!.num!;
  const d = getColumn(table, 'date')!.num!;
  const order = Array.from({ length: table.nRows }, (_, i) => i).filter((i) => !Number.isNaN(y[i]!)).sort((a, b) => d[a]! - d[b]! || a - b);
  const cut = Math.floor(order.length * 0.85);
  const trainIdx = order.slice(0, cut), testIdx = order.slice(cut);
  const feats = fitFeatures(table, features, new Set(categorical), trainIdx, Float64Array.from(trainIdx, (i) => y[i]!), true);
  const x = encodeTable(feats, table);
  const F = feats.length;
  const m = (idx: number[]): Matrix => {
    const out = new Float32Array(idx.length * F);
    idx.forEach((i, k) => { for (let f = 0; f < F; f++) out[f * idx.length + k] = x[i * F + f]!; });
    return { x: out, nRows: idx.length, nFeatures: F };
  };
  return { train: m(trainIdx), yTrain: Float64Array.from(trainIdx, (i) => y[i]!), test: m(testIdx), yTest: Float64Array.from(testIdx, (i) => y[i]!) };
}

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1]!.split(',')) : null;
const runs = (name: string) => !only || only.has(name);

if (runs('generated')) {
  const gen = syntheticMatrix(cfg.rows, cfg.features, 1);
  const test = syntheticMatrix(Math.max(10_000, Math.round(cfg.rows / 5)), cfg.features, 2);
  compare('generated data', gen.m, gen.y, test.m, test.y);
}

const historySets = ['demand', 'freight-cost'].filter(runs);
if (!process.argv.includes('--skip-history') && historySets.length > 0) {
  const history = generateHistory({ seed: 1, days: 730 });
  for (const name of historySets) {
    const spec = getSpec(name);
    const s = specMatrices(spec.build(history), spec.target, spec.features, spec.categorical ?? []);
    compare(`plant history: ${name} (synthetic, seed 1, 730 days)`, s.train, s.yTrain, s.test, s.yTest);
  }
}
