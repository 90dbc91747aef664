import type { BoostedModel } from './booster';

/**
 * The trainer's own predictions from raw feature values, computed the way onnxruntime computes
 * the exported graph: float32 thresholds, float32 leaf values summed tree by tree in float32,
 * then the base score, then the link (sigmoid/softmax). This is what evaluation reports, so the
 * metrics describe the model that ships.
 *
 * x is row-major (x[i·nFeatures + f]), as fed to onnxruntime. Returns row-major scores:
 * n × outputs (probability of class 1 for binary, class probabilities for multiclass).
 */
export function predictRowMajor(model: BoostedModel, x: Float32Array, nRows: number, raw = false): Float32Array {
  const F = model.nFeatures;
  const K = model.outputs;
  const out = new Float32Array(nRows * K);
  const acc = new Float32Array(K);
  for (let i = 0; i < nRows; i++) {
    acc.fill(0);
    const row = i * F;
    for (const t of model.trees) {
      let j = 0;
      while (t.left[j] !== -1) {
        const v = x[row + t.feature[j]!]!;
        j = (v !== v ? t.missingLeft[j] === 1 : v <= t.threshold[j]!) ? t.left[j]! : t.right[j]!;
      }
      acc[t.output] = acc[t.output]! + t.value[j]!; // Float32Array store rounds like ORT's float sum
    }
    for (let k = 0; k < K; k++) out[i * K + k] = acc[k]! + Math.fround(model.baseScore[k]!);
  }
  if (raw) return out;
  // Float32 at each step, as the exported Neg → Exp → Add → Reciprocal chain computes it.
  if (model.objective === 'binary')
    for (let i = 0; i < nRows; i++) out[i] = 1 / Math.fround(1 + Math.fround(Math.exp(-out[i]!)));
  if (model.objective === 'multiclass') {
    for (let i = 0; i < nRows; i++) {
      let m = -Infinity;
      for (let k = 0; k < K; k++) m = Math.max(m, out[i * K + k]!);
      let z = 0;
      const e = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        e[k] = Math.exp(out[i * K + k]! - m);
        z += e[k]!;
      }
      for (let k = 0; k < K; k++) out[i * K + k] = e[k]! / z;
    }
  }
  return out;
}

/** Column-major (training layout) → row-major (inference layout). */
export function toRowMajor(x: Float32Array, nRows: number, nFeatures: number): Float32Array {
  const out = new Float32Array(nRows * nFeatures);
  for (let f = 0; f < nFeatures; f++) for (let i = 0; i < nRows; i++) out[i * nFeatures + f] = x[f * nRows + i]!;
  return out;
}
