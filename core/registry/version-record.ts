// A registry version as stored and as a new one is written: the record the gates, drift and serving read.
import type { ModelVersionInfo } from '../contract/api/registry';
import type { TrainingSpanStats } from '../drift/feature-reference';
import type { DatasetFingerprint, DatasetStats } from '../drift/reference';
import type { ModelManifest } from '../ml/manifest';
import type { Baseline } from './baseline';

/**
 * A version as stored: the contract's ModelVersionInfo without what is computed per answer
 * (aliases, pins, gate, hasHoldout), with the full manifest, the training data's statistics,
 * baseline and holdout hash that the gates and drift read.
 */
export interface VersionRecord extends Omit<
  ModelVersionInfo,
  'manifest' | 'dataset' | 'hasHoldout' | 'aliases' | 'pins' | 'gate'
> {
  manifest: ModelManifest;
  dataset: DatasetFingerprint | null;
  datasetStats: DatasetStats | null;
  baseline: Baseline | null;
  holdoutSha256: string | null;
}

export type NewVersion = Omit<VersionRecord, 'version' | 'lastError' | 'lastErrorAt' | 'createdAt'> & {
  /** A spec-trained version's training-span statistics, which only drift reads (trainingSpan()). */
  trainingSpan?: TrainingSpanStats | null;
};
