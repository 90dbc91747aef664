import { describe, expect, it } from 'vitest';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { openDatabase } from '../storage/db';
import { MIGRATIONS } from '../storage/migrations';
import { m064DriftHistoryNouns } from '../storage/migrations/064-drift-history-nouns';
import { tempDir } from '../../tests/helpers/tmp';

const few = (noun: string): ErrorReason => ({
  code: 'drift-few-history',
  params: { n: 3, noun, after: '2025-03-01', min: 30, model: 'demand@2' },
});
const report = (reasons?: ErrorReason[]) => ({
  name: 'demand',
  version: 2,
  status: 'no-data',
  samples: 0,
  features: [],
  thresholds: { psiWarn: 0.1, psiDrift: 0.25, ksPValue: 0.01, minSamples: 30 },
  trigger: 'manual',
  createdAt: '2025-03-10T00:00:00Z',
  message:
    '3 daily demand records recorded after 2025-03-01; at least 30 are needed to compare with what demand@2 learned from.',
  ...(reasons ? { reasons } : {}),
});

describe('drift reports stored with English history nouns', () => {
  it('are rewritten to the table codes by migration 064, once, leaving everything else as it was', () => {
    const d = tempDir('rp-drift-nouns-');
    try {
      const before = openDatabase(
        d.dir,
        MIGRATIONS.filter((m) => m.version < m064DriftHistoryNouns.version),
      ).db;
      const insert = before.prepare(
        `INSERT INTO drift_reports (name, version, status, report, trigger, created_at)
          VALUES ('demand', 2, 'no-data', ?, 'manual', '2025-03-10T00:00:00Z')`,
      );
      const stored = [
        report([few('daily demand records')]),
        report([few('rake placements'), few('loading events')]),
        report([few('loading_events')]), // stored with its code already
        report(),
      ];
      for (const r of stored) insert.run(JSON.stringify(r));
      before.close();

      const { db, migrated } = openDatabase(d.dir);
      try {
        expect(migrated.applied).toContain('64-drift history nouns');
        const read = () =>
          (db.prepare('SELECT report FROM drift_reports ORDER BY id').all() as { report: string }[]).map(
            (r) => JSON.parse(r.report) as ReturnType<typeof report>,
          );
        const after = read();
        expect(after).toEqual([
          report([few('demand')]),
          report([few('rake_placements'), few('loading_events')]),
          stored[2],
          stored[3],
        ]);
        // The English the report was stored with is what its codes read as.
        expect(reasonText(after[0]!.reasons![0]!)).toBe(stored[0]!.message);
        // Again: nothing left to rewrite.
        db.transaction(() => (m064DriftHistoryNouns.up as (x: typeof db) => void)(db))();
        expect(read()).toEqual(after);
      } finally {
        db.close();
      }
    } finally {
      d.cleanup();
    }
  });
});
