import type { Rng } from '../synth/prng';

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
 * get one bin each, split at float32 midpoints; many get ≤ maxBins quantile bins. Columns longer
 * than sampleSize are fitted on sampleSize values drawn with replacement (LightGBM's
 * bin_construct_sample_cnt, also 200,000): the bins stay ≤ maxBins quantiles and depend only on
 * the column and the generator's state.
 */
export function fitBins(values: Float32Array, maxBins: number, rng: Rng, sampleSize = 200_000): FeatureBins {
  if (maxBins < 2 || maxBins > MAX_BINS) throw new Error(`maxBins must be between 2 and ${MAX_BINS}, got ${maxBins}`);
  const draw = values.length > sampleSize;
  const m = draw ? sampleSize : values.length;
  const finite = new Float32Array(m);
  let nf = 0;
  for (let i = 0; i < m; i++) {
    const v = values[draw ? rng.index(values.length) : i]!;
    if (v === v) finite[nf++] = v;
  }
  const { distinct, counts, nd } = fewDistinct(finite.subarray(0, nf)) ?? sortedDistinct(finite.subarray(0, nf));
  const upper: number[] = [];
  if (nd <= maxBins) {
    for (let i = 0; i + 1 < nd; i++) upper.push(midpoint(distinct[i]!, distinct[i + 1]!));
  } else {
    // Walk the distinct values, closing a bin once it holds its share of the remaining rows.
    let remaining = nf;
    let binsLeft = maxBins;
    let acc = 0;
    for (let i = 0; i + 1 < nd && binsLeft > 1; i++) {
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

interface Distinct {
  distinct: Float64Array;
  counts: Int32Array;
  nd: number;
}

/** Distinct values ascending, with counts (−0 and 0 are one value, written −0 when the sample has one, as a sort puts it first). */
function sortedDistinct(v: Float32Array): Distinct {
  sortFloat32(v);
  const distinct = new Float64Array(v.length);
  const counts = new Int32Array(v.length);
  let nd = 0;
  for (let i = 0; i < v.length; i++) {
    if (i === 0 || v[i] !== v[i - 1]) {
      distinct[nd] = v[i]!;
      counts[nd++] = 1;
    } else counts[nd - 1]!++;
  }
  return { distinct, counts, nd };
}

/** Most plant columns (codes, counts, calendar fields) hold few values: counted in a hash table, they need no sort. */
const FEW_DISTINCT = 1024;
const TABLE_BITS = 12;

/** sortedDistinct's result from a hash count when there are at most FEW_DISTINCT values (~8× faster), else null. */
function fewDistinct(v: Float32Array): Distinct | null {
  const bits = new Uint32Array(v.buffer, v.byteOffset, v.length);
  const keys = new Uint32Array(1 << TABLE_BITS);
  const tally = new Int32Array(1 << TABLE_BITS);
  const mask = (1 << TABLE_BITS) - 1;
  let nd = 0;
  let negZero = false;
  for (let i = 0; i < bits.length; i++) {
    let b = bits[i]!;
    if (b === 0x80000000) {
      negZero = true;
      b = 0;
    }
    let h = Math.imul(b, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (tally[h]! > 0 && keys[h] !== b) h = (h + 1) & mask;
    if (tally[h] === 0) {
      if (++nd > FEW_DISTINCT) return null;
      keys[h] = b;
    }
    tally[h]!++;
  }
  const order = new Float64Array(nd);
  const f32 = new Float32Array(keys.buffer);
  for (let h = 0, k = 0; h <= mask; h++) if (tally[h]! > 0) order[k++] = f32[h]!;
  order.sort();
  const counts = new Int32Array(nd);
  const one = new Float32Array(1);
  const oneBits = new Uint32Array(one.buffer);
  for (let i = 0; i < nd; i++) {
    one[0] = order[i]!;
    const b = oneBits[0]!;
    let h = Math.imul(b, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (keys[h] !== b || tally[h] === 0) h = (h + 1) & mask;
    counts[i] = tally[h]!;
    if (order[i] === 0 && negZero) order[i] = -0;
  }
  return { distinct: order, counts, nd };
}

/** Order-preserving unsigned key of a float32's bits (negative values flipped). */
function floatKey(bits: number): number {
  return (bits ^ ((bits >> 31) | 0x80000000)) >>> 0;
}

/** Radix digits of the sort: three passes of 11, 11 and 10 bits. */
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;

/**
 * Sort non-NaN float32 values ascending in place: LSD radix sort on their keys, the three digit
 * counts taken in one pass (an order of magnitude faster than Float32Array.sort, and faster than
 * four 8-bit passes: bench/RESULTS.md, "Figures behind choices in the code").
 */
function sortFloat32(v: Float32Array): void {
  const n = v.length;
  if (n < 2) return;
  let a = new Uint32Array(n);
  const bits = new Uint32Array(v.buffer, v.byteOffset, n);
  const count = new Int32Array(3 * DIGITS);
  for (let i = 0; i < n; i++) {
    const k = floatKey(bits[i]!);
    a[i] = k;
    count[k & (DIGITS - 1)]!++;
    count[DIGITS + ((k >>> DIGIT_BITS) & (DIGITS - 1))]!++;
    count[2 * DIGITS + (k >>> (2 * DIGIT_BITS))]!++;
  }
  let b = new Uint32Array(n);
  for (let p = 0; p < 3; p++) {
    const base = p * DIGITS,
      shift = p * DIGIT_BITS;
    if (count[base + ((a[0]! >>> shift) & (DIGITS - 1))] === n) continue; // all share this digit
    for (let d = 0, pos = 0; d < DIGITS; d++) {
      const c = count[base + d]!;
      count[base + d] = pos;
      pos += c;
    }
    for (let i = 0; i < n; i++) {
      const k = a[i]!;
      b[count[base + ((k >>> shift) & (DIGITS - 1))]!++] = k;
    }
    const t = a;
    a = b;
    b = t;
  }
  for (let i = 0; i < n; i++) {
    const k = a[i]!;
    bits[i] = (k & 0x80000000 ? k ^ 0x80000000 : ~k) >>> 0;
  }
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
 * feature's bins are contiguous: rows × features bytes in all. A value's bin starts from a table
 * indexed by the top 16 bits of its float key (the first bin that can hold any value with that
 * prefix) and steps up while the value exceeds the bound — usually zero or one step, where a
 * binary search mispredicts about half its eight branches (several times slower). With
 * `shardOrder`, each column is written in the trainer's row order: odd rows, then even ones
 * (booster.ts, slotOf).
 */
export function binMatrix(
  x: Float32Array,
  nRows: number,
  bins: FeatureBins[],
  out: Uint8Array<ArrayBufferLike> = new Uint8Array(nRows * bins.length),
  shardOrder = false,
): Uint8Array<ArrayBufferLike> {
  const xb = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const start = new Uint8Array(1 << 16);
  for (let f = 0; f < bins.length; f++) {
    const upper = bins[f]!.upper;
    // start[p] = number of bounds whose key prefix is below p.
    start.fill(0);
    let p = 0;
    for (let b = 0; b < upper.length; b++) {
      const kp = floatKey(new Uint32Array(Float32Array.of(upper[b]!).buffer)[0]!) >>> 16;
      for (; p <= kp; p++) start[p] = b;
    }
    for (; p < 1 << 16; p++) start[p] = upper.length - 1;
    const off = f * nRows;
    const code = (i: number) => {
      const v = x[off + i]!;
      let b = start[floatKey(xb[off + i]!) >>> 16]!;
      while (v > upper[b]!) b++;
      return v === v ? b : MISSING_BIN;
    };
    if (!shardOrder) {
      for (let i = 0; i < nRows; i++) out[off + i] = code(i);
      continue;
    }
    const half = nRows >> 1;
    for (let i = 0; i < half; i++) {
      out[off + i] = code(2 * i + 1);
      out[off + half + i] = code(2 * i);
    }
    if (nRows & 1) out[off + nRows - 1] = code(nRows - 1);
  }
  return out;
}
