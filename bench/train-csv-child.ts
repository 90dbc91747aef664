/**
 * One process per measurement so its peak memory is its own: read the CSV (streamed), train our
 * booster on the first `ntrain` rows for a fixed number of rounds, score the rest. Prints one JSON
 * line. Spawned by bench/train.ts.
 */
import { trainBooster, DEFAULT_PARAMS, type Matrix } from '../core/ml/booster';
import { readCsvTable } from '../core/ml/csv';
import { ParallelHistBuilder } from '../core/ml/parallel-hist';
import { predictRowMajor } from '../core/ml/predict';

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2]!) as {
    csv: string;
    ntrain: number;
    rounds: number;
    depth: number;
    lr: number;
    bins: number;
    threads: 1 | 2;
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const table = await readCsvTable(cfg.csv);
  const readSeconds = (performance.now() - t0) / 1000;
  const readCpu = process.cpuUsage(c0);
  const feats = table.columns.slice(0, -1);
  const y = table.columns.at(-1)!.num!;
  const F = feats.length;
  const n = cfg.ntrain,
    nt = table.nRows - n;
  const x = new Float32Array(n * F);
  const xt = new Float32Array(nt * F);
  feats.forEach((c, f) => {
    x.set(c.num!.subarray(0, n), f * n);
    for (let i = 0; i < nt; i++) xt[i * F + f] = c.num![n + i]!;
  });
  const train: Matrix = { x, nRows: n, nFeatures: F };
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const res = trainBooster(
    train,
    y.subarray(0, n),
    {
      ...DEFAULT_PARAMS,
      objective: { name: 'squared' },
      rounds: cfg.rounds,
      maxDepth: cfg.depth,
      learningRate: cfg.lr,
      maxBins: cfg.bins,
      lambda: 1,
      minChildWeight: 1,
      minDataInLeaf: 1,
      earlyStoppingRounds: 0,
    },
    cfg.threads === 2 ? { makeBuilder: (s) => new ParallelHistBuilder(s) } : {},
  );
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(c1);
  const pred = predictRowMajor(res.model, xt, nt);
  let se = 0,
    ae = 0;
  for (let i = 0; i < nt; i++) {
    const e = pred[i]! - y[n + i]!;
    se += e * e;
    ae += Math.abs(e);
  }
  console.log(
    JSON.stringify({
      lib: `rakeplan (TypeScript, ${cfg.threads} thread${cfg.threads === 2 ? 's' : ''})`,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      readSeconds,
      readCpuSeconds: (readCpu.user + readCpu.system) / 1e6,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      rmse: Math.sqrt(se / nt),
      mae: ae / nt,
    }),
  );
}

void main();
