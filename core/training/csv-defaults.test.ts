import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../csv/write';
import { TRAIN_STEP_EN } from '../contract/train-steps';
import { fillReason } from '../contract/refusals';
import { executeTraining, type TrainProgress } from './run';

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

describe("a training's steps", () => {
  it('carry a code and the figures behind each message, so the interface can word them', async () => {
    const steps: TrainProgress[] = [];
    const out = path.join(dir, 'steps');
    await executeTraining(
      {
        kind: 'spec',
        spec: 'transit-delay',
        history: { synthetic: { seed: 3, days: 120 } },
        params: { rounds: 5 },
        outDir: out,
        threads: 1,
      },
      dir,
      (p) => steps.push(p),
    );
    type Told = Extract<TrainProgress, { stage: 'loading' | 'saving' }>;
    const told = steps.filter((p): p is Told => p.stage !== 'training');
    expect(told.map((p) => p.code)).toEqual(['loading-history', 'training-rows', 'saving']);
    for (const p of told) expect(fillReason(TRAIN_STEP_EN[p.code], p.params)).toBe(p.message);
    const rows = told[1]!;
    expect(rows.params).toEqual({
      rows: expect.stringMatching(/^[\d,]+$/),
      source: expect.stringContaining('synthetic'),
    });
    expect(rows.history).toMatchObject({ code: 'generated', seed: 3, days: 120 });
    expect(told[2]).toMatchObject({ params: { dir: out } });
  });
});
