import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { PLAN_FORMAT } from '../domain/plan';
import { generateScenario } from '../synth/scenario';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { checkCommand } from './commands/check';
import { planCommand } from './commands/plan';
import { COMMAND_OPTIONS } from './options';

const tmp = tempDir('rp-cli-plan-file-');
afterAll(() => tmp.cleanup());
const file = (name: string, text: string) => {
  const f = path.join(tmp.dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const scenario = file('s.json', JSON.stringify(generateScenario({ seed: 5, size: 'day' })));
const edits = file('edits.json', '[]');

async function run(cmd: CliCommand, argv: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await cmd.run(parseArgs(argv, COMMAND_OPTIONS[cmd.name]), {
    dataDir: path.join(tmp.dir, 'data'),
    out: () => {},
    err: (l) => err.push(l),
  });
  return { code, err };
}

/** The three commands that read a plan file, each given `plan`: their exit codes and stderr. */
const readers = (plan: string) => {
  const out = path.join(tmp.dir, 'out.json');
  return Promise.all([
    run(checkCommand, ['--scenario', scenario, '--plan', plan]),
    run(planCommand, ['edit', '--scenario', scenario, '--plan', plan, '--edits', edits, '--out', out]),
    run(planCommand, ['--scenario', scenario, '--base', plan, '--out', out]),
  ]);
};

describe('a malformed plan file', () => {
  const rake = { rakeId: 'R1', lines: [] };
  it.each([
    ['not JSON', '{"format": ', (f: string) => [expect.stringMatching(new RegExp(`^Cannot read plan ${f}: `))]],
    [
      'a list',
      '[]',
      (f: string) => [`${f}: error at (root): must be a plan (an object with "format": "${PLAN_FORMAT}"), got a list`],
    ],
    [
      'another format',
      JSON.stringify({ format: 'rakeplan.scenario/1', rakes: 3 }),
      (f: string) => [
        `${f}: error at format: must be "${PLAN_FORMAT}" (a plan rakeplan wrote), got "rakeplan.scenario/1"`,
      ],
    ],
    [
      'rakes and road wrong',
      JSON.stringify({ format: PLAN_FORMAT, rakes: [rake, 7], road: 'none' }),
      (f: string) => [
        `${f}: error at rakes[1]: must be an object, got 7`,
        `${f}: error at road: must be a list, got "none"`,
      ],
    ],
  ])(
    '%s: check, plan edit and plan --base refuse it with the same lines, naming file and field',
    async (name, text, lines) => {
      const plan = file(`${name.replace(/ /g, '-')}.json`, text);
      for (const r of await readers(plan)) {
        expect(r.code).toBe(1);
        expect(r.err).toEqual(lines(plan));
      }
    },
  );
});
