/**
 * How long one hostile call keeps the browser-mode host busy: a call whose payload holds N unknown
 * keys, then an ordinary `health.get`; prints when each is answered and the host's longest stall
 * (how long every other window's calls would have waited).
 *   npm run bench:hostile-call                                   # health.get, 6,000,000 keys
 *   npm run bench:hostile-call -- --call registry.evaluate        # a call with a large limit
 *   npm run bench:hostile-call -- --shape rows --width 998        # many objects of 998 keys each
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const keys = Number(arg('keys', '6000000'));
const call = arg('call', 'health.get');
// flat: one object of N keys; rows: scenarios.editRows changes of 999 unknown keys each.
const shape = arg('shape', 'flat');
const width = Number(arg('width', '999'));

async function serve() {
  const { createHost } = await import('../core/host/create-host');
  const { startBrowserServer } = await import('../core/host/transports/ws-server');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakeplan-busy-'));
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakeplan-busy-static-'));
  const host = createHost({ dataDir, mode: 'test' });
  const server = await startBrowserServer(host.app, { staticDir });
  // The host's longest stall: how long every other window's calls would have waited.
  let last = performance.now();
  let longest = 0;
  setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 5);
  process.on('SIGTERM', () => {
    process.stderr.write(`host's longest stall: ${longest.toFixed(0)} ms\n`);
    void server.close().then(() => {
      host.close();
      for (const dir of [dataDir, staticDir]) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.stdout.write(`${server.port} ${server.token}\n`);
}

async function main() {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((r) => child.stdout.once('data', (d: Buffer) => r(d.toString().trim())));
  const [port, token] = line.split(' ');
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { maxPayload: 0 });
  await new Promise((r) => ws.once('open', r));
  const parts: string[] = [];
  let huge: string;
  if (shape === 'rows') {
    const change = `{"op":"delete","rid":1,${Array.from({ length: width }, (_, i) => `"k${i}":0`).join(',')}}`;
    for (let i = 0; i < keys / width; i++) parts.push(change);
    huge = `{"type":"call","id":1,"name":"scenarios.editRows","payload":{"id":"x","table":"orders","changes":[${parts.join(',')}]}}`;
  } else {
    for (let i = 0; i < keys; i++) parts.push(`"k${i}":0`);
    huge = `{"type":"call","id":1,"name":"${call}","payload":{${parts.join(',')}}}`;
  }
  console.log(`message: ${(huge.length / 1048576).toFixed(1)} MiB, ${keys.toLocaleString('en-US')} keys`);
  const t0 = performance.now();
  const answered = new Map<number, { ms: number; what: string }>();
  const done = new Promise<void>((resolve) => {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      answered.set(m.id, {
        ms: performance.now() - t0,
        what: m.type === 'reply' ? 'reply' : `${m.error.code}: ${m.error.message.slice(0, 120)}`,
      });
      if (answered.size === 2) resolve();
    });
    ws.on('close', (code) => {
      console.log(`closed ${code} at ${(performance.now() - t0).toFixed(0)} ms`);
      resolve();
    });
  });
  ws.send(huge);
  ws.send(JSON.stringify({ type: 'call', id: 2, name: 'health.get', payload: {} }));
  await done;
  for (const [id, a] of [...answered].sort((x, y) => x[0] - y[0]))
    console.log(`call ${id}: ${a.ms.toFixed(0)} ms — ${a.what}`);
  ws.close();
  child.kill('SIGTERM');
}

if (process.argv.includes('--serve')) void serve();
else void main();
