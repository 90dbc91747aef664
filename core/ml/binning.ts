import { Rng } from './rng';

/** Bin 255 holds missing values (NaN); real values use bins 0..nBins-1 (nBins ≤ 255). */
export const MISSING_BIN = 255;
export const MAX_BINS = 255;

/**
 * One feature's bins: bin b holds values in (upper[b-1], upper[b]]. Upper bounds are float32
 * values because onnxruntime compares float32 inputs with float32 thresholds: a split "bin ≤ b"
 * is exported as `x ≤ upper[b]` (BRANCH_LEQ) and partitions rows exactly as in training.
 */
export interface FeatureBins {
  upper: Float32Array; // length nBins; the last is +Infinity
}

/**
 * Quantile bin boundaries from (a sample of) a column's non-missing values. Few distinct values
 * get one bin each, split at float32 midpoints; many get ≤ maxBins quantile bins.
 */
export function fitBins(values: Float32Array, maxBins: number, rng: Rng, sampleSize = 200_000): FeatureBins {
  if (maxBins < 2 || maxBins > MAX_BINS) throw new Error(`maxBins must be between 2 and ${MAX_BINS}, got ${maxBins}`);
  let sample: Float32Array;
  if (values.length > sampleSize) {
    sample = new Float32Array(sampleSize);
    for (let i = 0; i < sampleSize; i++) sample[i] = values[rng.int(values.length)]!;
  } else sample = values.slice();
  const finite = sample.filter((v) => !Number.isNaN(v)).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < finite.length; i++) {
    if (i === 0 || finite[i] !== finite[i - 1]) {
      distinct.push(finite[i]!);
      counts.push(1);
    } else counts[counts.length - 1]!++;
  }
  const upper: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) upper.push(midpoint(distinct[i]!, distinct[i + 1]!));
  } else {
    // Walk the distinct values, closing a bin once it holds its share of the remaining rows.
    let remaining = finite.length;
    let binsLeft = maxBins;
    let acc = 0;
    for (let i = 0; i + 1 < distinct.length && binsLeft > 1; i++) {
      acc += counts[i]!;
      if (acc >= remaining / binsLeft) {
        upper.push(midpoint(distinct[i]!, distinct[i + 1]!));
        remaining -= acc;
        acc = 0;
        binsLeft--;
      }
    }
  }
  upper.push(Infinity);
  return { upper: Float32Array.from(upper) };
}

/** A float32 threshold t with a ≤ t < b (a < b both float32). */
function midpoint(a: number, b: number): number {
  const m = Math.fround(a + (b - a) / 2);
  return m >= b || m < a ? a : m;
}

/** The bin of one value: first b with x ≤ upper[b]; NaN → MISSING_BIN. */
export function binOf(upper: Float32Array, x: number): number {
  if (Number.isNaN(x)) return MISSING_BIN;
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Bin a column-major float32 matrix (nRows × nFeatures) into uint8 codes, column-major, so a
 * feature's bins are contiguous: rows × features bytes in all.
 */
export function binMatrix(x: Float32Array, nRows: number, bins: FeatureBins[]): Uint8Array {
  const out = new Uint8Array(nRows * bins.length);
  for (let f = 0; f < bins.length; f++) {
    const upper = bins[f]!.upper;
    const off = f * nRows;
    if (upper.length <= 16) {
      for (let i = 0; i < nRows; i++) {
        const v = x[off + i]!;
        if (v !== v) { out[off + i] = MISSING_BIN; continue; }
        let b = 0;
        while (v > upper[b]!) b++;
        out[off + i] = b;
      }
    } else {
      for (let i = 0; i < nRows; i++) out[off + i] = binOf(upper, x[off + i]!);
    }
  }
  return out;
}
