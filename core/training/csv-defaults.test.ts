import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../csv/write';
import { executeTraining } from './run';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-csv-defaults-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('training from a CSV with the defaults', () => {
  it('splits a file without dates at random, and exports a model refitted on every row', async () => {
    const file = path.join(dir, 'sorted.csv');
    // Sorted by the target's trend, no date column.
    const rows = Array.from({ length: 1200 }, (_, i) => [
      i / 40,
      (i * 7919) % 13,
      3 * (i / 40) + ((i * 7919) % 13) / 4,
    ]);
    fs.writeFileSync(file, writeCsv([['x', 'k', 'y'], ...rows]));
    const res = await executeTraining(
      {
        kind: 'csv',
        name: 'sorted',
        path: file,
        target: 'y',
        task: 'regression',
        params: { rounds: 40 },
        outDir: path.join(dir, 'm1'),
        threads: 1,
      },
      dir,
      () => {},
    );
    expect(res.metrics.split).toBe('random');
    expect(res.metrics.refit).toEqual({ rows: 1200, rounds: res.metrics.bestRound });
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'm1', 'manifest.json'), 'utf8'));
    expect(saved).toMatchObject({ split: 'random', refitRows: 1200 });
    const kept = await executeTraining(
      {
        kind: 'csv',
        name: 'sorted',
        path: file,
        target: 'y',
        task: 'regression',
        params: { rounds: 40 },
        outDir: path.join(dir, 'm2'),
        threads: 1,
        refit: false,
      },
      dir,
      () => {},
    );
    expect(kept.metrics.refit).toBeNull();
    expect(kept.metrics.test).toEqual(res.metrics.test);
  });

  it("records a CSV beside the demo's mark as synthetic history, so it feeds only the demo", async () => {
    const demo = path.join(dir, 'demo');
    fs.mkdirSync(demo);
    const rows = Array.from({ length: 400 }, (_, i) => [i % 17, (i * 31) % 7, (i % 17) * 2 + ((i * 31) % 7)]);
    fs.writeFileSync(path.join(demo, 'trips.csv'), writeCsv([['x', 'k', 'y'], ...rows]));
    const train = (out: string) =>
      executeTraining(
        {
          kind: 'csv',
          name: 'transit-delay',
          path: path.join(demo, 'trips.csv'),
          target: 'y',
          task: 'regression',
          params: { rounds: 5 },
          outDir: path.join(dir, out),
          threads: 1,
        },
        dir,
        () => {},
      );
    await train('plain');
    const plain = JSON.parse(fs.readFileSync(path.join(dir, 'plain', 'manifest.json'), 'utf8'));
    expect(plain.trainingData.kind).toBe('csv');
    fs.writeFileSync(path.join(demo, 'synthetic-history.json'), JSON.stringify({ seed: 7, days: 60 }));
    await train('marked');
    const marked = JSON.parse(fs.readFileSync(path.join(dir, 'marked', 'manifest.json'), 'utf8'));
    expect(marked.trainingData).toMatchObject({
      kind: 'synthetic-history',
      source: expect.stringMatching(/generated history \(seed 7, 60 days\)$/),
    });
  });
});
