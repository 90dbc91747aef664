import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../../core/host/paths';

/**
 * The desktop host as main runs it in development: `dist/host/utility.js` forked with the data
 * directory in RAKEPLAN_DATA_DIR, speaking `{conn, msg}` envelopes. Crash trials kill it with
 * SIGKILL — no handlers, no flush, exactly a power cut as far as the process is concerned.
 */
export const HOST_SCRIPT = path.join(appRoot(), 'dist/host/utility.js');

export function ensureHostBuilt(): void {
  if (!fs.existsSync(HOST_SCRIPT))
    execFileSync('node', ['scripts/build.mjs', '--node-only'], { cwd: appRoot(), stdio: 'ignore' });
}

interface Reply {
  type: 'reply' | 'error' | 'progress' | 'event';
  id?: number;
  result?: unknown;
  error?: { code: string; message: string };
  data?: unknown;
}

export interface HostChild {
  child: ChildProcess;
  /** Resolves when the host has answered `ready` (after seeding on a first start). */
  ready: Promise<void>;
  call<T = unknown>(name: string, payload: unknown, onProgress?: (p: unknown) => void): Promise<T>;
  kill(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let nextConn = 1;

export function startHost(dataDir: string, env: Record<string, string> = {}): HostChild {
  const child = fork(HOST_SCRIPT, [], {
    env: { ...process.env, RAKEPLAN_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const conn = nextConn++;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; onProgress?: (p: unknown) => void }
  >();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      for (const p of pending.values())
        p.reject(Object.assign(new Error(`host exited (${signal ?? code})`), { code: 'HOST_EXITED' }));
      pending.clear();
      r({ code, signal });
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean; conn?: number; msg?: Reply }) => {
      if (m.ready) return resolve();
      if (m.conn !== conn || !m.msg || m.msg.id === undefined) return;
      const p = pending.get(m.msg.id);
      if (!p) return;
      if (m.msg.type === 'progress') return p.onProgress?.(m.msg.data);
      pending.delete(m.msg.id);
      if (m.msg.type === 'reply') p.resolve(m.msg.result);
      else if (m.msg.type === 'error')
        p.reject(Object.assign(new Error(m.msg.error?.message ?? 'error'), { code: m.msg.error?.code }));
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`host exited before ready (${signal ?? code}): ${stderr}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exited,
    call<T>(name: string, payload: unknown, onProgress?: (p: unknown) => void) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
        child.send({ conn, msg: { type: 'call', id, name, payload } });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
