import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost } from '../host/create-host';
import type { ModelManifest } from '../ml/manifest';
import { tableFromRows } from '../ml/table';
import { tempDir } from '../../tests/helpers/tmp';
import { versionRecord } from '../../tests/fixtures/version-record';
import { fitBaseline, predictBaseline, smoothStoredPrior, type Baseline } from './baseline';
import { registryFor } from './context';
import { RegistryStore } from './store';
import { openDatabase } from '../storage/db';
import { MIGRATIONS } from '../storage/migrations';
import { m063SmoothedBaselines } from '../storage/migrations/063-smoothed-baselines';

const manifest = {
  target: 'mode',
  classes: ['rail', 'road'],
  outputs: ['p_rail', 'p_road'],
  inputs: [{ name: 'corridor', type: 'categorical' }],
} as unknown as ModelManifest;

// SOUTH always went by rail in training; EAST went both ways.
const rows = [
  ...Array.from({ length: 40 }, () => ({ corridor: 'SOUTH', mode: 'rail' })),
  ...Array.from({ length: 30 }, (_, i) => ({ corridor: 'EAST', mode: i < 10 ? 'rail' : 'road' })),
];

describe('the registry baseline of a classifier', () => {
  const t = tableFromRows(rows);
  const b = fitBaseline(
    t,
    manifest,
    rows.map((_, i) => i),
  )!;
  const p = (corridor: string) => {
    const out = predictBaseline(b, manifest, [{ corridor }]).columns;
    return { rail: out.p_rail![0]!, road: out.p_road![0]! };
  };

  it('smooths the class shares, so a lane that always went one way still gives the other mode a chance', () => {
    // Laplace: (count + 1) / (rows + classes), as the trainer's share baseline.
    expect(p('SOUTH').road).toBeCloseTo(1 / 42, 12);
    expect(p('SOUTH').rail).toBeCloseTo(41 / 42, 12);
    expect(p('EAST').rail).toBeCloseTo(11 / 32, 12);
    expect(p('NEW-LANE').road).toBeCloseTo(21 / 72, 12);
    expect(b.description).toBe('smoothed class shares by corridor');
  });
});

describe('a classifier baseline stored before the shares were smoothed', () => {
  const tmp = tempDir('rp-baseline-');
  const host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });
  // As fitBaseline stored it then: plain shares, SOUTH's road share 0.
  const legacy: Baseline = {
    kind: 'prior',
    description: 'class shares by corridor',
    classes: ['rail', 'road'],
    overall: [49 / 70, 21 / 70],
    segment: { column: 'corridor', values: { SOUTH: [1, 0], EAST: [7 / 28, 21 / 28] } },
  };
  const old = { ...manifest, name: 'mode', rows: { train: 70, valid: 15, test: 15 } } as ModelManifest;
  // The data's 100 rows: SOUTH 60, EAST 40; the 70 training rows are 70 % of them.
  const stats = {
    rows: 100,
    features: [
      { name: 'corridor', kind: 'categorical' as const, n: 100, missingRate: 0, counts: { SOUTH: 60, EAST: 40 } },
    ],
  };

  it('answers smoothed once read back, with the rows behind each share estimated from the version', () => {
    const store = registryFor(host.services).store;
    const rec = store.insertVersion(versionRecord('mode', 1, old, { baseline: legacy, datasetStats: stats }));
    const b = store.require('mode', rec.version).baseline!;
    const out = predictBaseline(b, old, [{ corridor: 'SOUTH' }, { corridor: 'EAST' }, { corridor: 'NEW' }]).columns;
    // SOUTH: 60 × 0.7 = 42 training rows, all rail: (0 + 1) / (42 + 2).
    expect(out.p_road![0]).toBeCloseTo(1 / 44, 12);
    expect(out.p_rail![1]).toBeCloseTo((7 + 1) / (28 + 2), 12);
    expect(out.p_road![2]).toBeCloseTo((21 + 1) / (70 + 2), 12);
    expect(b.description).toBe('smoothed class shares by corridor');
  });

  const raw = (db: ReturnType<typeof openDatabase>['db'], name: string) =>
    JSON.parse(
      (db.prepare('SELECT baseline FROM model_versions WHERE name = ?').get(name) as { baseline: string }).baseline,
    ) as Baseline;

  it('is stored smoothed when registered, so a read answers it as stored', () => {
    const store = registryFor(host.services).store;
    store.insertVersion(versionRecord('mode-written', 1, old, { baseline: legacy, datasetStats: stats }));
    const stored = raw(host.services.requireDb(), 'mode-written');
    expect(stored).toEqual(smoothStoredPrior(legacy, old, stats));
    expect(store.require('mode-written', 1).baseline).toEqual(stored);
  });

  it('is smoothed in place by migration 063 in a database written before it', () => {
    const d = tempDir('rp-baseline-migrate-');
    try {
      const before = openDatabase(
        d.dir,
        MIGRATIONS.filter((m) => m.version < m063SmoothedBaselines.version),
      ).db;
      const insert = before.prepare(
        `INSERT INTO model_versions (name, version, origin, params, manifest, dataset_stats, baseline, file_sha256, file_bytes, created_at)
          VALUES (?, 1, 'trained', '{}', ?, ?, ?, 'sha', 0, '2025-01-01T00:00:00Z')`,
      );
      insert.run('mode', JSON.stringify(old), JSON.stringify(stats), JSON.stringify(legacy));
      const fresh = fitBaseline(tableFromRows(rows), manifest, [0, 1, 2])!;
      insert.run('mode-fresh', JSON.stringify(old), JSON.stringify(stats), JSON.stringify(fresh));
      before.close();
      const { db, migrated } = openDatabase(d.dir);
      try {
        expect(migrated.applied).toContain('63-smoothed baselines');
        expect(raw(db, 'mode')).toEqual(smoothStoredPrior(legacy, old, stats));
        expect(raw(db, 'mode').description).toBe('smoothed class shares by corridor');
        expect(raw(db, 'mode-fresh')).toEqual(fresh);
        expect(new RegistryStore(db).require('mode', 1).baseline).toEqual(raw(db, 'mode'));
      } finally {
        db.close();
      }
    } finally {
      d.cleanup();
    }
  });

  it('leaves a baseline stored smoothed as it is', () => {
    const fresh = fitBaseline(tableFromRows(rows), manifest, [0, 1, 2])!;
    expect(smoothStoredPrior(fresh, old, stats)).toBe(fresh);
  });
});
