import * as ort from 'onnxruntime-node';
import { ReasonError, reasonsOf } from '../contract/reason-error';
import type { DatasetStats } from '../drift/reference';
import { encodeTable, type ModelManifest } from '../ml/manifest';
import { COMPILED_MIN_ROWS, startBatchEngine, type EngineInfo, type InferenceEngine } from '../ml/compiled-engine';
import { toPrediction } from '../ml/onnx-session';
import { tableFromRows, type Cell } from '../ml/table';

/** The request's rows do not fit the model's inputs: the caller's mistake, never a reason to fall back. */
export class InputError extends ReasonError {}

/** Largest request served in one go: onnxruntime aborts the process on a native bad_alloc. */
export const MAX_ROWS_PER_RUN = 65_536;

export interface Session {
  name: string;
  version: number;
  manifest: ModelManifest;
  loadMs: number;
  /** Live: which engine scores batches (≥ engine.minRows rows) and why; smaller requests use onnxruntime. */
  engine: EngineInfo;
  /** Resolves once the compiled predictor has been checked against onnxruntime (or refused). */
  engineReady: Promise<EngineInfo>;
  predict(rows: readonly Record<string, Cell>[]): Promise<{
    columns: Record<string, number[]>;
    label: string[] | null;
    engine: InferenceEngine;
    engineNote: string | null;
  }>;
  close(): Promise<void>;
}

/**
 * Thin adapter over onnxruntime-node and the trainer's encoding (core/ml/manifest, onnx-session):
 * the registry loads from verified bytes rather than a model directory, because its files are
 * content-addressed blobs and the manifest lives in SQLite.
 */
export async function openSession(
  name: string,
  version: number,
  bytes: Uint8Array,
  manifest: ModelManifest,
): Promise<Session> {
  const started = performance.now();
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
  });
  const F = manifest.features.length;
  const K = manifest.outputs.length;
  const input = session.inputNames[0];
  const output = session.outputNames.includes('prediction') ? 'prediction' : session.outputNames[0];
  if (!input || !output) {
    await session.release();
    throw new ReasonError({ code: 'model-no-io', params: { model: name, version } });
  }
  const runOrt = async (x: Float32Array, n: number) =>
    (await session.run({ [input]: new ort.Tensor('float32', x, [n, F]) }))[output]!.data as Float32Array;
  const batches = startBatchEngine(bytes, F, K, runOrt);
  const types = Object.fromEntries(manifest.inputs.map((i) => [i.name, i.type]));
  return {
    name,
    version,
    manifest,
    engine: batches.info,
    engineReady: batches.ready,
    loadMs: performance.now() - started,
    async predict(rows) {
      if (rows.length > MAX_ROWS_PER_RUN)
        throw new ReasonError({
          code: 'predict-too-many-rows',
          params: { rows: rows.length, limit: MAX_ROWS_PER_RUN },
        });
      let t, x;
      try {
        t = tableFromRows(rows as Record<string, Cell>[], types, 'request');
        x = encodeTable(manifest.features, t);
      } catch (err) {
        throw new InputError(reasonsOf(err), (err as Error).message);
      }
      let raw: Float32Array | null = null;
      let used: InferenceEngine = 'onnxruntime',
        engineNote: string | null = null;
      if (t.nRows >= COMPILED_MIN_ROWS) {
        const c = await batches.score(x, t.nRows);
        raw = c.values;
        engineNote = c.note;
        if (raw) used = 'compiled-trees';
      }
      raw ??= await runOrt(x, t.nRows);
      if (raw.length !== t.nRows * K)
        throw new ReasonError({
          code: 'model-output-mismatch',
          params: { model: name, version, values: raw.length, rows: t.nRows, outputs: K },
        });
      const p = toPrediction(manifest, raw, t.nRows);
      return {
        columns: Object.fromEntries(Object.entries(p.columns).map(([k, v]) => [k, Array.from(v)])),
        label: p.label,
        engine: used,
        engineNote,
      };
    },
    close: async () => {
      batches.close();
      await batches.ready; // the load-time check may still be running on this session
      return session.release();
    },
  };
}

/**
 * A plausible input row for the smoke prediction run before a swap: medians and the most common
 * category from the training statistics when known, else zeros, the first category and today.
 */
export function smokeRow(manifest: ModelManifest, stats: DatasetStats | null): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  for (const inp of manifest.inputs) {
    const st = stats?.features.find((f) => f.name === inp.name);
    if (inp.type === 'numeric') row[inp.name] = st?.kind === 'numeric' && st.quantiles.length ? st.quantiles[5]! : 0;
    else if (inp.type === 'date')
      row[inp.name] = st?.kind === 'date' && st.to ? st.to : new Date().toISOString().slice(0, 10);
    else {
      const cats =
        st?.kind === 'categorical'
          ? Object.entries(st.counts)
              .sort((a, b) => b[1] - a[1])
              .map(([c]) => c)
          : [];
      const fromManifest = manifest.features.find((f) => f.source === inp.name && f.kind === 'categorical');
      row[inp.name] = cats[0] ?? (fromManifest?.kind === 'categorical' ? (fromManifest.categories[0] ?? null) : null);
    }
  }
  return row;
}

/** Throws naming the output when a smoke answer is not usable. */
export function checkSmoke(
  name: string,
  version: number,
  out: { columns: Record<string, number[]> },
  manifest: ModelManifest,
): void {
  for (const o of manifest.outputs) {
    const v = out.columns[o]?.[0];
    if (v === undefined || !Number.isFinite(v))
      throw new ReasonError({
        code: 'smoke-not-finite',
        params: { model: name, version, value: String(v), output: o },
      });
  }
}
