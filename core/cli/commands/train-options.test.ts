import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../args';
import { helpCatalog } from '../index';
import { COMMAND_OPTIONS, GLOBAL_OPTIONS } from '../options';
import { readTrainInput } from './train';

const input = (argv: string[]) => readTrainInput(parseArgs(argv, COMMAND_OPTIONS.train), '/tmp/rp-data');

describe('rakeplan train options', () => {
  it('--help lists every option the command accepts', () => {
    const help = helpCatalog().commands.train!;
    for (const flag of Object.keys({ ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS.train })) {
      if (flag === 'help') continue;
      expect(help, `--${flag} in train --help`).toContain(`--${flag}`);
    }
  });

  it('--threads defaults to the cores this machine has; 1 keeps one', () => {
    expect(input(['--csv', 'a.csv', '--target', 'y']).threads).toBe(availableParallelism());
    expect(input(['--csv', 'a.csv', '--target', 'y', '--threads', '1']).threads).toBe(1);
    expect(() => input(['--csv', 'a.csv', '--target', 'y', '--threads', '0'])).toThrow(
      /--threads must be a whole number ≥ 1/,
    );
  });

  it('a CSV refits by default, --no-refit keeps the held-out fit; specs do not refit unless asked', () => {
    const csv = input(['--csv', 'a.csv', '--target', 'y']);
    expect(csv).toMatchObject({ kind: 'csv' });
    expect('refit' in csv).toBe(false); // the job's default for CSV: refit
    expect(input(['--csv', 'a.csv', '--target', 'y', '--no-refit']).refit).toBe(false);
    expect(input(['--spec', 'demand', '--refit']).refit).toBe(true);
    expect(() => input(['--spec', 'demand', '--refit', '--no-refit'])).toThrow(/not both/);
  });

  it('minimum rows per leaf, validation and test fractions, and the time column come from the command line', () => {
    const i = input([
      '--csv',
      'a.csv',
      '--target',
      'y',
      '--min-rows-per-leaf',
      '5',
      '--valid-fraction',
      '0.2',
      '--test-fraction',
      '0.1',
      '--time-column',
      'shipped',
    ]);
    expect(i.params).toMatchObject({ minDataInLeaf: 5 });
    expect(i).toMatchObject({ validFraction: 0.2, testFraction: 0.1, dateColumn: 'shipped' });
    expect(input(['--csv', 'a.csv', '--target', 'y', '--time-column', 'none'])).toMatchObject({ dateColumn: null });
    expect(input(['--csv', 'a.csv', '--target', 'y', '--date-column', 'd'])).toMatchObject({ dateColumn: 'd' });
    expect('dateColumn' in input(['--csv', 'a.csv', '--target', 'y'])).toBe(false); // detected from the data
    expect(() => input(['--csv', 'a.csv', '--target', 'y', '--valid-fraction', '0.7'])).toThrow(
      /--valid-fraction must be above 0 and below 0.5/,
    );
    expect(() => input(['--csv', 'a.csv', '--target', 'y', '--min-rows-per-leaf', '0'])).toThrow(
      /--min-rows-per-leaf must be a whole number ≥ 1/,
    );
  });
});
