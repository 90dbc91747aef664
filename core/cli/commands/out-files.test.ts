import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/tmp';
import { generateScenario } from '../../synth/scenario';
import { CliUsageError, parseArgs } from '../args';
import type { CliCommand } from '../command';
import { COMMAND_OPTIONS } from '../options';
import { checkCommand } from './check';
import { indentCommand } from './indent';
import { planCommand } from './plan';
import { predictCommand } from './predict';
import { scenarioCommand } from './scenario';
import { readTrainInput } from './train';

const tmp = tempDir('rp-cli-out-');
afterAll(() => tmp.cleanup());
const file = (name: string, text: string) => {
  const f = path.join(tmp.dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const scenario = file('s.json', JSON.stringify(generateScenario({ seed: 3, size: 'day' })));

async function run(cmd: CliCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cmd.run(parseArgs(argv, COMMAND_OPTIONS[cmd.name]), {
    dataDir: path.join(tmp.dir, 'data'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('--out', () => {
  it('in a folder that does not exist is a usage error naming the folder, for every command that writes one', async () => {
    const missing = path.join(tmp.dir, 'no-such-folder');
    const cases: [CliCommand, string[]][] = [
      [planCommand, ['--scenario', scenario, '--out', path.join(missing, 'plan.json')]],
      [
        planCommand,
        ['--scenario', scenario, '--out', path.join(tmp.dir, 'p.json'), '--export-lp', path.join(missing, 'm.lp')],
      ],
      [planCommand, ['export', 'any-id', '--out', path.join(missing, 'plan.xlsx')]],
      [indentCommand, ['--scenario', scenario, '--out', path.join(missing, 'indent.csv')]],
      [scenarioCommand, ['export', 'any-id', '--out', path.join(missing, 's.json')]],
      [scenarioCommand, ['apply-forecasts', '--scenario', scenario, '--out', path.join(missing, 's2.json')]],
      [predictCommand, ['--batch', '--model', 'm', '--table', 'trips', '--out', path.join(missing, 'p.csv')]],
    ];
    for (const [cmd, argv] of cases)
      await expect(run(cmd, argv), argv.join(' ')).rejects.toThrow(
        new CliUsageError(
          `${argv.includes('--export-lp') ? '--export-lp' : '--out'} ${argv.at(-1)}: the folder ${missing} does not exist; create it first`,
        ),
      );
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('naming a folder, or the input file itself, is refused before anything is written', async () => {
    const folder = path.join(tmp.dir, 'indent.csv');
    fs.mkdirSync(folder);
    await expect(run(indentCommand, ['--scenario', scenario, '--out', folder])).rejects.toThrow(
      `--out ${folder} is a folder; name the file to write`,
    );
    const before = fs.readFileSync(scenario, 'utf8');
    await expect(run(scenarioCommand, ['apply-forecasts', '--scenario', scenario, '--out', scenario])).rejects.toThrow(
      `--out ${scenario} is the --scenario file itself`,
    );
    expect(fs.readFileSync(scenario, 'utf8')).toBe(before);
  });

  it("train --out: a folder holding other files is refused, not replaced with everything in it; an earlier model's is fine", () => {
    const train = (out: string) =>
      readTrainInput(
        parseArgs(['--csv', 'a.csv', '--target', 'y', '--out', out], COMMAND_OPTIONS.train),
        path.join(tmp.dir, 'data'),
      );
    const work = path.join(tmp.dir, 'work');
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(work, 'notes.txt'), 'keep me');
    expect(() => train(work)).toThrow(
      new CliUsageError(
        `--out ${work} holds other files (notes.txt), which replacing the folder would delete; give a new or empty folder`,
      ),
    );
    expect(fs.readdirSync(work)).toEqual(['notes.txt']);
    const earlier = path.join(tmp.dir, 'model');
    fs.mkdirSync(earlier);
    for (const f of ['model.onnx', 'manifest.json', 'metrics.json']) fs.writeFileSync(path.join(earlier, f), '');
    expect(train(earlier).outDir).toBe(earlier);
    expect(train(path.join(tmp.dir, 'new-model')).outDir).toBe(path.join(tmp.dir, 'new-model'));
    expect(() => train(path.join(tmp.dir, 'no-such-folder', 'model'))).toThrow(/the folder .* does not exist/);
  });
});

describe('rakeplan check', () => {
  it('a plan file without its lists is refused naming each (exit 1), not a crash', async () => {
    const plan = file('bare-plan.json', JSON.stringify({ format: 'rakeplan.plan/1' }));
    const r = await run(checkCommand, ['--scenario', scenario, '--plan', plan]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${plan}: error at rakes: must be a list, got missing`);
    expect(r.err).toContain(`${plan}: error at road: must be a list, got missing`);
    expect(r.out + r.err).not.toMatch(/iterable/);
  });
});
