import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../domain/validate';
import { parseCsv } from '../../csv/read';
import { parseArgs } from '../args';
import { demoDataCommand } from './demo-data';

describe('rakeplan demo-data', () => {
  it('writes a valid scenario and one CSV per history table, the same for the same seed', async () => {
    const run = async (dir: string) => {
      const lines: string[] = [];
      const code = await demoDataCommand.run(
        parseArgs(['--seed', '5', '--size', 'day', '--history-days', '30', '--out', dir]),
        { dataDir: dir, out: (l) => lines.push(l), err: (l) => lines.push(l) },
      );
      expect(code).toBe(0);
      return lines;
    };
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-dd-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-dd-'));
    const out = await run(a);
    await run(b);
    expect(out[0]).toMatch(/120 orders .* 10 rakes, 3-day horizon/);
    const scenario = JSON.parse(fs.readFileSync(path.join(a, 'scenario.json'), 'utf8'));
    expect(checkScenario(scenario).issues.filter((i) => i.severity === 'error')).toEqual([]);
    for (const t of ['demand', 'rake_placements', 'trips', 'loading_events', 'shipments']) {
      const text = fs.readFileSync(path.join(a, `${t}.csv`), 'utf8');
      expect(text).toBe(fs.readFileSync(path.join(b, `${t}.csv`), 'utf8'));
      expect(parseCsv(text).length).toBeGreaterThan(10);
    }
    expect(parseCsv(fs.readFileSync(path.join(a, 'trips.csv'), 'utf8'))[0]).toEqual([
      'date',
      'rakeId',
      'corridor',
      'destination',
      'distanceKm',
      'wagonType',
      'month',
      'loadT',
      'transitH',
    ]);
    fs.rmSync(a, { recursive: true, force: true });
    fs.rmSync(b, { recursive: true, force: true });
  });

  it('refuses a bad size and a missing --out with the flag named', async () => {
    const env = { dataDir: '/tmp', out: () => {}, err: () => {} };
    await expect(demoDataCommand.run(parseArgs(['--size', 'huge', '--out', '/tmp/x']), env)).rejects.toThrow(
      "--size must be day, week or large, got 'huge'",
    );
    await expect(demoDataCommand.run(parseArgs(['--size', 'day']), env)).rejects.toThrow('--out is required');
  });

  it("writes again over its own files, never over a folder of the plant's", async () => {
    const env = { dataDir: '/tmp', out: () => {}, err: () => {} };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-demo-own-'));
    try {
      const args = ['--size', 'day', '--history-days', '0', '--out', dir];
      expect(await demoDataCommand.run(parseArgs(args), env)).toBe(0);
      expect(await demoDataCommand.run(parseArgs(args), env)).toBe(0);
      const plant = path.join(dir, 'plant');
      fs.mkdirSync(plant);
      fs.writeFileSync(path.join(plant, 'trips.csv'), 'the plant,s own\n');
      await expect(
        demoDataCommand.run(parseArgs(['--size', 'day', '--history-days', '5', '--out', plant]), env),
      ).rejects.toThrow(/already holds trips\.csv, not written by demo-data/);
      expect(fs.readFileSync(path.join(plant, 'trips.csv'), 'utf8')).toBe('the plant,s own\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
