// An external ONNX model imported as a version: its manifest built from the declared inputs, listed
// only once it loads, uses only a tabular model's operators and answers a test prediction.
import { ContractError } from '../contract/errors';
import { MANIFEST_FORMAT, type FeatureDef, type ModelManifest } from '../ml/manifest';
import { unsupportedOperators } from '../ml/onnx-operators';
import type { Cell } from '../ml/table';
import type { BlobStore } from './blobs';
import { checkSmoke, openSession, smokeRow } from './runtime';
import type { RegistryStore } from './store';
import type { VersionRecord } from './version-record';

/** An ONNX model to import, with its declared input schema (Registry.importOnnx). */
export interface OnnxImport {
  name: string;
  bytes: Uint8Array;
  sourceRef: string;
  task: 'regression' | 'binary' | 'multiclass';
  target: string;
  inputs: ({ name: string; type: 'numeric' } | { name: string; type: 'categorical'; categories: string[] })[];
  classes?: string[];
  testRow?: Record<string, Cell>;
  note: string;
}

/** Import an external ONNX model into `store`, its file into `blobs` (Registry.importOnnx). */
export async function importOnnx(store: RegistryStore, blobs: BlobStore, p: OnnxImport): Promise<VersionRecord> {
  if (p.task !== 'regression' && !p.classes)
    throw new ContractError('BAD_PAYLOAD', `A ${p.task} model needs its classes (in output column order).`, [
      { path: 'classes', message: 'is required for classifiers' },
    ]);
  if (p.task === 'binary' && p.classes!.length !== 2)
    throw new ContractError('BAD_PAYLOAD', 'A binary model has exactly 2 classes.', [
      { path: 'classes', message: 'must have 2 items' },
    ]);
  const features: FeatureDef[] = p.inputs.map((i) =>
    i.type === 'numeric'
      ? { name: i.name, source: i.name, kind: 'numeric' }
      : { name: i.name, source: i.name, kind: 'categorical', categories: i.categories },
  );
  const outputs =
    p.task === 'regression'
      ? ['prediction']
      : p.task === 'binary'
        ? [`p_${p.classes![1]}`]
        : p.classes!.map((c) => `p_${c}`);
  const manifest: ModelManifest = {
    format: MANIFEST_FORMAT,
    name: p.name,
    title: `${p.name} (imported)`,
    task: p.task,
    objective: { name: p.task === 'regression' ? 'squared' : p.task } as ModelManifest['objective'],
    target: p.target,
    ...(p.classes ? { classes: p.classes } : {}),
    outputs,
    features,
    inputs: p.inputs.map((i) => ({ name: i.name, type: i.type })),
    dateColumn: null,
    trainedAt: new Date().toISOString(),
    rows: { train: 0, valid: 0, test: 0 },
    params: {},
    spec: null,
  };
  const version = store.nextVersion(p.name);
  let refused: string[];
  try {
    refused = unsupportedOperators(p.bytes);
  } catch (err) {
    throw new ContractError('INVALID_DATA', `${p.sourceRef} is not a loadable ONNX model: ${(err as Error).message}`);
  }
  if (refused.length)
    throw new ContractError(
      'INVALID_DATA',
      `${p.sourceRef} uses operators a tabular model does not need and RakePlan does not load: ${refused.join(', ')}.`,
    );
  let session;
  try {
    session = await openSession(p.name, version, p.bytes, manifest);
  } catch (err) {
    throw new ContractError('INVALID_DATA', `${p.sourceRef} is not a loadable ONNX model: ${(err as Error).message}`);
  }
  try {
    const row = p.testRow ?? smokeRow(manifest, null);
    checkSmoke(p.name, version, await session.predict([row]), manifest);
  } catch (err) {
    throw new ContractError(
      'INVALID_DATA',
      `${p.sourceRef} loaded but its test prediction failed (declared ${features.length} inputs, ${outputs.length} output column(s)): ${(err as Error).message}`,
    );
  } finally {
    await session.close();
  }
  const blob = blobs.put(p.bytes, '.onnx');
  return store.insertVersion({
    name: p.name,
    origin: 'imported',
    spec: null,
    params: {},
    manifest,
    dataset: null,
    datasetStats: null,
    metrics: null,
    baselineMetrics: null,
    baseline: null,
    trainMs: null,
    parentVersion: null,
    note: p.note,
    sourceRef: p.sourceRef,
    fileSha256: blob.sha256,
    fileBytes: blob.bytes,
    holdoutSha256: null,
  });
}
