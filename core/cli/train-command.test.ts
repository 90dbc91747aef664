import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../csv/write';
import { parseArgs } from './args';
import { readTrainInput, trainCommand } from './commands/train';
import { COMMAND_OPTIONS } from './options';
import { createHost } from '../host/create-host';
import { registryFor } from '../registry/context';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-train-command-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const csv = path.join(dir, 'small.csv');
fs.writeFileSync(
  csv,
  writeCsv([
    ['date', 'x', 'y'],
    ...Array.from({ length: 300 }, (_, i) => [
      new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      i % 17,
      2 * (i % 17) + (i % 3),
    ]),
  ]),
);
const args = (...a: string[]) => parseArgs(a, COMMAND_OPTIONS.train);

describe('rakeplan train', () => {
  it('prints only JSON with --json', async () => {
    const out: string[] = [];
    const code = await trainCommand.run(
      args('--csv', csv, '--target', 'y', '--rounds', '5', '--out', path.join(dir, 'm'), '--json'),
      { dataDir: dir, out: (l) => out.push(l), err: () => {} },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ name: 'small', dir: path.join(dir, 'm') });
  });

  it('refuses options a spec would ignore, naming them', () => {
    expect(() => readTrainInput(args('--spec', 'transit-delay', '--time-column', 'date'), dir)).toThrow(
      '--time-column applies to --csv only',
    );
  });

  it('caps --rounds where the app does', () => {
    expect(() => readTrainInput(args('--csv', csv, '--target', 'y', '--rounds', '1e9'), dir)).toThrow(
      '--rounds must be a whole number 1–5000, got 1000000000',
    );
  });

  it('says a --time-column that is not in the file is missing, not that it holds no dates', async () => {
    await expect(
      trainCommand.run(args('--csv', csv, '--target', 'y', '--time-column', 'nosuch', '--out', path.join(dir, 'n')), {
        dataDir: dir,
        out: () => {},
        err: () => {},
      }),
    ).rejects.toThrow("Date column 'nosuch' is not in the data (columns: date, x, y).");
  });
});

describe('rakeplan train on unchanged data', () => {
  it('keeps no new folder when the registry already holds the identical model', async () => {
    const data = fs.mkdtempSync(path.join(dir, 'data-'));
    const train = async () => {
      const out: string[] = [];
      await trainCommand.run(args('--csv', csv, '--target', 'y', '--rounds', '5'), {
        dataDir: data,
        out: (l) => out.push(l),
        err: () => {},
      });
      return out;
    };
    await train();
    const folders = () => fs.readdirSync(path.join(data, 'models', 'small'));
    const [first] = folders();
    const host = createHost({ dataDir: data, mode: 'test' });
    try {
      expect(registryFor(host.services).registerDir(path.join(data, 'models', 'small', first!)).version).toBe(1);
    } finally {
      host.close();
    }
    const out = await train();
    expect(out).toContain(
      'model: identical to small@1, already in the registry: the history and settings have not changed since, so no new folder was kept',
    );
    expect(folders()).toEqual([first]);
  });
});
