import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/tmp';
import { parseArgs } from '../args';
import type { CliCommand } from '../command';
import { COMMAND_OPTIONS } from '../options';
import { demoDataCommand } from './demo-data';
import { historyCommand } from './history';
import { SYNTHETIC_MARK_FILE } from '../../scenarios/history-import';

const tmp = tempDir('rp-cli-history-');
afterAll(() => tmp.cleanup());
const dataDir = path.join(tmp.dir, 'data');

async function run(cmd: CliCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cmd.run(parseArgs(argv, COMMAND_OPTIONS[cmd.name]), {
    dataDir,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const rowsOf = (file: string) => fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).length - 1;

describe('rakeplan history import', () => {
  it('loads the tables demo-data writes; a bad cell refuses the whole import naming file, line and column', async () => {
    const demo = path.join(tmp.dir, 'demo');
    expect(
      (await run(demoDataCommand, ['--seed', '5', '--size', 'day', '--history-days', '30', '--out', demo])).code,
    ).toBe(0);
    const imported = await run(historyCommand, ['import', demo, '--json']);
    expect(imported.code).toBe(0);
    const info = JSON.parse(imported.out) as { tables: Record<string, { rows: number }>; synthetic: unknown };
    for (const t of ['demand', 'rake_placements', 'trips', 'loading_events', 'shipments'])
      expect(info.tables[t]!.rows, t).toBe(rowsOf(path.join(demo, `${t}.csv`)));
    // demo-data marks what it generates: imported, the tables stay synthetic.
    expect(info.synthetic).toEqual({ seed: 5, days: 30 });

    const bad = path.join(tmp.dir, 'bad');
    fs.cpSync(demo, bad, { recursive: true });
    const trips = path.join(bad, 'trips.csv');
    const lines = fs.readFileSync(trips, 'utf8').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const cells = lines[2]!.split(',');
    cells[header.indexOf('transitH')] = 'abc';
    lines[2] = cells.join(',');
    fs.writeFileSync(trips, lines.join('\n'));
    const refused = await run(historyCommand, ['import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("trips.csv line 3, transitH: 'abc' is not valid here");
    const after = JSON.parse((await run(historyCommand, ['info', '--json'])).out) as typeof info;
    expect(after).toEqual(info);
    // A number no real trip can have (a sign or unit slip) is refused the same way.
    cells[header.indexOf('transitH')] = '-40';
    lines[2] = cells.join(',');
    fs.writeFileSync(trips, lines.join('\n'));
    const negative = await run(historyCommand, ['import', bad]);
    expect(negative.code).toBe(1);
    expect(negative.out).toContain("trips.csv line 3, transitH: '-40' is not valid here (must be > 0 h)");
    expect(JSON.parse((await run(historyCommand, ['info', '--json'])).out)).toEqual(info);

    // The same tables without the mark are the plant's (a plant's own export has none).
    const plant = path.join(tmp.dir, 'plant');
    fs.cpSync(demo, plant, { recursive: true });
    fs.rmSync(path.join(plant, SYNTHETIC_MARK_FILE));
    expect(JSON.parse((await run(historyCommand, ['import', plant, '--json'])).out)).toMatchObject({ synthetic: null });
    // The plant's own history is replaced only when asked.
    const own = JSON.parse((await run(historyCommand, ['info', '--json'])).out) as typeof info;
    const again = await run(historyCommand, ['import', demo]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/holds the plant's own history \([\d,]+ rows\); importing .* Run again with --replace/);
    // …and refused before years of CSV are read for nothing.
    expect(again.err).not.toMatch(/^reading /m);
    expect(JSON.parse((await run(historyCommand, ['info', '--json'])).out)).toEqual(own);
    expect((await run(historyCommand, ['import', plant, '--replace'])).code).toBe(0);

    // A mark that is not demo-data's is refused, naming the file, and changes nothing.
    fs.writeFileSync(path.join(plant, SYNTHETIC_MARK_FILE), '{"seed": "x"');
    await expect(run(historyCommand, ['import', plant, '--replace'])).rejects.toThrow(
      /synthetic-history\.json: expected \{"seed": N/,
    );
    expect(JSON.parse((await run(historyCommand, ['info', '--json'])).out)).toMatchObject({ synthetic: null });

    fs.rmSync(path.join(bad, 'shipments.csv'));
    await expect(run(historyCommand, ['import', bad, '--replace'])).rejects.toThrow(/lacks shipments\.csv/);
  });
});
