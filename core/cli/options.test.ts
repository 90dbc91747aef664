import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../host/paths';
import { parseArgs } from './args';
import { COMMAND_OPTIONS } from './options';
import { main } from './index';

/** The files whose option reads belong to each command. */
const SOURCES: Record<string, string[]> = {
  serve: ['core/cli/commands/serve.ts'],
  health: ['core/cli/commands/health.ts'],
  plan: ['core/cli/commands/plan.ts', 'core/cli/commands/plan-store.ts', 'core/cli/commands/plan-loop.ts'],
  check: ['core/cli/commands/check.ts'],
  scenario: ['core/cli/commands/scenario.ts', 'core/cli/commands/apply-forecasts.ts'],
  train: ['core/cli/commands/train.ts'],
  predict: ['core/cli/commands/predict.ts', 'core/cli/batch-predict.ts'],
  'demo-data': ['core/cli/commands/demo-data.ts'],
  models: ['core/cli/commands/models.ts'],
  history: ['core/cli/commands/history.ts'],
  metrics: ['core/cli/commands/metrics.ts'],
  indent: ['core/cli/commands/indent.ts'],
};

describe('strict command-line options', () => {
  it('declares every option each command reads, and nothing it does not', () => {
    expect(Object.keys(SOURCES).sort()).toEqual(Object.keys(COMMAND_OPTIONS).sort());
    for (const [cmd, files] of Object.entries(SOURCES)) {
      const text = files.map((f) => fs.readFileSync(path.join(appRoot(), f), 'utf8')).join('\n');
      const read = new Set(
        [...text.matchAll(/(?:str|num|bool|wholeNumber|oneOf)\(args, '([a-z-]+)'|set\('([a-z-]+)'/g)].map(
          (m) => m[1] ?? m[2]!,
        ),
      );
      expect([...read].sort(), cmd).toEqual(Object.keys(COMMAND_OPTIONS[cmd]!).sort());
    }
  });

  it('refuses a mistyped option naming the near one, a missing value and a value given to a switch', () => {
    const opts = COMMAND_OPTIONS.plan;
    expect(() => parseArgs(['--tme-limit', '3'], opts)).toThrow(
      'unknown option --tme-limit; did you mean --time-limit?',
    );
    expect(() => parseArgs(['--scenario'], opts)).toThrow('--scenario needs a value');
    expect(() => parseArgs(['--rule-based=yes'], opts)).toThrow('--rule-based is a switch and takes no value');
    expect(() => parseArgs(['--zzzzzz'], opts)).toThrow(/^unknown option --zzzzzz$/);
    // A switch never swallows the next word; global options are accepted everywhere.
    expect(parseArgs(['--rule-based', 'extra', '--data-dir', '/d', '--time-limit=5'], opts)).toEqual({
      positionals: ['extra'],
      flags: { 'rule-based': true, 'data-dir': '/d', 'time-limit': '5' },
    });
    // -h asks for help after a command too; a single-dash word is a mistyped option, not a positional.
    expect(parseArgs(['-h'], opts).flags.help).toBe(true);
    expect(() => parseArgs(['-threads', '1'], opts)).toThrow('unknown option -threads; options start with --');
    expect(parseArgs(['--stability', '-5'], COMMAND_OPTIONS.plan).flags.stability).toBe('-5');
  });

  it('exits 2 on a mistyped option instead of running with the default', async () => {
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => {
      err.push(String(s));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(['plan', '--tme-limit', '3', '--scenario', 'nowhere.json', '--out', 'nowhere-plan.json'])).toBe(
        2,
      );
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).toContain('did you mean --time-limit?');
    expect(fs.existsSync('nowhere-plan.json')).toBe(false);
  });
});

describe("the launcher answers help and version from the build's catalog", () => {
  const bin = path.join(appRoot(), 'bin', 'rakeplan.js');
  const run = (args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  it('gives the same text as the built CLI itself', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(run(['--version']).trim()).toBe(version);
    // The slow path of the same build: its catalog and its commands must agree.
    const full = execFileSync(process.execPath, ['-e', "require('./dist/cli.js').main(['plan', '--help'])"], {
      cwd: appRoot(),
      encoding: 'utf8',
    });
    expect(run(['plan', '--help'])).toBe(full);
    expect(run(['--help'])).toContain('plan       Plan a scenario');
    expect(run(['--help'])).not.toMatch(/\.md\b/);
  });

  it("answers `help COMMAND` with the command's help, as the CLI itself does", () => {
    const full = execFileSync(process.execPath, ['-e', "require('./dist/cli.js').main(['help', 'plan'])"], {
      cwd: appRoot(),
      encoding: 'utf8',
    });
    expect(full).toBe(run(['plan', '--help']));
    expect(run(['help', 'plan'])).toBe(full);
    const r = spawnSync(process.execPath, [bin, 'help', 'plna'], { encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain("rakeplan help: no command 'plna'");
  });

  it('says when RAKEPLAN_DATA_DIR overrides --data-dir instead of dropping the flag silently', () => {
    const r = spawnSync(process.execPath, [bin, 'health', '--data-dir', '/nowhere/else'], {
      encoding: 'utf8',
      env: { ...process.env, RAKEPLAN_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'rp-env-wins-')) },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('RAKEPLAN_DATA_DIR is set, so --data-dir /nowhere/else is not used');
  });
});
