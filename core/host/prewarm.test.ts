import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { spareReady } from '../workers/warm-pool';
import { createHost } from './create-host';
import { appRoot } from './paths';

describe('pre-warmed solve worker', () => {
  it('is kept by a browser host, not by a test host, and ends with host close', async () => {
    const t = tempDir();
    try {
      const testHost = createHost({ dataDir: path.join(t.dir, 'a'), mode: 'test' });
      expect(await spareReady('solve')).toBe(false);
      testHost.close();
      const host = createHost({ dataDir: path.join(t.dir, 'b'), mode: 'browser' });
      expect(await spareReady('solve')).toBe(true);
      host.close();
      expect(await spareReady('solve')).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('leaves no thread behind: `rakeplan serve` exits on SIGTERM after its spare is warm', async () => {
    const t = tempDir();
    try {
      const child = spawn(process.execPath, [path.join(appRoot(), 'bin', 'rakeplan.js'), 'serve', '--port', '0'], {
        env: { ...process.env, RAKEPLAN_DATA_DIR: t.dir },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/solve spare warm after/.test(stderr)) resolve();
        });
        void exited.then(() => reject(new Error(`serve exited before its spare was warm: ${stderr}`)));
      });
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});
