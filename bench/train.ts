/**
 * Training benchmark: RakePlan's trainer against python3-xgboost (tree_method=hist), same data,
 * rounds, depth, bins and learning rate, in the same run, with ratios and the load average beside
 * every figure (the machine is shared; CPU seconds are steadier than wall times).
 *  - real tabular data: scikit-learn's bundled diabetes (regression), breast cancer (binary) and
 *    digits (multiclass, 1,797 × 64, 10 classes); a seeded 80/20 split, the same for both. Our
 *    accuracy is given twice: the trainer's defaults (validation split, early stopping, refit on
 *    all training rows) and the bare booster at XGBoost's rounds;
 *  - a CSV of N generated rows (default 1,000,000 × 20), read by each side in its own process so
 *    peak memory (read + train) is comparable;
 *  - optionally the plant history (demand, freight cost) and the old in-memory generated case.
 *   npm run bench:train
 *   npm run bench:train -- --rows 200000 --rounds 50
 *   npm run bench:train -- --only real,csv,generated,demand,freight-cost
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PARAMS, trainBooster, type Matrix } from '../core/ml/booster';
import { readCsvTable } from '../core/ml/csv';
import { classMetrics } from '../core/ml/metrics';
import { trainTable } from '../core/ml/pipeline';
import { splitByCounts } from '../core/ml/split';
import { takeRows } from '../core/ml/table';
import { ParallelHistBuilder } from '../core/ml/parallel-hist';
import { encodeTable, fitFeatures, type Task } from '../core/ml/manifest';
import { regressionMetrics } from '../core/ml/metrics';
import { predictRowMajor, toRowMajor } from '../core/ml/predict';
import { syntheticMatrix } from '../core/ml/synthetic';
import { getColumn, type Table } from '../core/ml/table';
import { generateHistory } from '../core/synth/history';
import { getSpec } from '../models';

if (process.argv.includes('--help')) {
  console.log(`npm run bench:train -- [options]
  --only LIST         cases, comma-separated: real, csv, generated, demand, freight-cost (default real,csv)
  --rows N            CSV and generated cases: training rows (default 1000000; test rows are a fifth, at least 10000)
  --features N        CSV and generated cases: features (default 20)
  --rounds N          CSV, generated and plant-history cases: rounds (default 100)
  --depth N           CSV, generated and plant-history cases: tree depth (default 6)
  --real-rounds N     real sets: rounds (default 100)
  --real-depth N      real sets: tree depth (default 6)`);
  process.exit(0);
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cfg = {
  rows: arg('rows', 1_000_000),
  features: arg('features', 20),
  rounds: arg('rounds', 100),
  depth: arg('depth', 6),
  lr: 0.1,
  bins: 255,
};
const python = ['/usr/bin/python3', 'python3'].find(
  (p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0,
);

interface Row {
  lib: string;
  seconds?: number;
  cpuSeconds?: number;
  rmse?: number;
  mae?: number;
  missing?: string;
  load?: number;
}

function compare(label: string, train: Matrix, yTrain: Float64Array, test: Matrix, yTest: Float64Array): void {
  console.log(
    `\n(load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores; wall times need a quiet machine, CPU seconds are steadier)`,
  );
  console.log(
    `== ${label}: ${train.nRows} train rows × ${train.nFeatures} features, ${test.nRows} test rows; ${cfg.rounds} rounds, depth ${cfg.depth}, ${cfg.bins} bins, learning rate ${cfg.lr}`,
  );
  const run = (threads: 1 | 2): Row => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = trainBooster(
      train,
      yTrain,
      {
        ...DEFAULT_PARAMS,
        objective: { name: 'squared' },
        rounds: cfg.rounds,
        maxDepth: cfg.depth,
        maxLeaves: 0,
        learningRate: cfg.lr,
        maxBins: cfg.bins,
        lambda: 1,
        minChildWeight: 1,
        minDataInLeaf: 1,
        earlyStoppingRounds: 0,
      },
      threads === 2 ? { makeBuilder: (s) => new ParallelHistBuilder(s) } : {},
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const pred = predictRowMajor(res.model, toRowMajor(test.x, test.nRows, test.nFeatures), test.nRows);
    return {
      lib: `rakeplan (TypeScript, ${threads} thread${threads === 2 ? 's' : ''})`,
      seconds,
      cpuSeconds,
      load: os.loadavg()[0],
      ...pick(regressionMetrics(yTest, pred)),
    };
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
      const spec = JSON.stringify({
        dir,
        ntrain: train.nRows,
        ntest: test.nRows,
        nfeat: train.nFeatures,
        rounds: cfg.rounds,
        depth: cfg.depth,
        lr: cfg.lr,
        bins: cfg.bins,
      });
      const r = spawnSync(python, [path.join(__dirname, 'py-gbm.py'), spec], {
        encoding: 'utf8',
        env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) rows.push({ lib: 'python', missing: r.stderr.trim().split('\n').at(-1) ?? 'failed' });
      // Both libraries run in one process: the load average after it stands for both.
      for (const line of r.stdout.trim().split('\n').filter(Boolean))
        rows.push({ ...(JSON.parse(line) as Row), load: os.loadavg()[0] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const r of rows) {
    if (r.missing) {
      console.log(`  ${r.lib.padEnd(42)} not run: ${r.missing}`);
      continue;
    }
    const ratio = r.lib.startsWith('rakeplan')
      ? ''
      : `   ours/theirs: time ×${(ours.seconds! / r.seconds!).toFixed(2)}, CPU ×${(ours.cpuSeconds! / r.cpuSeconds!).toFixed(2)}, RMSE ×${(ours.rmse! / r.rmse!).toFixed(4)}`;
    console.log(
      `  ${r.lib.padEnd(42)} ${r.seconds!.toFixed(2).padStart(7)} s wall ${r.cpuSeconds!.toFixed(2).padStart(7)} s CPU   load ${r.load!.toFixed(2)}   test RMSE ${r.rmse!.toFixed(4)}   MAE ${r.mae!.toFixed(4)}${ratio}`,
    );
  }
}

function pick(m: { rmse: number; mae: number }) {
  return { rmse: m.rmse, mae: m.mae };
}

/** A spec's table → time-ordered 85/15 split matrices, encoded as the pipeline does. */
function specMatrices(table: Table, target: string, features: string[], categorical: string[]) {
  const y = getColumn(table, target)!.num!;
  const d = getColumn(table, 'date')!.num!;
  const order = Array.from({ length: table.nRows }, (_, i) => i)
    .filter((i) => !Number.isNaN(y[i]!))
    .sort((a, b) => d[a]! - d[b]! || a - b);
  const cut = Math.floor(order.length * 0.85);
  const trainIdx = order.slice(0, cut),
    testIdx = order.slice(cut);
  const feats = fitFeatures(
    table,
    features,
    new Set(categorical),
    trainIdx,
    Float64Array.from(trainIdx, (i) => y[i]!),
    true,
  );
  const x = encodeTable(feats, table);
  const F = feats.length;
  const m = (idx: number[]): Matrix => {
    const out = new Float32Array(idx.length * F);
    idx.forEach((i, k) => {
      for (let f = 0; f < F; f++) out[f * idx.length + k] = x[i * F + f]!;
    });
    return { x: out, nRows: idx.length, nFeatures: F };
  };
  return {
    train: m(trainIdx),
    yTrain: Float64Array.from(trainIdx, (i) => y[i]!),
    test: m(testIdx),
    yTest: Float64Array.from(testIdx, (i) => y[i]!),
  };
}

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1]!.split(',')) : new Set(['real', 'csv']);
const runs = (name: string) => only.has(name);
const load = () => `load ${os.loadavg()[0]!.toFixed(2)}`;

/** Fastest of `times` runs (small sets finish in milliseconds: one run is mostly noise). */
function fastest<T extends { seconds: number }>(times: number, fn: () => T): T {
  let best: T | null = null;
  for (let i = 0; i < times; i++) {
    const r = fn();
    if (!best || r.seconds < best.seconds) best = r;
  }
  return best!;
}

function xgboost(
  spec: Record<string, unknown>,
  dir: string,
): {
  seconds: number;
  cpuSeconds: number;
  readSeconds: number;
  readCpuSeconds: number;
  maxRssMb: number;
  lib: string;
  pred: Float64Array;
} {
  const predictions = path.join(dir, 'pred.bin');
  const r = spawnSync(python!, [path.join(__dirname, 'py-xgb.py'), JSON.stringify({ ...spec, predictions })], {
    encoding: 'utf8',
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`xgboost: ${r.stderr.trim().split('\n').at(-1)}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  const buf = fs.readFileSync(predictions);
  return { ...out, pred: new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8) };
}

type Score = Record<string, number | null>;
const scoreOf = (task: Task, y: Float64Array, p: ArrayLike<number>, K: number): Score => {
  if (task === 'regression') {
    const m = regressionMetrics(y, p);
    return { rmse: m.rmse, mae: m.mae };
  }
  const probs =
    task === 'binary'
      ? Float64Array.from({ length: y.length * 2 }, (_, j) => (j % 2 ? p[(j - 1) / 2]! : 1 - p[j / 2]!))
      : Float64Array.from(p);
  const m = classMetrics(y, probs, K);
  return { accuracy: m.accuracy, logloss: m.logloss };
};
const fmtScore = (s: Score) =>
  Object.entries(s)
    .map(([k, v]) => `${k} ${v === null ? '–' : v.toFixed(4)}`)
    .join('  ');

async function realData(): Promise<void> {
  if (!python) {
    console.log('real data: no python3 with numpy and scikit-learn — not run');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-real-'));
  try {
    const dump = spawnSync(python, [path.join(__dirname, 'py-datasets.py'), dir], { encoding: 'utf8' });
    if (dump.status !== 0) {
      console.log(`real data: ${dump.stderr.trim().split('\n').at(-1)}`);
      return;
    }
    const rounds = arg('real-rounds', 100),
      depth = arg('real-depth', 6);
    console.log(
      `\n== real tabular data (scikit-learn's bundled sets), seeded 80/20 split; ${rounds} rounds, depth ${depth}, learning rate ${cfg.lr}, ${cfg.bins} bins; fastest of 3 runs; ${os.cpus().length} cores`,
    );
    for (const [name, task] of [
      ['diabetes', 'regression'],
      ['breast_cancer', 'binary'],
      ['digits', 'multiclass'],
    ] as const) {
      const table = await readCsvTable(path.join(dir, `${name}.csv`));
      const order = Array.from({ length: table.nRows }, (_, i) => i);
      const parts = splitByCounts(order, 'random', 7, 0, Math.round(table.nRows * 0.2));
      const trainT = takeRows(table, parts.train),
        testT = takeRows(table, parts.test);
      const yCol = (t: typeof table) => t.columns.at(-1)!.num!;
      const K = task === 'regression' ? 1 : new Set(yCol(table)).size;
      // Our defaults: random validation split, early stopping, refit on all training rows.
      const def = fastest(3, () => {
        const t0 = performance.now();
        const res = trainTable(trainT, {
          name,
          target: 'target',
          task,
          params: { rounds, maxDepth: depth },
          refit: true,
        });
        return { seconds: (performance.now() - t0) / 1000, res };
      });
      const classes = def.res.manifest.classes;
      const yTest = Float64Array.from(yCol(testT), (v) => (classes ? classes.indexOf(String(v)) : v));
      const defPred = predictRowMajor(def.res.model, encodeTable(def.res.manifest.features, testT), testT.nRows);
      // The bare booster on the same training rows, at XGBoost's settings.
      const F = trainT.columns.length - 1;
      const n = trainT.nRows;
      const xTrain = new Float32Array(n * F);
      for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) xTrain[f * n + i] = trainT.columns[f]!.num![i]!;
      const yTrain = Float64Array.from(yCol(trainT), (v) => (classes ? classes.indexOf(String(v)) : v));
      const objective =
        task === 'regression'
          ? { name: 'squared' as const }
          : task === 'binary'
            ? { name: 'binary' as const }
            : { name: 'multiclass' as const, numClass: K };
      const bare = fastest(3, () => {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const r = trainBooster({ x: xTrain, nRows: n, nFeatures: F }, yTrain, {
          ...DEFAULT_PARAMS,
          objective,
          rounds,
          maxDepth: depth,
          learningRate: cfg.lr,
          maxBins: cfg.bins,
          lambda: 1,
          minChildWeight: 1,
          minDataInLeaf: 1,
          earlyStoppingRounds: 0,
        });
        const c = process.cpuUsage(c0);
        return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, model: r.model };
      });
      const xTest = Float32Array.from(
        { length: testT.nRows * F },
        (_, j) => testT.columns[j % F]!.num![Math.floor(j / F)]!,
      );
      const barePred = predictRowMajor(bare.model, xTest, testT.nRows);
      fs.writeFileSync(path.join(dir, 'xtrain.bin'), toRowMajor(xTrain, n, F));
      fs.writeFileSync(path.join(dir, 'ytrain.bin'), yTrain);
      fs.writeFileSync(path.join(dir, 'xtest.bin'), xTest);
      const xgbRuns = [0, 1, 2].map(() =>
        xgboost(
          {
            dir,
            ntrain: n,
            ntest: testT.nRows,
            nfeat: F,
            rounds,
            depth,
            lr: cfg.lr,
            bins: cfg.bins,
            threads: 2,
            task,
            classes: K,
          },
          dir,
        ),
      );
      const xg = xgbRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const xs = scoreOf(task, yTest, xg.pred, K);
      const ds = scoreOf(task, yTest, defPred, K),
        bs = scoreOf(task, yTest, barePred, K);
      const key = task === 'regression' ? 'rmse' : 'logloss';
      console.log(
        `-- ${name} (${task}${K > 1 ? `, ${K} classes` : ''}): ${n} train × ${F} features, ${testT.nRows} test rows   (${load()})`,
      );
      console.log(
        `  ${'rakeplan defaults (split, early stop, refit)'.padEnd(46)} ${def.seconds.toFixed(3).padStart(7)} s wall                 ${fmtScore(ds)}   rounds kept ${def.res.metrics.bestRound}   ${key} ×${((ds[key] as number) / (xs[key] as number)).toFixed(4)} of xgboost`,
      );
      console.log(
        `  ${`rakeplan booster, ${rounds} rounds, 1 thread`.padEnd(46)} ${bare.seconds.toFixed(3).padStart(7)} s wall ${bare.cpuSeconds.toFixed(3).padStart(7)} s CPU   ${fmtScore(bs)}   time ×${(bare.seconds / xg.seconds).toFixed(2)}, CPU ×${(bare.cpuSeconds / xg.cpuSeconds).toFixed(2)}, ${key} ×${((bs[key] as number) / (xs[key] as number)).toFixed(4)} of xgboost`,
      );
      console.log(
        `  ${xg.lib.padEnd(46)} ${xg.seconds.toFixed(3).padStart(7)} s wall ${xg.cpuSeconds.toFixed(3).padStart(7)} s CPU   ${fmtScore(xs)}   (${load()})`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** N generated rows written as CSV; each side reads and trains in its own process. */
function csvCase(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-csv-'));
  try {
    const total = cfg.rows + Math.max(10_000, Math.round(cfg.rows / 5));
    const gen = syntheticMatrix(total, cfg.features, 1);
    const file = path.join(dir, 'generated.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, [...Array.from({ length: cfg.features }, (_, f) => `f${f}`), 'y'].join(',') + '\n');
    const chunk: string[] = [];
    for (let i = 0; i < total; i++) {
      const cells: string[] = [];
      for (let f = 0; f < cfg.features; f++) {
        const v = gen.m.x[f * total + i]!;
        cells.push(Number.isNaN(v) ? '' : String(v));
      }
      cells.push(String(gen.y[i]));
      chunk.push(cells.join(','));
      if (chunk.length === 10_000) {
        fs.writeSync(fd, chunk.join('\n') + '\n');
        chunk.length = 0;
      }
    }
    if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
    fs.closeSync(fd);
    const mb = fs.statSync(file).size / 1e6;
    console.log(
      `\n== CSV of generated data: ${cfg.rows} train + ${total - cfg.rows} test rows × ${cfg.features} features (${mb.toFixed(0)} MB); ${cfg.rounds} rounds, depth ${cfg.depth}, ${cfg.bins} bins, learning rate ${cfg.lr}; each side reads the file in its own process`,
    );
    const spec = { csv: file, ntrain: cfg.rows, rounds: cfg.rounds, depth: cfg.depth, lr: cfg.lr, bins: cfg.bins };
    const ours = ([1, 2] as const).map((threads) => {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'train-csv-child.ts'), JSON.stringify({ ...spec, threads })],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (r.status !== 0) throw new Error(`our CSV run: ${r.stderr}`);
      return {
        ...(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Row & {
          readSeconds: number;
          readCpuSeconds: number;
          maxRssMb: number;
        }),
        load: os.loadavg()[0],
      };
    });
    const best = ours[1]!.seconds! < ours[0]!.seconds! ? ours[1]! : ours[0]!;
    // Both of our runs read the file the same way: the faster read is compared.
    const read = ours[1]!.readSeconds < ours[0]!.readSeconds ? ours[1]! : ours[0]!;
    let xg: (ReturnType<typeof xgboost> & { rmse: number; mae: number; load: number }) | null = null;
    if (python) {
      const x = xgboost({ ...spec, threads: 2, task: 'regression' }, dir);
      const m = regressionMetrics(gen.y.subarray(cfg.rows), x.pred);
      xg = { ...x, rmse: m.rmse, mae: m.mae, load: os.loadavg()[0]! };
    }
    for (const r of [...ours, ...(xg ? [xg] : [])]) {
      const ratio =
        r === xg
          ? `   ours/theirs: read ×${(read.readSeconds / xg.readSeconds).toFixed(2)}, read CPU ×${(read.readCpuSeconds / xg.readCpuSeconds).toFixed(2)}, train time ×${(best.seconds! / xg.seconds).toFixed(2)}, CPU ×${(best.cpuSeconds! / xg.cpuSeconds).toFixed(2)}, peak memory ×${(best.maxRssMb / xg.maxRssMb).toFixed(2)}, RMSE ×${(best.rmse! / xg.rmse).toFixed(4)}`
          : '';
      console.log(
        `  ${r.lib.padEnd(34)} read ${r.readSeconds.toFixed(2).padStart(6)} s wall ${r.readCpuSeconds.toFixed(2).padStart(6)} s CPU  train ${r.seconds!.toFixed(2).padStart(7)} s wall ${r.cpuSeconds!.toFixed(2).padStart(7)} s CPU  peak ${r.maxRssMb.toFixed(0).padStart(5)} MB  load ${r.load!.toFixed(2)}  RMSE ${r.rmse!.toFixed(4)}  MAE ${r.mae!.toFixed(4)}${ratio}`,
      );
    }
    if (!xg) console.log('  xgboost not run: no python3 with numpy');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (runs('real')) await realData();
  if (runs('csv')) csvCase();
  if (runs('generated')) {
    const gen = syntheticMatrix(cfg.rows, cfg.features, 1);
    const test = syntheticMatrix(Math.max(10_000, Math.round(cfg.rows / 5)), cfg.features, 2);
    compare('generated data', gen.m, gen.y, test.m, test.y);
  }
  const historySets = ['demand', 'freight-cost'].filter(runs);
  if (historySets.length > 0) {
    const history = generateHistory({ seed: 1, days: 730 });
    for (const name of historySets) {
      const spec = getSpec(name);
      const s = specMatrices(spec.build(history), spec.target, spec.features, spec.categorical ?? []);
      compare(`plant history: ${name} (synthetic, seed 1, 730 days)`, s.train, s.yTrain, s.test, s.yTest);
    }
  }
}

void main();
