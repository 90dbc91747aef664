import { describe, expect, it } from 'vitest';
import { cliCapture } from '../../../tests/helpers/cli-capture';
import { main } from '../index';

const cli = cliCapture('rp-cli-values-');

describe('option values the app would refuse', () => {
  it('are a usage error (exit 2) naming the option, not a failed run', async () => {
    const cases: [string[], string][] = [
      [['metrics', '--minutes', '-5'], '--minutes must be a whole number from 1 to 10080, got -5'],
      [['metrics', '--minutes', '1.5', '--json'], '--minutes must be a whole number from 1 to 10080, got 1.5'],
      [
        ['models', 'promote', 'demand@1', '--override', 'ok'],
        '--override needs a reason of at least 5 characters (why the gates are overridden)',
      ],
      [
        ['predict', '--batch', '--model', 'demand', '--table', 'nosuch'],
        "--table must be one of demand, rake_placements, trips, loading_events, shipments, got 'nosuch'",
      ],
      [
        ['predict', '--batch', '--model', 'demand', '--table', 'trips', '--chunk', '0'],
        '--chunk must be a whole number from 1 to 65536, got 0',
      ],
    ];
    for (const [argv, message] of cases) {
      cli.clear();
      expect(await main(argv), argv.join(' ')).toBe(2);
      expect(cli.stderr()).toContain(message);
      expect(cli.stderr()).not.toContain('BAD_PAYLOAD');
    }
  });
});
