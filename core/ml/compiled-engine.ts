import { compileTrees, float32Below, type CompiledTrees } from './compiled-trees';
import { Mode, readTreeEnsemble, type TreeEnsembleSpec } from './onnx-trees';
import { createRng } from '../synth/prng';
import { newModelId, treePool } from './tree-pool';

/** Which code computed a prediction. */
export type InferenceEngine = 'onnxruntime' | 'compiled-trees';

/**
 * Batches from this many rows go to the compiled predictor; smaller ones (single rows, short
 * requests) stay on onnxruntime, whose in-process call beats a hand-off to a worker thread below
 * about this size (bench/infer.ts; bench/RESULTS.md, "Figures behind choices in the code").
 */
export const COMPILED_MIN_ROWS = 64;
/** From this many rows a batch is split across both worker threads. */
export const COMPILED_TWO_THREAD_ROWS = 4096;
/** Rows per hand-off to the workers. */
const CHUNK_ROWS = 1 << 20;
/** Rows the compiled predictor must reproduce before it may serve (boundary values and NaNs). */
export const VERIFY_ROWS = 2048;

export interface CompiledEngine {
  trees: CompiledTrees;
  /** Rows compared with onnxruntime at load, all equal (raw scores) or within 1e-6 (links). */
  verifiedRows: number;
  score(x: Float32Array, nRows: number, threads?: 1 | 2): Promise<Float32Array>;
  close(): void;
}

/** How a loaded model scores: small requests always on onnxruntime, batches as said here. */
export interface EngineInfo {
  /** The engine for batches of ≥ minRows rows ('onnxruntime' while the check is still running). */
  batch: InferenceEngine;
  minRows: number;
  /** Why batches are on onnxruntime: still being checked, unsupported model, disagreement at load, no worker, or turned off. */
  reason: string | null;
  /** Rows on which the compiled predictor reproduced onnxruntime at load (0 if not compiled). */
  verifiedRows: number;
  /** false until the load-time check has finished. */
  settled: boolean;
}

/**
 * The batch side of a loaded model. The compiled predictor is read, compiled and checked in the
 * background right after the onnxruntime session opens, so loading (and the first single-row
 * request) never waits for it; the first batch does, once (~100–300 ms). `info` is live.
 */
export interface BatchEngine {
  info: EngineInfo;
  ready: Promise<EngineInfo>;
  /** Compiled scores for a batch, or null values (and the reason) when onnxruntime must score it. */
  score(x: Float32Array, nRows: number): Promise<{ values: Float32Array | null; note: string | null }>;
  close(): void;
}

export function startBatchEngine(
  bytes: Uint8Array,
  nFeatures: number,
  nOutputs: number,
  runOrt: (x: Float32Array, n: number) => Promise<Float32Array>,
  opts: { off?: string; ortThreads?: number } = {},
): BatchEngine {
  const info: EngineInfo = {
    batch: 'onnxruntime',
    minRows: COMPILED_MIN_ROWS,
    reason: 'the compiled predictor is still being checked',
    verifiedRows: 0,
    settled: false,
  };
  let engine: CompiledEngine | null = null;
  let closed = false;
  const ready = (
    opts.off
      ? Promise.resolve<Prepared>({ engine: null, reason: opts.off })
      : prepareCompiled(bytes, nFeatures, nOutputs, runOrt, opts.ortThreads)
  )
    .catch((err: unknown): Prepared => ({
      engine: null,
      reason: `the compiled predictor could not be prepared (${(err as Error).message})`,
    }))
    .then((p) => {
      engine = p.engine;
      if (closed) engine?.close();
      Object.assign(info, {
        batch: engine ? 'compiled-trees' : 'onnxruntime',
        reason: p.reason,
        verifiedRows: engine?.verifiedRows ?? 0,
        settled: true,
      });
      return info;
    });
  return {
    info,
    ready,
    async score(x, nRows) {
      await ready;
      if (!engine || closed) return { values: null, note: info.reason ?? 'the model was closed' };
      try {
        if (nRows <= CHUNK_ROWS) return { values: await engine.score(x, nRows), note: null };
        // Bounded shared copies for huge batches (5M rows × 100 features would be 2 GB at once).
        const F = nFeatures,
          out = new Float32Array(nRows * nOutputs);
        for (let s = 0; s < nRows; s += CHUNK_ROWS) {
          const m = Math.min(CHUNK_ROWS, nRows - s);
          out.set(await engine.score(x.subarray(s * F, (s + m) * F), m), s * nOutputs);
        }
        return { values: out, note: null };
      } catch (err) {
        return { values: null, note: `the compiled predictor failed on this batch (${(err as Error).message})` };
      }
    },
    close() {
      closed = true;
      (engine as CompiledEngine | null)?.close();
    },
  };
}

export type Prepared = { engine: CompiledEngine; reason: null } | { engine: null; reason: string };

/**
 * Read the tree ensemble back from the ONNX bytes onnxruntime loaded, compile it, and check it
 * against onnxruntime (`runOrt`, the same session that serves single rows) on generated rows.
 * Any refusal, mismatch or failure returns the reason instead, and batches stay on onnxruntime.
 */
export async function prepareCompiled(
  bytes: Uint8Array,
  nFeatures: number,
  nOutputs: number,
  runOrt: (x: Float32Array, n: number) => Promise<Float32Array>,
  ortThreads = 1,
): Promise<Prepared> {
  try {
    treePool().warm();
  } catch (err) {
    return { engine: null, reason: `the compiled predictor's worker is unavailable (${(err as Error).message})` };
  }
  const read = readTreeEnsemble(bytes);
  if (!read.ok) return { engine: null, reason: `unsupported ONNX for the compiled predictor: ${read.reason}` };
  const spec = read.spec;
  if (spec.nTargets !== nOutputs)
    return { engine: null, reason: `the ensemble has ${spec.nTargets} targets but the manifest ${nOutputs} outputs` };
  if (spec.nFeatures > nFeatures)
    return { engine: null, reason: `the ensemble reads ${spec.nFeatures} features but the manifest has ${nFeatures}` };
  const compiled = compileTrees({ ...spec, nFeatures });
  if (!compiled.ok) return { engine: null, reason: `cannot compile: ${compiled.reason}` };
  const trees = compiled.trees;
  const modelId = newModelId();
  const engine: CompiledEngine = {
    trees,
    verifiedRows: 0,
    score: (x, n, threads) =>
      treePool().score(modelId, trees, x, n, threads ?? (n >= COMPILED_TWO_THREAD_ROWS ? 2 : 1)),
    close: () => treePool().forget(modelId),
  };
  try {
    const x = verificationRows(spec, nFeatures, VERIFY_ROWS);
    const [want, got] = await Promise.all([runOrt(x, VERIFY_ROWS), engine.score(x, VERIFY_ROWS, 2)]);
    // One onnxruntime thread sums in tree order, as we do: equal bits. Several threads sum trees in
    // another order (≤ 1e-5 of the score, onnx-session.ts); the links use onnxruntime's own exp.
    const tol = ortThreads > 1 ? 1e-5 : spec.link === 'none' ? 0 : 1e-6;
    const diff = firstMismatch(want, got, tol, nOutputs, ortThreads > 1 ? 1 : 0);
    if (diff) {
      engine.close();
      return {
        engine: null,
        reason: `the compiled predictor disagreed with onnxruntime at load (${diff}); batches stay on onnxruntime`,
      };
    }
  } catch (err) {
    engine.close();
    return { engine: null, reason: `the compiled predictor could not run (${(err as Error).message})` };
  }
  engine.verifiedRows = VERIFY_ROWS;
  return { engine, reason: null };
}

/** null when every value agrees: exactly (tol 0, NaN = NaN) or within tol × max(|want|, floor). */
export function firstMismatch(want: Float32Array, got: Float32Array, tol: number, K: number, floor = 0): string | null {
  if (want.length !== got.length) return `${got.length} values instead of ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const a = want[i]!,
      b = got[i]!;
    const same = a === b || (a !== a && b !== b) || (tol > 0 && Math.abs(a - b) <= tol * Math.max(Math.abs(a), floor));
    if (!same) return `row ${Math.floor(i / K) + 1}, output ${i % K}: onnxruntime ${a}, compiled ${b}`;
  }
  return null;
}

/**
 * Rows that probe every split: each value is a threshold of that feature, the float32 just above
 * or below one, NaN (15 %), ±∞ (2 %) or a value outside the thresholds' range; the first row is
 * all NaN. Seeded, so a refusal is reproducible.
 */
export function verificationRows(spec: TreeEnsembleSpec, F: number, n: number): Float32Array {
  const thresholds: number[][] = Array.from({ length: F }, () => []);
  const nd = spec.nodes;
  for (let i = 0; i < nd.mode.length; i++)
    if (nd.mode[i] !== Mode.LEAF) thresholds[nd.feature[i]!]!.push(nd.threshold[i]!);
  const rng = createRng(20_261_122);
  const x = new Float32Array(n * F);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      const ts = thresholds[f]!;
      const u = rng.next();
      let v: number;
      if (i === 0 || u < 0.15) v = NaN;
      else if (u < 0.17) v = rng.next() < 0.5 ? Infinity : -Infinity;
      else if (ts.length === 0) v = rng.next() * 100 - 50;
      else {
        const t = ts[rng.index(ts.length)]!;
        const w = rng.next();
        v =
          w < 0.4
            ? t
            : w < 0.6
              ? float32Below(t)
              : w < 0.8
                ? -float32Below(-t)
                : t + (rng.next() - 0.5) * 2 * (Math.abs(t) + 1);
      }
      x[i * F + f] = v;
    }
  }
  return x;
}
