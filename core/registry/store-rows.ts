// A version's row in model_versions and an event's in model_events: the columns read, the insert,
// and the mapping between rows and records (JSON columns parsed, the manifest as the contract shows it).
import type { ManifestInfo, ModelEvent } from '../contract/api/registry';
import type { DatasetFingerprint, DatasetStats } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import type { Database } from '../storage/db';
import { smoothStoredPrior, type Baseline } from './baseline';
import type { NewVersion, VersionRecord } from './version-record';

/** Every column a VersionRecord reads: not training_span, which only drift reads (trainingSpan()). */
export const RECORD_COLUMNS = `name, version, origin, spec, params, manifest, dataset, dataset_stats, metrics, baseline_metrics,
  baseline, train_ms, parent_version, note, source_ref, file_sha256, file_bytes, holdout_sha256, last_error, last_error_at, created_at`;

export const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
export const parse = <T>(s: unknown): T | null => (typeof s === 'string' ? (JSON.parse(s) as T) : null);

/** Write a new version's row under the number `next` it was given, created at `now`. */
export function insertVersionRow(db: Database.Database, v: NewVersion, next: number, now: string): void {
  db.prepare(
    `INSERT INTO model_versions (name, version, origin, spec, params, manifest, dataset, dataset_stats, metrics,
        baseline_metrics, baseline, train_ms, parent_version, note, source_ref, file_sha256, file_bytes, holdout_sha256, training_span, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    v.name,
    next,
    v.origin,
    v.spec,
    JSON.stringify(v.params),
    JSON.stringify(v.manifest),
    json(v.dataset),
    json(v.datasetStats),
    json(v.metrics),
    json(v.baselineMetrics),
    // Stored smoothed (a baseline from an older export is not), so a read answers it as stored.
    json(smoothStoredPrior(v.baseline, v.manifest, v.datasetStats)),
    v.trainMs,
    v.parentVersion,
    v.note,
    v.sourceRef,
    v.fileSha256,
    v.fileBytes,
    v.holdoutSha256,
    json(v.trainingSpan),
    now,
  );
}

/** A model_events row as the event the contract lists. */
export const toEvent = (r: Record<string, unknown>): ModelEvent => ({
  id: r.id as number,
  name: r.name as string,
  version: r.version as number | null,
  kind: r.kind as ModelEvent['kind'],
  fromVersion: r.from_version as number | null,
  detail: parse<Record<string, unknown>>(r.detail),
  at: r.at as string,
});

export function manifestInfo(m: ModelManifest): ManifestInfo {
  return {
    title: m.title,
    task: m.task,
    target: m.target,
    outputs: m.outputs,
    ...(m.classes ? { classes: m.classes } : {}),
    inputs: m.inputs,
    features: m.features.map((f) => ({ name: f.name, kind: f.kind })),
    ...(m.trainingData ? { trainingData: m.trainingData } : {}),
  };
}

export function toRecord(r: Record<string, unknown>): VersionRecord {
  const manifest = parse<ModelManifest>(r.manifest)!;
  const datasetStats = parse<DatasetStats>(r.dataset_stats);
  return {
    name: r.name as string,
    version: r.version as number,
    origin: r.origin as VersionRecord['origin'],
    spec: r.spec as string | null,
    params: parse<Record<string, unknown>>(r.params) ?? {},
    manifest,
    dataset: parse<DatasetFingerprint>(r.dataset),
    datasetStats,
    metrics: parse<Record<string, unknown>>(r.metrics),
    baselineMetrics: parse<Record<string, unknown>>(r.baseline_metrics),
    // Stored smoothed: insertVersion smooths it, and migration 063 smoothed the older ones.
    baseline: parse<Baseline>(r.baseline),
    trainMs: r.train_ms as number | null,
    parentVersion: r.parent_version as number | null,
    note: r.note as string,
    sourceRef: r.source_ref as string | null,
    fileSha256: r.file_sha256 as string,
    fileBytes: r.file_bytes as number,
    holdoutSha256: r.holdout_sha256 as string | null,
    lastError: r.last_error as string | null,
    lastErrorAt: r.last_error_at as string | null,
    createdAt: r.created_at as string,
  };
}
