import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { interruptCli } from '../../../tests/helpers/cli-interrupt';
import { tempDir } from '../../../tests/helpers/tmp';
import { PLAN_FORMAT } from '../../domain/plan';
import { generateScenario } from '../../synth/scenario';

const tmp = tempDir('rp-cli-interrupt-');
afterAll(() => tmp.cleanup());

describe('rakeplan plan, stopped by Ctrl-C', () => {
  it('writes the best plan found so far and exits 130, not 0', async () => {
    const scenario = path.join(tmp.dir, 's.json');
    fs.writeFileSync(scenario, JSON.stringify(generateScenario({ seed: 7, size: 'week' })));
    const out = path.join(tmp.dir, 'plan.json');
    // Once the model is built the solve is under way: that is when a planner presses Ctrl-C. The
    // launcher runs in a process of its own (Ctrl-C is a real SIGINT to it) and its stderr is a
    // pipe, so --progress shows the line this waits for.
    const { code, signal, stderr } = await interruptCli(
      ['plan', '--scenario', scenario, '--out', out, '--time-limit', '600', '--progress'],
      { ...process.env, RAKEPLAN_DATA_DIR: path.join(tmp.dir, 'data') },
      /^building /m,
    );
    expect([code, signal], stderr).toEqual([130, null]);
    expect(stderr).toContain(`interrupted: ${out} holds the best plan found before Ctrl-C`);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).format).toBe(PLAN_FORMAT);
  });
});
