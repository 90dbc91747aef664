import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  /** Full URL with the token fragment, as printed by `rakeplan serve`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Start `rakeplan serve` on a free port with a fresh data directory and read its URL. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakeplan-e2e-'));
  const root = path.resolve(__dirname, '..');
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/rakeplan.js'), 'serve', '--port', '0'], {
    env: { ...process.env, RAKEPLAN_DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let errOut = '';
  child.stderr!.on('data', (d: Buffer) => (errOut += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`rakeplan serve printed no URL in 60 s.\nstdout: ${out}\nstderr: ${errOut}`)),
      60_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const printed = /RakePlan browser mode: (\S+)/.exec(out)?.[1];
      if (printed) {
        clearTimeout(timer);
        resolve(printed);
      }
    });
    child.once('exit', (code) => reject(new Error(`rakeplan serve exited with ${code}: ${errOut}`)));
  });
  const parsed = new URL(url);
  const token = /token=([0-9a-f]+)/.exec(parsed.hash)?.[1];
  if (!token) throw new Error(`rakeplan serve printed a URL without a token: ${url}`);
  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
