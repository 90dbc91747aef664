import { describe, expect, it } from 'vitest';
import { cliCapture } from '../../../tests/helpers/cli-capture';
import { helpCatalog, main } from '../index';

const cli = cliCapture('rp-cli-sub-');

describe('options a subcommand or mode does not take', () => {
  it('are a usage error (exit 2) naming them, not ignored: --json never silently prints text', async () => {
    const cases: [string[], string][] = [
      [
        ['scenario', 'export', 'ID', '--out', 'x.json', '--json'],
        '--json does not apply to `rakeplan scenario export` (options: --out --table)',
      ],
      [
        ['scenario', 'apply-forecasts', '--scenario', 's.json', '--out', 's2.json', '--json'],
        '--json does not apply to `rakeplan scenario apply-forecasts`',
      ],
      [['models', 'evaluate', 'm@1', '--json'], '--json does not apply to `rakeplan models evaluate` (options: none)'],
      [['history', 'info', '--replace'], '--replace does not apply to `rakeplan history info`'],
      [['plan', 'show', 'ID', '--out', 'x.json'], '--out does not apply to `rakeplan plan show`'],
      [['metrics', '--prometheus', '--json'], '--json does not apply to `rakeplan metrics --prometheus`'],
      [
        ['predict', '--model', 'm', '--csv', 'a.csv', '--out', 'b.csv', '--table', 'trips'],
        '--table does not apply to `rakeplan predict`',
      ],
    ];
    for (const [argv, message] of cases) {
      cli.clear();
      expect(await main(argv), argv.join(' ')).toBe(2);
      expect(cli.stderr()).toContain(message);
    }
  });

  it('a missing or unknown subcommand names the choices once, then the usage once', async () => {
    for (const argv of [['models'], ['models', 'lst'], ['scenario'], ['history', 'imprt'], ['plan', 'lst']]) {
      cli.clear();
      expect(await main(argv), argv.join(' ')).toBe(2);
      expect(cli.stderr()).toMatch(/subcommand/);
      const usage = helpCatalog().commands[argv[0]!]!.split('Usage: ')[1]!;
      expect(cli.stderr().split(usage).length - 1, cli.stderr()).toBe(1);
    }
  });
});

describe('rakeplan --help', () => {
  it('lists the exit codes', () => {
    expect(helpCatalog().help).toMatch(/Exit codes: 0 done; 1 [\s\S]*; 2 usage error[\s\S]*130 stopped by Ctrl-C/);
  });
});
