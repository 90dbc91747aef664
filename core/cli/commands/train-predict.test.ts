import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../host/paths';
import { parseCsv } from '../../csv/read';
import { writeCsv as csvText } from '../../csv/write';
import { syntheticTable } from '../../ml/synthetic';
import { cellAt } from '../../ml/table';

let dir: string;
const cli = (args: string[]) =>
  spawnSync('node', [path.join(appRoot(), 'bin', 'rakeplan.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RAKEPLAN_DATA_DIR: path.join(dir, 'data') },
  });

function writeCsv(file: string, kind: 'regression' | 'binary', n: number, seed: number, drop: string[] = []): void {
  const t = syntheticTable(n, seed, kind);
  const cols = t.columns.filter((c) => !drop.includes(c.name));
  fs.writeFileSync(
    file,
    csvText([cols.map((c) => c.name), ...Array.from({ length: n }, (_, i) => cols.map((c) => cellAt(c, i)))]),
  );
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-cli-ml-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rakeplan train / predict', () => {
  it('trains a classifier from a CSV, prints metrics, and predict writes label and p_<class> columns', () => {
    const train = path.join(dir, 'late.csv');
    writeCsv(train, 'binary', 1500, 3);
    const out = path.join(dir, 'late-model');
    const r = cli([
      'train',
      '--csv',
      train,
      '--target',
      'y',
      '--task',
      'binary',
      '--categorical',
      'lane',
      '--rounds',
      '30',
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/holdout: accuracy \d+\.\d % · F1 0\.\d+ · AUC 0\.\d+ · log-loss/);
    expect(fs.readdirSync(out).sort()).toEqual(['manifest.json', 'metrics.json', 'model.onnx']);

    const score = path.join(dir, 'score.csv');
    writeCsv(score, 'binary', 50, 4, ['y']);
    // An extra column the model does not use is carried through and otherwise ignored.
    fs.writeFileSync(
      score,
      fs
        .readFileSync(score, 'utf8')
        .trimEnd()
        .split('\r\n')
        .map((l, i) => `${l},${i === 0 ? 'extra' : 'x'}`)
        .join('\r\n'),
    );
    const scored = path.join(dir, 'scored.csv');
    const p = cli(['predict', '--model', out, '--csv', score, '--out', scored]);
    expect(p.status, p.stderr).toBe(0);
    const rows = parseCsv(fs.readFileSync(scored, 'utf8'));
    expect(rows[0]).toEqual(['date', 'a', 'b', 'noise', 'lane', 'extra', 'prediction', 'p_late', 'p_on-time']);
    expect(rows).toHaveLength(51);
    for (const row of rows.slice(1)) {
      expect(Number(row[7]) + Number(row[8])).toBeCloseTo(1, 5);
      expect(row[6]).toBe(Number(row[7]) >= 0.5 ? 'late' : 'on-time');
    }
  });

  it('names missing input columns, and refuses usage errors with exit code 2', () => {
    const train = path.join(dir, 'reg.csv');
    writeCsv(train, 'regression', 800, 5);
    expect(cli(['train', '--csv', train, '--target', 'y', '--rounds', '10', '--name', 'reg']).status).toBe(0);
    const bad = path.join(dir, 'bad.csv');
    writeCsv(bad, 'regression', 10, 6, ['y', 'b', 'lane']);
    const p = cli(['predict', '--model', 'reg', '--csv', bad, '--out', path.join(dir, 'o.csv')]);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/Missing input column\(s\): b, lane/);
    expect(cli(['train', '--csv', train]).status).toBe(2);
    expect(cli(['train', '--spec', 'weather']).stderr).toMatch(/unknown spec 'weather'/);
  });
});
