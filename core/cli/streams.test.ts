import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliCapture } from '../../tests/helpers/cli-capture';
import { generateScenario } from '../synth/scenario';
import { main } from './index';
import { ProgressLine } from './progress';

const cli = cliCapture('rp-cli-streams-');
const demo = path.join(cli.dir, 'demo');

/** Runs `rakeplan …argv` in-process with stderr a terminal or not. */
async function run(argv: string[], stderrIsTTY = false): Promise<{ code: number; out: string; err: string }> {
  cli.clear();
  Object.defineProperty(process.stderr, 'isTTY', { value: stderrIsTTY, configurable: true });
  const code = await main(argv);
  return { code, out: cli.stdout(), err: cli.stderr() };
}
const isTTY = process.stderr.isTTY;

/** A short generated history in a folder, made by the first test that needs it. */
async function demoFolder(): Promise<string> {
  if (!fs.existsSync(demo))
    expect((await run(['demo-data', '--seed', '4', '--history-days', '10', '--out', demo])).code).toBe(0);
  return demo;
}
afterEach(() => Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true }));

describe('progress on stderr', () => {
  it('is left out when stderr is not a terminal, redrawn in place when it is or --progress asks', async () => {
    await demoFolder();
    // A cron job's log: the result on stdout, nothing on stderr.
    const piped = await run(['history', 'import', demo]);
    expect(piped.code).toBe(0);
    expect(piped.out).toMatch(/^trips +\d+ rows/m);
    expect(piped.err).toBe('');
    // Forced: one line, each stage drawn over the one before, ended by a newline.
    const forced = await run(['history', 'import', demo, '--progress']);
    expect(forced.code).toBe(0);
    expect(forced.err).toMatch(
      new RegExp(`^reading ${demo}\\x1b\\[K\\rwriting [\\d,]+ rows \\(one transaction\\)\\x1b\\[K\\n$`),
    );
    // A terminal gets the same by default, and nothing with --no-progress.
    expect((await run(['history', 'import', demo], true)).err).toBe(forced.err);
    expect((await run(['history', 'import', demo, '--no-progress'], true)).err).toBe('');
  });

  it('is asked for only where a command reports it, and one way', async () => {
    const both = await run(['history', 'import', 'any', '--progress', '--no-progress']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('give --progress or --no-progress, not both');
    const info = await run(['history', 'info', '--progress']);
    expect(info.code).toBe(2);
    expect(info.err).toContain('--progress does not apply to `rakeplan history info`');
    expect((await run(['health', '--no-progress'])).code).toBe(2);
  });

  it('ends its line before other output, and cuts a line to the terminal width', () => {
    const written: string[] = [];
    const line = new ProgressLine({ write: (t) => written.push(t) > 0, columns: 12 });
    line.end();
    line.show('round 1');
    line.show('round 200 of 5000');
    line.end();
    line.end();
    expect(written).toEqual(['round 1\x1b[K', '\rround 200 …\x1b[K', '\n']);
  });
});

describe('rejected rows', () => {
  const rowLine = /^ {2}(\S+ )?line \d+( \([^)]+\))?(, [^:]+)?: .+$/;

  it('both imports report them on stdout as their result, in one format; stderr stays empty', async () => {
    const scenarioFile = path.join(cli.dir, 'day.json');
    fs.writeFileSync(scenarioFile, JSON.stringify(generateScenario({ seed: 3, size: 'day' })));
    expect((await run(['scenario', 'import', scenarioFile])).code).toBe(0);
    const id = (JSON.parse((await run(['scenario', 'list', '--json'])).out) as { id: string }[])[0]!.id;
    const orders = path.join(cli.dir, 'orders.csv');
    fs.writeFileSync(
      orders,
      'Order No,Customer,Destination,Product,Qty (MT),Due by,Priority,Mode,Split\nCLI-1,Buyer,ATLANTIS,HRC,500,2027-01-20 18:00,1,rail,yes\n',
    );
    const bad = path.join(cli.dir, 'bad');
    fs.cpSync(await demoFolder(), bad, { recursive: true });
    const trips = path.join(bad, 'trips.csv');
    const lines = fs.readFileSync(trips, 'utf8').split(/\r?\n/);
    const col = lines[0]!.split(',').indexOf('transitH');
    lines[2] = lines[2]!
      .split(',')
      .map((c, i) => (i === col ? 'abc' : c))
      .join(',');
    fs.writeFileSync(trips, lines.join('\n'));

    const scenario = await run(['scenario', 'import', orders, '--into', id, '--table', 'orders']);
    const history = await run(['history', 'import', bad]);
    for (const [r, source, row] of [
      [scenario, orders, "line 2 (CLI-1), Destination: unknown destination 'ATLANTIS'"],
      [history, bad, "trips.csv line 3, transitH: 'abc' is not valid here"],
    ] as const) {
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
      const [heading, first] = r.out.split('\n');
      expect(heading).toBe(`${source}: refused, nothing changed — 1 problem(s):`);
      expect(first).toMatch(rowLine);
      expect(first).toContain(row);
    }

    // --json: the same record for each rejected row.
    const asJson = async (argv: string[]) => {
      const r = await run([...argv, '--json']);
      expect([r.code, r.err]).toEqual([1, '']);
      return JSON.parse(r.out) as { status: string; rejected: Record<string, unknown>[] };
    };
    const s = await asJson(['scenario', 'import', orders, '--into', id, '--table', 'orders']);
    const h = await asJson(['history', 'import', bad]);
    expect(s.status).toBe('rejected');
    expect(h.status).toBe('rejected');
    expect(h.rejected).toEqual([
      { table: 'trips.csv', line: 3, field: 'transitH', reason: expect.stringContaining("'abc' is not valid here") },
    ]);
    expect(s.rejected[0]).toMatchObject({ line: 2, field: 'Destination' });
    for (const x of [...s.rejected, ...h.rejected]) expect(x).toHaveProperty('reason');
  });
});
