import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { COMPILED_MIN_ROWS, startBatchEngine, type EngineInfo, type InferenceEngine } from './compiled-engine';
import { encodeTable, type ModelManifest } from './manifest';
import { MODEL_FILE, readManifest, readMetrics } from './model-dir';
import type { ModelMetrics } from './pipeline-types';
import { tableFromRows, type Cell, type Table } from './table';

/** Rows per onnxruntime call: bounds the native allocation (a bad_alloc aborts the process). */
const CHUNK_ROWS = 65_536;
export const MAX_PREDICT_ROWS = 5_000_000;

export interface Prediction {
  n: number;
  /**
   * Column name → values. Regression: `prediction` (+ `p10`, `p90`… for quantile outputs).
   * Classifiers: `p_<class>` per class, and `label` holds the most likely class.
   */
  columns: Record<string, Float64Array>;
  label: string[] | null;
  /** Which engine computed these numbers. */
  engine: InferenceEngine;
  /** Why a batch the compiled predictor would take went to onnxruntime (null otherwise). */
  engineNote: string | null;
}

export type { EngineInfo, InferenceEngine };

export interface LoadedModel {
  dir: string;
  manifest: ModelManifest;
  metrics: ModelMetrics | null;
  predict(rows: readonly Record<string, Cell>[]): Promise<Prediction>;
  predictTable(t: Table): Promise<Prediction>;
  /** Raw ONNX output for an already-encoded row-major float32 matrix (n × features). */
  predictMatrix(x: Float32Array, nRows: number): Promise<Float32Array>;
  /** predictMatrix, also saying which engine served. */
  scoreMatrix(
    x: Float32Array,
    nRows: number,
  ): Promise<{ values: Float32Array; engine: InferenceEngine; engineNote: string | null }>;
  /** Live: which engine scores batches and why; settles when the load-time check ends. */
  engine: EngineInfo;
  /** Resolves once the compiled predictor has been checked (or refused). */
  engineReady: Promise<EngineInfo>;
  close(): Promise<void>;
}

export interface LoadOptions {
  /**
   * onnxruntime intra-op threads. 1 (default): exact sums in tree order, lowest single-row latency,
   * the other core stays free. 2: large batches are split by trees across both cores, so the
   * float32 sums are added in another order (measured ≤ 8e-6 absolute on a 300-tree model): the
   * trainer-parity guarantee (1e-5 relative) holds for 1 thread only.
   */
  threads?: 1 | 2;
  /**
   * 'auto' (default): batches of ≥ COMPILED_MIN_ROWS rows go to the compiled tree predictor
   * (compiled-engine.ts) when the model fits it and it reproduced onnxruntime at load.
   * 'onnxruntime': everything on onnxruntime.
   */
  engine?: 'auto' | 'onnxruntime';
}

/**
 * Load a model directory (model.onnx + manifest.json [+ metrics.json]) into an onnxruntime
 * session. One intra-op thread unless asked for two (see LoadOptions). Batches go to the compiled
 * tree predictor when it fits the model and reproduced onnxruntime at load; `engine` says which
 * engine serves batches and why, and every Prediction names the engine that computed it.
 */
export async function loadModel(dirOrFile: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const dir = dirOrFile.endsWith('.onnx') ? path.dirname(dirOrFile) : dirOrFile;
  const manifest = readManifest(dir);
  const file = path.join(dir, MODEL_FILE);
  if (!fs.existsSync(file)) throw new Error(`${dir}: ${MODEL_FILE} is missing.`);
  const threads = opts.threads ?? 1;
  const bytes = fs.readFileSync(file);
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
    // Spinning pool threads burn the core the other work needs on a 2-core desktop (measured:
    // 2 spinning threads gave fewer rows per CPU-second than 1 thread under load).
    ...(threads > 1 ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}),
  });
  const F = manifest.features.length;
  const K = manifest.outputs.length;

  async function ortMatrix(x: Float32Array, nRows: number): Promise<Float32Array> {
    const out = new Float32Array(nRows * K);
    for (let s = 0; s < nRows; s += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, nRows - s);
      const res = await session.run({ input: new ort.Tensor('float32', x.subarray(s * F, (s + m) * F), [m, F]) });
      out.set(res.prediction!.data as Float32Array, s * K);
    }
    return out;
  }

  const batches = startBatchEngine(bytes, F, K, ortMatrix, {
    ortThreads: threads,
    ...(opts.engine === 'onnxruntime' ? { off: 'turned off (engine: onnxruntime)' } : {}),
  });

  async function scoreMatrix(x: Float32Array, nRows: number) {
    if (nRows > MAX_PREDICT_ROWS)
      throw new Error(`Too many rows to score at once: ${nRows} (limit ${MAX_PREDICT_ROWS}).`);
    if (x.length !== nRows * F)
      throw new Error(`Input has ${x.length} values; expected ${nRows} rows × ${F} features.`);
    if (nRows < COMPILED_MIN_ROWS)
      return { values: await ortMatrix(x, nRows), engine: 'onnxruntime' as const, engineNote: null };
    const c = await batches.score(x, nRows);
    if (c.values) return { values: c.values, engine: 'compiled-trees' as const, engineNote: null };
    return { values: await ortMatrix(x, nRows), engine: 'onnxruntime' as const, engineNote: c.note };
  }

  async function predictTable(t: Table): Promise<Prediction> {
    const r = await scoreMatrix(encodeTable(manifest.features, t), t.nRows);
    return { ...toPrediction(manifest, r.values, t.nRows), engine: r.engine, engineNote: r.engineNote };
  }

  return {
    dir,
    manifest,
    metrics: readMetrics(dir),
    engine: batches.info,
    engineReady: batches.ready,
    scoreMatrix,
    predictTable,
    predictMatrix: async (x, n) => (await scoreMatrix(x, n)).values,
    predict: (rows) =>
      predictTable(tableFromRows(rows, Object.fromEntries(manifest.inputs.map((i) => [i.name, i.type])), 'request')),
    close: async () => {
      batches.close();
      await batches.ready; // the load-time check may still be running on this session
      return session.release();
    },
  };
}

/** ONNX output (n × outputs) → named columns; binary models also get the complementary class. */
export function toPrediction(
  m: ModelManifest,
  raw: Float32Array,
  n: number,
): Omit<Prediction, 'engine' | 'engineNote'> {
  const K = m.outputs.length;
  const columns: Record<string, Float64Array> = {};
  m.outputs.forEach((name, k) => {
    columns[name] = Float64Array.from({ length: n }, (_, i) => raw[i * K + k]!);
  });
  let label: string[] | null = null;
  if (m.classes) {
    const classes = m.classes;
    if (m.task === 'binary') {
      const p1 = columns[m.outputs[0]!]!;
      columns[`p_${classes[0]}`] = p1.map((p) => 1 - p);
      label = Array.from(p1, (p) => (p >= 0.5 ? classes[1]! : classes[0]!));
    } else {
      label = Array.from({ length: n }, (_, i) => {
        let best = 0;
        for (let k = 1; k < K; k++) if (raw[i * K + k]! > raw[i * K + best]!) best = k;
        return classes[best]!;
      });
    }
  }
  return { n, columns, label };
}
