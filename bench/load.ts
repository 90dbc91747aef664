/**
 * Load benchmark over the WebSocket transport: `rakeplan serve` in its own process (as in
 * browser mode), N concurrent clients on loopback issuing single-row predictions (and, with
 * --plan-clients, small rule-based plans) for a bounded time. Prints throughput, p50/p99, errors.
 *   npm run bench:load                       # 8 clients, 10 s
 *   npm run bench:load -- --clients 16 --seconds 20 --plan-clients 1 [--milp]
 * Target on the 2-core dev machine: ≥ 1,000 single-row predictions/s, p99 ≤ 10 ms, no errors.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { createHost } from '../core/host/create-host';
import { registryFor } from '../core/registry/context';
import { trainTestModel } from '../tests/fixtures/test-models';
import { generateScenario } from '../core/synth/scenario';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const clients = arg('clients', 8);
const seconds = Math.min(arg('seconds', 10), 120); // bounded: never an open-ended soak
const planClients = arg('plan-clients', 0);
const milp = process.argv.includes('--milp');
const root = path.resolve(__dirname, '..');

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakeplan-load-'));
  try {
    // A real model in production: trained, registered and promoted in this process, then served by the child.
    const { dir, table } = trainTestModel(dataDir, { rounds: 300, tag: 'load', rows: 20_000 });
    const host = createHost({ dataDir, mode: 'cli' });
    const reg = registryFor(host.services);
    const v = reg.registerDir(dir, { table });
    await reg.promote(v.name, v.version, { reason: 'load benchmark setup' });
    host.close();

    const child = spawn(process.execPath, [path.join(root, 'bin/rakeplan.js'), 'serve', '--port', '0'], {
      env: { ...process.env, RAKEPLAN_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /RakePlan browser mode: (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (c) => reject(new Error(`serve exited with ${c}`)));
    });
    const u = new URL(url);
    const wsUrl = `ws://${u.host}/ws?token=${/token=([0-9a-f]+)/.exec(u.hash)![1]}`;
    const scenario = generateScenario({ seed: 3, size: 'day' });
    const rows = Array.from({ length: 256 }, (_, i) => ({
      date: `2024-0${1 + (i % 9)}-1${i % 10}`,
      a: (i * 37) % 10,
      b: ((i * 13) % 40) / 10 - 2,
      noise: (i % 7) / 7,
      lane: ['EAST-1', 'EAST-2', 'NORTH-1', 'SOUTH-1', 'WEST-1', 'WEST-2'][i % 6]!,
    }));

    const stats = { predict: [] as number[], plan: [] as number[], errors: new Map<string, number>(), fallbacks: 0 };
    const deadline = performance.now() + seconds * 1000;
    const runClient = (kind: 'predict' | 'plan', k: number) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(wsUrl);
        let id = 0,
          sentAt = 0;
        const next = () => {
          if (performance.now() >= deadline) {
            ws.close();
            return;
          }
          id++;
          sentAt = performance.now();
          const msg =
            kind === 'predict'
              ? {
                  type: 'call',
                  id,
                  name: 'registry.predict',
                  payload: { name: 'transit-delay', rows: [rows[(k * 31 + id) % rows.length]] },
                }
              : { type: 'call', id, name: 'plans.solve', payload: { scenario, ruleBasedOnly: !milp, timeLimitS: 5 } };
          ws.send(JSON.stringify(msg));
        };
        ws.on('open', next);
        ws.on('message', (d) => {
          const m = JSON.parse(String(d)) as {
            type: string;
            id: number;
            result?: { source?: string };
            error?: { code: string };
          };
          if (m.type !== 'reply' && m.type !== 'error') return;
          stats[kind].push(performance.now() - sentAt);
          if (m.type === 'error')
            stats.errors.set(`${kind}:${m.error!.code}`, (stats.errors.get(`${kind}:${m.error!.code}`) ?? 0) + 1);
          else if (kind === 'predict' && m.result?.source !== 'model') stats.fallbacks++;
          next();
        });
        ws.on('close', () => resolve());
        ws.on('error', reject);
      });
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: clients }, (_, k) => runClient('predict', k)),
      ...Array.from({ length: planClients }, (_, k) => runClient('plan', k)),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));

    const q = (a: number[], p: number) => {
      const s = [...a].sort((x, y) => x - y);
      return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN;
    };
    console.log(
      `bench:load — ${clients} prediction client(s)${planClients ? ` + ${planClients} plan client(s) (${milp ? 'MILP' : 'rule-based'})` : ''}, ${elapsed.toFixed(1)} s, loopback WebSocket, ${os.cpus().length} cores, Node ${process.version}`,
    );
    console.log(
      `  single-row predictions: ${stats.predict.length} → ${(stats.predict.length / elapsed).toFixed(0)} /s, p50 ${q(stats.predict, 0.5).toFixed(2)} ms, p99 ${q(stats.predict, 0.99).toFixed(2)} ms, max ${q(stats.predict, 1).toFixed(1)} ms, fallbacks ${stats.fallbacks}`,
    );
    if (planClients)
      console.log(
        `  plans: ${stats.plan.length} → ${(stats.plan.length / elapsed).toFixed(2)} /s, p50 ${q(stats.plan, 0.5).toFixed(0)} ms, p99 ${q(stats.plan, 0.99).toFixed(0)} ms`,
      );
    console.log(`  errors: ${stats.errors.size ? [...stats.errors].map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`);
    const ok = stats.errors.size === 0 && stats.predict.length / elapsed >= 1000 && q(stats.predict, 0.99) <= 10;
    console.log(`  target (≥ 1,000/s, p99 ≤ 10 ms, no errors): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
