import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { appRoot } from './paths';

// The host child as main starts it in development: a forked Node process speaking {conn, msg}
// envelopes. (Packaged, the same entry runs as a utilityProcess with Electron's parentPort.)
const script = path.join(appRoot(), 'dist/host/utility.js');

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

function start(dataDir: string) {
  const child = fork(script, [], { env: { ...process.env, RAKEPLAN_DATA_DIR: dataDir }, stdio: 'ignore' });
  children.push(child);
  type Msg = { ready?: boolean; dataDir?: string; conn?: number; msg?: unknown };
  const messages: Msg[] = [];
  child.on('message', (m) => messages.push(m as Msg));
  // The first matching message, whenever it comes (first launch seeds the demo plant and its
  // history before announcing itself, slower on a busy machine); a child that exits first fails.
  const waitFor = (pred: (m: Msg) => boolean) =>
    new Promise<Msg>((resolve, reject) => {
      const seen = messages.find(pred);
      if (seen) return resolve(seen);
      const off = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (m: unknown) => {
        if (!pred(m as Msg)) return;
        off();
        resolve(m as Msg);
      };
      const onExit = (code: number | null) => {
        off();
        reject(
          new Error(`the host child exited (code ${code}) before a matching message; got ${JSON.stringify(messages)}`),
        );
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  return { child, waitFor };
}

describe('host child process (desktop relay protocol)', () => {
  it('announces itself and answers calls per connection', async () => {
    const t = tempDir();
    try {
      const { child, waitFor } = start(t.dir);
      expect(await waitFor((m) => m.ready === true)).toMatchObject({ ready: true, dataDir: t.dir });
      child.send({ conn: 7, msg: { type: 'call', id: 1, name: 'health.get', payload: {} } });
      child.send({ conn: 9, msg: { type: 'call', id: 1, name: 'no.such', payload: {} } });
      const ok = await waitFor((m) => m.conn === 7);
      const bad = await waitFor((m) => m.conn === 9);
      expect(ok.msg).toMatchObject({ type: 'reply', id: 1, result: { db: { status: 'ok' } } });
      expect(bad.msg).toMatchObject({ type: 'error', id: 1, error: { code: 'UNKNOWN_CALL' } });
    } finally {
      t.cleanup();
    }
  });

  // SQLite checkpoints its WAL into the database and removes it when the last connection closes:
  // a WAL left behind means the host exited without closing the database.
  const wal = (dir: string) => path.join(dir, 'rakeplan.db-wal');

  it.each([
    ['main asks it to shut down', (child: ChildProcess) => child.send({ shutdown: true })],
    ['its parent goes away', (child: ChildProcess) => child.disconnect()],
  ])('closes the database and exits when %s', async (_when, stop) => {
    const t = tempDir();
    try {
      const { child, waitFor } = start(t.dir);
      await waitFor((m) => m.ready === true);
      expect(fs.existsSync(wal(t.dir))).toBe(true);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      stop(child);
      expect(await exited).toBe(0);
      expect(fs.existsSync(wal(t.dir))).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
