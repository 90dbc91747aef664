import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interruptCli } from '../../../tests/helpers/cli-interrupt';
import { tempDir } from '../../../tests/helpers/tmp';
import { appRoot } from '../../host/paths';

const tmp = tempDir('rp-cli-history-interrupt-');
afterAll(() => tmp.cleanup());
const data = path.join(tmp.dir, 'data');
const launcher = path.join(appRoot(), 'bin', 'rakeplan.js');
const env = { ...process.env, RAKEPLAN_DATA_DIR: data };
const cli = (...argv: string[]) => execFileSync(process.execPath, [launcher, ...argv], { env, encoding: 'utf8' });
const big = path.join(tmp.dir, 'big');

// The built launcher in a process of its own: Ctrl-C is a real SIGINT to it. The data directory
// holds a short history; the folder interrupted is two years of it (seconds to read and to write).
beforeAll(() => {
  const small = path.join(tmp.dir, 'small');
  cli('demo-data', '--seed', '3', '--history-days', '20', '--out', small);
  cli('history', 'import', small);
  cli('demo-data', '--out', big);
});

describe('rakeplan history import, stopped by Ctrl-C', () => {
  it.each([
    ['reading the tables', /^reading /m],
    ['writing them', /^writing [\d,]+ rows/m],
  ])('while %s: exits 130 with one line, the stored history as it was', async (_, line) => {
    const before = cli('history', 'info', '--json');
    // stderr is a pipe here: --progress shows the stage this waits for.
    const { code, signal, stderr } = await interruptCli(['history', 'import', big, '--progress'], env, line);
    expect([code, signal], stderr).toEqual([130, null]);
    expect(stderr.split('\n').filter((l) => l.startsWith('interrupted'))).toEqual([
      `interrupted: nothing imported from ${big}; the stored history is as it was`,
    ]);
    expect(cli('history', 'info', '--json')).toBe(before);
  });
});
