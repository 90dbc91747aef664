import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../host/paths';
import { fixtureOnnx } from '../ml/__fixtures__/trees';
import { tempDir } from '../../tests/helpers/tmp';

/**
 * A command that fails ends with its exit code: a script or service wrapping `rakeplan` must see
 * the failure, not a process that waits for ever. Each run is the built launcher in a process of
 * its own; the launcher's safety net says so on stderr when something was left open, so the
 * tests also check it stayed silent.
 */
const bin = path.join(appRoot(), 'bin', 'rakeplan.js');

function run(args: string[], dataDir: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RAKEPLAN_DATA_DIR: dataDir },
    timeout: 120_000,
  });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

describe('failed commands exit', () => {
  it('a data directory that is a file, or under one, stops the command with exit 2 and says so', () => {
    const t = tempDir('rp-exit-');
    try {
      const file = path.join(t.dir, 'plant');
      fs.writeFileSync(file, 'not a folder');
      for (const dir of [file, path.join(file, 'data')]) {
        const r = run(['health'], dir);
        expect([r.code, r.signal], dir).toEqual([2, null]);
        expect(r.stderr).toContain(`${file} is a file, not a folder`);
        expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR/);
      }
    } finally {
      t.cleanup();
    }
  });

  it('serve with a bad or taken port', async () => {
    const t = tempDir('rp-exit-');
    try {
      for (const port of ['abc', '99999', '1.5']) {
        const r = run(['serve', '--port', port], t.dir);
        expect([r.code, r.signal], port).toEqual([2, null]);
        expect(r.stderr).toMatch(/--port must be/);
      }
      const taken = net.createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as net.AddressInfo).port;
      try {
        const r = run(['serve', '--port', String(port)], t.dir);
        expect([r.code, r.signal]).toEqual([1, null]);
        expect(r.stderr).toContain(`port ${port} is in use`);
        expect(r.stderr).not.toContain('background task');
      } finally {
        taken.close();
      }
    } finally {
      t.cleanup();
    }
  });

  it('models import whose test prediction fails', () => {
    const t = tempDir('rp-exit-');
    try {
      const model = path.join(t.dir, 'm.onnx');
      fs.writeFileSync(model, fixtureOnnx({ trees: 3, maxDepth: 3, features: 10 }));
      // The model reads 10 features; two are declared.
      const r = run(['models', 'import', model, '--name', 'imp', '--inputs', 'a,b'], path.join(t.dir, 'data'));
      expect([r.code, r.signal]).toEqual([1, null]);
      expect(r.stderr).toMatch(/test prediction failed/);
      expect(r.stderr).not.toContain('background task');
    } finally {
      t.cleanup();
    }
  });
});
