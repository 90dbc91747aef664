import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/tmp';
import { createHost } from '../../host/create-host';
import { generateScenario } from '../../synth/scenario';
import { COMMAND_OPTIONS } from '../options';
import { parseArgs } from '../args';
import type { CliCommand } from '../command';
import { planCommand } from './plan';
import { metricsCommand } from './metrics';
import { modelsCommand } from './models';
import { scenarioCommand } from './scenario';

const tmp = tempDir('rp-cli-scenario-');
afterAll(() => tmp.cleanup());
const dataDir = path.join(tmp.dir, 'data');

async function run(cmd: CliCommand, argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await cmd.run(parseArgs(argv, COMMAND_OPTIONS[cmd.name]), {
    dataDir,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, out: lines.join('\n') };
}

describe('rakeplan scenario and plan list/show/export', () => {
  it('imports a scenario file, lists it, refuses a bad table import with its rows, and exports', async () => {
    const file = path.join(tmp.dir, 'week.json');
    fs.writeFileSync(file, JSON.stringify(generateScenario({ seed: 3, size: 'day' })));
    const imported = await run(scenarioCommand, ['import', file]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/row\(s\) imported into scenario /);
    const list = JSON.parse((await run(scenarioCommand, ['list', '--json'])).out) as {
      id: string;
      counts: { orders: number };
    }[];
    expect(list).toHaveLength(1);
    const id = list[0]!.id;

    const csv = path.join(tmp.dir, 'orders.csv');
    fs.writeFileSync(
      csv,
      'Order No,Customer,Destination,Product,Qty (MT),Due by,Priority,Mode,Split\nCLI-1,Buyer,ATLANTIS,HRC,500,2027-01-20 18:00,1,rail,yes\n',
    );
    const refused = await run(scenarioCommand, ['import', csv, '--into', id, '--table', 'orders']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("line 2 (CLI-1), Destination: unknown destination 'ATLANTIS'");
    expect(JSON.parse((await run(scenarioCommand, ['list', '--json'])).out)[0].counts.orders).toBe(
      list[0]!.counts.orders,
    );

    fs.mkdirSync(path.join(tmp.dir, 'out'));
    const xlsx = path.join(tmp.dir, 'out', 'day.xlsx');
    expect((await run(scenarioCommand, ['export', id, '--out', xlsx])).code).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await expect(run(scenarioCommand, ['export', id, '--out', path.join(tmp.dir, 'day.txt')])).rejects.toThrow(
      /name it \.json, \.xlsx or \.csv/,
    );
    await expect(run(scenarioCommand, ['import', csv, '--into', id])).rejects.toThrow(/go together/);
    await expect(run(scenarioCommand, ['import', path.join(tmp.dir, 'none.xlsx')])).rejects.toThrow(
      /none\.xlsx: no such file$/,
    );
    await expect(run(scenarioCommand, ['import', tmp.dir])).rejects.toThrow(/is a folder; give the file to import$/);
  });

  it('lists, shows and exports the plans saved in the data directory', async () => {
    const host = createHost({ dataDir, mode: 'cli' });
    const [scenario] = await host.app.invoke('scenarios.list', {});
    const saved = await host.app.invoke('plans.solve', {
      scenarioId: scenario!.id,
      ruleBasedOnly: true,
      name: 'CLI rule-based',
    });
    host.close();
    const list = await run(planCommand, ['list']);
    expect(list.out).toContain(`${saved.id}  CLI rule-based`);
    expect((await run(planCommand, ['show', saved.id])).out).toMatch(/total ₹[\d,]+; saving/);
    const out = path.join(tmp.dir, 'rakes.csv');
    expect((await run(planCommand, ['export', saved.id, '--out', out, '--table', 'rakes'])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFF?Rake/);
    await expect(run(planCommand, ['export', saved.id, '--out', out, '--table', 'trucks'])).rejects.toThrow(
      /--table must be one of/,
    );
  });

  it('every listing answers --json with the same records the contract gives', async () => {
    expect(JSON.parse((await run(modelsCommand, ['list', '--json'])).out)).toEqual([]);
    const metrics = JSON.parse((await run(metricsCommand, ['--json', '--minutes', '5'])).out) as {
      minutes: number;
      byCall: unknown[];
    };
    expect(metrics.minutes).toBe(5);
    expect(Array.isArray(metrics.byCall)).toBe(true);
    expect(JSON.parse((await run(planCommand, ['list', '--json'])).out)).toHaveLength(1);
  });
});
