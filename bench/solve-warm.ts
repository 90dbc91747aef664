/**
 * `npm run bench:solve-warm [-- --runs 3 --size day]`: the same solve in a cold fresh worker (what
 * every solve paid before core/workers/warm-pool.ts) and on a pre-warmed spare (what a browser or
 * Electron host now gives the planner), alternated so machine load hits both alike. A day solve
 * usually runs to its time limit, so besides wall seconds it prints what the time bought: the
 * objective, the gap and when the first incumbent and the final objective (±0.1 %) were reached,
 * and the CPU seconds the process spent (all threads, V8's background compilers included): on a
 * shared machine that is steadier than wall time when both runs do the same work (status optimal).
 * The load average sits beside every figure (the machine may be shared). Results: stdout +
 * bench/results/solve-warm.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../core/domain/plan';
import type { OptimizeProgress, OptimizeResult } from '../core/optimizer/optimize';
import { prewarmSolver, startSolve } from '../core/optimizer/run-solve';
import type { SolveJob } from '../core/optimizer/solve.worker';
import { generateScenario, type ScenarioSize } from '../core/synth/scenario';
import { runWorker } from '../core/workers/run';
import { spareReady } from '../core/workers/warm-pool';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const runs = Number(arg('runs', '3'));
const size = arg('size', 'day') as ScenarioSize;
const options = { timeLimitS: 30, gap: 0.001 };
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const rs = (x: number | null) => (x === null ? '—' : `₹${Math.round(x).toLocaleString('en-IN')}`);

interface Run {
  kind: 'cold' | 'warm';
  wallS: number;
  cpuS: number;
  plan: Plan;
  firstIncumbentS: number | null;
  finalReachedS: number | null;
  load: string;
}

/** When the incumbent first came within 0.1 % of the returned objective [s from start]. */
function reached(trace: Array<{ t: number; inc: number }>, objective: number | null): number | null {
  if (objective === null) return null;
  return trace.find((p) => p.inc <= objective + Math.abs(objective) * 0.001)?.t ?? null;
}

async function once(kind: 'cold' | 'warm'): Promise<Run> {
  const sc = generateScenario({ seed: 1, size });
  const trace: Array<{ t: number; inc: number }> = [];
  const onProgress = (p: OptimizeProgress) => {
    if (p.phase === 'solving' && p.incumbent !== null)
      trace.push({ t: (performance.now() - started) / 1000, inc: p.incumbent });
  };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let plan: Plan;
  if (kind === 'cold') {
    // Exactly the old path: a fresh worker given its input as workerData.
    const stop = new SharedArrayBuffer(4);
    plan = (
      await runWorker<SolveJob, OptimizeResult, OptimizeProgress>(
        'solve',
        { scenario: sc, options, stop },
        { onProgress, resourceLimits: { maxOldGenerationSizeMb: 2048 } },
      )
    ).plan;
  } else {
    const out = await startSolve(sc, options, { onProgress }).result;
    if (!out.warmWorker) throw new Error('expected the solve to run on the warm spare');
    plan = out.plan;
  }
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    kind,
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
    plan,
    firstIncumbentS: trace[0]?.t ?? null,
    finalReachedS: reached(trace, plan.solver.objective),
    load: load(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  console.log(
    `${size} seed 1, time limit ${options.timeLimitS} s, gap ${options.gap}; ${os.cpus().length} cores, Node ${process.version}; load ${load()}`,
  );
  const release = prewarmSolver();
  const results: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const kind of ['cold', 'warm'] as const) {
        // The spare warms between runs, as it does at host start: never during a measured solve.
        if (!(await spareReady('solve'))) throw new Error('the solve spare did not warm up');
        const r = await once(kind);
        results.push(r);
        const s = r.plan.solver;
        console.log(
          `${kind} #${i + 1}: wall ${r.wallS.toFixed(2)} s (solver ${s.seconds.toFixed(2)} s), CPU ${r.cpuS.toFixed(2)} s | ${s.method}, ${s.status} | objective ${rs(s.objective)} gap ${s.gap === null ? '—' : `${(s.gap * 100).toFixed(2)} %`} | first incumbent ${r.firstIncumbentS?.toFixed(2) ?? '—'} s, final objective reached ${r.finalReachedS?.toFixed(2) ?? '—'} s | load ${r.load}`,
        );
      }
    }
  } finally {
    release();
  }
  const of = (kind: 'cold' | 'warm', f: (r: Run) => number | null) =>
    median(results.filter((r) => r.kind === kind).map((r) => f(r) ?? NaN));
  const line = (label: string, f: (r: Run) => number | null) => {
    const c = of('cold', f);
    const w = of('warm', f);
    console.log(`${label}: cold ${c.toFixed(2)} s, warm ${w.toFixed(2)} s, cold/warm ${(c / w).toFixed(2)}×`);
  };
  console.log(`medians of ${runs} runs each (load ${load()}):`);
  line('wall', (r) => r.wallS);
  line('CPU (all threads of this process)', (r) => r.cpuS);
  line('first incumbent', (r) => r.firstIncumbentS);
  line('final objective reached', (r) => r.finalReachedS);
  console.log(
    `objective: cold ${rs(of('cold', (r) => r.plan.solver.objective))}, warm ${rs(of('warm', (r) => r.plan.solver.objective))}`,
  );
  const rows = results.map((r) => ({
    kind: r.kind,
    wallS: r.wallS,
    cpuS: r.cpuS,
    solverS: r.plan.solver.seconds,
    status: r.plan.solver.status,
    objective: r.plan.solver.objective,
    gap: r.plan.solver.gap,
    firstIncumbentS: r.firstIncumbentS,
    finalReachedS: r.finalReachedS,
    load: r.load,
  }));
  const file = path.join(__dirname, 'results', 'solve-warm.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), node: process.version, cores: os.cpus().length, size, options, rows },
      null,
      2,
    ),
  );
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
