import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { interruptCli } from '../../../tests/helpers/cli-interrupt';
import { tempDir } from '../../../tests/helpers/tmp';

const tmp = tempDir('rp-cli-train-interrupt-');
afterAll(() => tmp.cleanup());

describe('rakeplan train, stopped by Ctrl-C', () => {
  it('exits 130 with one line, leaving no model folder', async () => {
    const data = path.join(tmp.dir, 'data');
    // Rounds without early stopping: the training is still running when the first round is reported.
    // The launcher runs in a process of its own (Ctrl-C is a real SIGINT to it) and its stderr is a
    // pipe, so --progress shows the rounds.
    const { code, signal, stderr } = await interruptCli(
      ['train', '--spec', 'demand', '--rounds', '5000', '--early-stopping', '0', '--progress'],
      { ...process.env, RAKEPLAN_DATA_DIR: data },
      / round 1\/5000/,
    );
    expect([code, signal], stderr).toEqual([130, null]);
    expect(stderr.split('\n').filter((l) => l.startsWith('interrupted'))).toEqual([
      'interrupted: training stopped by Ctrl-C; no model saved',
    ]);
    const models = path.join(data, 'models');
    expect(fs.existsSync(models) ? fs.readdirSync(models, { recursive: true }) : []).toEqual([]);
  });
});
