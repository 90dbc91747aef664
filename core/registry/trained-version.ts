// A trained model directory registered as a version: its file and metrics, and from the training
// table its dataset fingerprint, reference statistics, naive baseline and holdout rows.
import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../contract/errors';
import { fingerprint, type DatasetFingerprint } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import { MODEL_FILE, readManifest, readMetrics } from '../ml/model-dir';
import type { Table } from '../ml/table';
import { fitBaseline } from './baseline';
import type { BlobStore } from './blobs';
import { inputStats, trainingSpan } from './input-stats';
import type { RegistryStore } from './store';
import { rowsOf, splitLikeTrainer } from './training-data';
import type { NewVersion, VersionRecord } from './version-record';

const HOLDOUT_MAX_ROWS = 20_000;

/** What Registry.registerDir takes besides the folder. */
export interface RegisterDirOptions {
  note?: string;
  parentVersion?: number;
  table?: Table;
  /** `table`'s fingerprint when the caller has already taken it. */
  dataset?: DatasetFingerprint;
  tableSource?: string;
  asCandidate?: boolean;
}

/** Register a trained model directory in `store`, its files in `blobs` (Registry.registerDir). */
export function registerDir(
  store: RegistryStore,
  blobs: BlobStore,
  dir: string,
  opts: RegisterDirOptions,
): VersionRecord {
  const manifest = readManifest(dir);
  const metrics = readMetrics(dir);
  const file = path.join(dir, MODEL_FILE);
  if (!fs.existsSync(file)) throw new ContractError('NOT_FOUND', `${dir}: ${MODEL_FILE} is missing.`);
  const blob = blobs.put(fs.readFileSync(file), '.onnx');
  // Registering the same trained file twice (training registers it; a planner may too) is one version.
  const existing = store.findByFile(manifest.name, blob.sha256);
  if (existing) return existing;
  let extras: Pick<NewVersion, 'dataset' | 'datasetStats' | 'baseline' | 'holdoutSha256' | 'trainingSpan'> = {
    dataset: null,
    datasetStats: null,
    baseline: null,
    holdoutSha256: null,
  };
  if (opts.table) extras = fromTable(blobs, opts.table, manifest, opts.dataset);
  const rec = store.insertVersion({
    name: manifest.name,
    origin: 'trained',
    spec: manifest.spec,
    params: manifest.params,
    manifest,
    ...extras,
    metrics: metrics
      ? {
          primary: metrics.primary,
          test: metrics.test,
          quantiles: metrics.quantiles,
          rows: metrics.rows,
          importance: metrics.importance.slice(0, 20),
        }
      : null,
    baselineMetrics: metrics?.baseline ? { ...metrics.baseline } : null,
    trainMs: metrics?.trainMs ?? null,
    parentVersion: opts.parentVersion ?? store.alias(manifest.name, 'production'),
    note: opts.note ?? '',
    sourceRef: sourceRefOf(dir, opts.tableSource),
    fileSha256: blob.sha256,
    fileBytes: blob.bytes,
  });
  if (opts.asCandidate !== false) store.setAlias(rec.name, 'candidate', rec.version, 'candidate', null);
  return rec;
}

function fromTable(
  blobs: BlobStore,
  t: Table,
  m: ModelManifest,
  dataset = fingerprint(t, m.dateColumn),
): Pick<NewVersion, 'dataset' | 'datasetStats' | 'baseline' | 'holdoutSha256' | 'trainingSpan'> {
  const split = splitLikeTrainer(t, m);
  const inputs = m.inputs.map((i) => i.name);
  // Every column, not only this version's inputs: a later version with other inputs is scored on it too.
  const holdout = rowsOf(
    t,
    split.test.slice(-HOLDOUT_MAX_ROWS),
    t.columns.map((c) => c.name),
  );
  const hold = blobs.put(Buffer.from(JSON.stringify(holdout)), '.json');
  return {
    dataset,
    datasetStats: inputStats(t, m, inputs),
    trainingSpan: trainingSpan(t, m, inputs),
    baseline: fitBaseline(t, m, split.train),
    holdoutSha256: hold.sha256,
  };
}

/** A version's source as recorded: the folder it was registered from, and the data it was scored on. */
const sourceRefOf = (dir: string, tableSource?: string): string =>
  tableSource ? `${dir} (data: ${tableSource})` : dir;

/** The folder a version was registered from, read back from its recorded source. */
export const sourceDirOf = (sourceRef: string): string => sourceRef.split(' (data: ')[0]!;
