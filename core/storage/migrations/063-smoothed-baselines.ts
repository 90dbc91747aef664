import type { Migration } from '../migrate';
import type { DatasetStats } from '../../drift/reference';
import type { ModelManifest } from '../../ml/manifest';
import { smoothStoredPrior, type Baseline } from '../../registry/baseline';

/**
 * Classifier baselines stored before fitBaseline smoothed the shares, smoothed once in place from
 * each version's own manifest and dataset statistics (smoothStoredPrior): reading a version then
 * answers the stored baseline as it is, instead of smoothing it again on every read. A baseline
 * already smoothed is left as it is.
 */
export const m063SmoothedBaselines: Migration = {
  version: 63,
  name: 'smoothed baselines',
  up: (db) => {
    const rows = db
      .prepare(
        `SELECT name, version, manifest, dataset_stats, baseline FROM model_versions
          WHERE baseline IS NOT NULL AND json_extract(baseline, '$.kind') = 'prior'`,
      )
      .all() as { name: string; version: number; manifest: string; dataset_stats: string | null; baseline: string }[];
    const write = db.prepare('UPDATE model_versions SET baseline = ? WHERE name = ? AND version = ?');
    for (const r of rows) {
      const stored = JSON.parse(r.baseline) as Baseline;
      const stats = r.dataset_stats === null ? null : (JSON.parse(r.dataset_stats) as DatasetStats);
      const smoothed = smoothStoredPrior(stored, JSON.parse(r.manifest) as ModelManifest, stats);
      if (smoothed !== stored) write.run(JSON.stringify(smoothed), r.name, r.version);
    }
  },
};
