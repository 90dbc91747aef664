/**
 * Per feature 256 bins × (grad, hess); bin 255 is the missing bin. Row counts are not kept (a
 * third channel costs a third more memory traffic in the hottest loop): a child's count is
 * estimated from its hessian share, as LightGBM does — exact when hessians are constant (then
 * the hessian channel is the count).
 */
export const BIN_SLOTS = 256;
export const STRIDE = BIN_SLOTS * 2;

/**
 * Row data a histogram is built from. Bins are kept twice: column-major for partitions (one
 * feature of many rows) and row-major, four features packed to a 32-bit word, for histograms —
 * one load gives four bin codes of a row, and a row's codes share a cache line (measured on
 * dense nodes: 1.8 against 2.4 ns per update on 1M × 20, 1.9 against 3.7 on freight-cost's 11
 * features; sparse nodes of large tables need the touch-ahead in buildRange to keep up).
 */
export interface HistData {
  /** Column-major bin codes: bins[f·nRows + i]. */
  bins: Uint8Array;
  /** Row-major codes: row i, group q is rowBins[i·nGroups + q]; byte t holds feature 4q+t (0 past the last feature). */
  rowBins: Uint32Array;
  nRows: number;
  nFeatures: number;
  /** ⌈nFeatures / 4⌉; histograms hold 4·nGroups features, the padding ones unused. */
  nGroups: number;
  /** Bins in use per feature (codes 0..nBins-1, and the missing bin). */
  nBins: Int32Array;
}

/**
 * Rows are split in two shards once per tree (rows[0..nUsed/2) and the rest; the booster deals
 * the row ids to them alternately) and a node owns one segment of each: rows[a0..a1) and
 * rows[b0..b1). Partitions stay inside a shard, so one thread can own each shard for a whole
 * tree — partitioning, summing histograms and adding leaf values — and a node's histogram is
 * always shard 0's sum plus shard 1's, whether one thread or two did the work: the trees are
 * bit-identical whatever the thread count.
 *
 * A job (JOB ints in a jobs array) is one node of a tree level: partition both its segments by a
 * split (unless FEAT is −1), then sum the histogram of one child, or of the node itself (the root).
 * A FINAL job's children are leaves of the last level: its rows are not moved, each just gets its
 * side's leaf value added to its score (one pass instead of a partition and a score pass).
 */
export const JOB = 10;
export const J = { A0: 0, A1: 1, B0: 2, B1: 3, FEAT: 4, BIN: 5, ML: 6, BUILD: 7, AMID: 8, BMID: 9 } as const;
export const BUILD = { NONE: 0, LEFT: 1, RIGHT: 2, SELF: 3, FINAL: 4 } as const;

/** FINAL jobs' leaf values (job j: left 2j, right 2j + 1) and the scores they are added to. */
export interface FinalLeaves { values: Float64Array; score: Float64Array }

/**
 * Per-row hessians, or null when every hessian is 1 (squared, absolute, quantile and Huber
 * losses): the histograms then add 1 instead of loading a value — the same sums, so the same
 * trees — and a sparse node has one cache miss less per row.
 */
export type Hessians = Float32Array | null;

export interface HistBuilder {
  /**
   * Run jobs[0..nJobs): partitions write each segment's split point to AMID/BMID, and the
   * histogram of job j (when BUILD is LEFT, RIGHT or SELF) goes to outs[j]; FINAL jobs need `final`.
   */
  runJobs(rows: Uint32Array, jobs: Int32Array, nJobs: number, grad: Float32Array, hess: Hessians, features: Int32Array, outs: (Float64Array | null)[], final?: FinalLeaves): void;
  /** score[rows[k]] += values[i] over leaf i's segments (leafSegs: a0, a1, b0, b1 per leaf). */
  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void;
  /** The array of row ids the grower partitions (shared memory when threads help). */
  rowsBuffer(): Uint32Array;
  /** Gradient and hessian arrays of `len` values (shared memory when threads help). */
  gradBuffers(len: number): { grad: Float32Array; hess: Float32Array };
  /** Raw-score array of `len` values (shared memory when threads help). */
  scoreBuffer(len: number): Float64Array;
  close(): void;
}

/** HistData over column-major bin codes (adds the packed row-major copy). */
export function histData(bins: Uint8Array, nRows: number, nFeatures: number, nBins: Int32Array): HistData {
  const nGroups = (nFeatures + 3) >> 2;
  const rowBins = new Uint32Array(nRows * nGroups);
  const bytes = new Uint8Array(rowBins.buffer);
  const width = nGroups * 4;
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) throw new Error('Histogram packing assumes a little-endian CPU.');
  for (let f = 0; f < nFeatures; f++) {
    const off = f * nRows;
    for (let i = 0, o = f; i < nRows; i++, o += width) bytes[o] = bins[off + i]!;
  }
  return { bins, rowBins, nRows, nFeatures, nGroups, nBins };
}

/** Length of one histogram buffer: 256 (grad, hess) bins per feature, padding features included. */
export function histLength(data: Pick<HistData, 'nGroups'>): number {
  return data.nGroups * 4 * STRIDE;
}

/** The 4-feature groups holding the given features, ascending, each once. */
export function featureGroups(features: Int32Array): Int32Array {
  const seen = new Set<number>();
  for (const f of features) seen.add(f >> 2);
  return Int32Array.from([...seen].sort((a, b) => a - b));
}

/** Packed bins larger than this are not expected to stay in cache between nodes. */
const CACHED_BYTES = 8 << 20;
/** A node holding less than this share of the rows is sparse: its rows are cache misses apart. */
const SPARSE_SHARE = 0.1;
/** Rows a sparse pass touches ahead of use, and in batches of how many. */
const AHEAD = 16;
const BATCH = 8;
/** Sink for the touch-ahead loads, so they are not optimised away. */
let _touched = 0;

/**
 * Accumulate rows[from..to) into out for every feature of the given groups (overwriting those
 * groups' histograms). Each row's gradient pair is loaded once for all its features, and the four
 * updates of a word land in different histograms, keeping the read-modify-write chains apart.
 */
export function buildRange(
  data: HistData, rows: Uint32Array, from: number, to: number, grad: Float32Array, hess: Hessians,
  groups: Int32Array, out: Float64Array,
): void {
  const GS = 4 * STRIDE;
  for (let t = 0; t < groups.length; t++) out.fill(0, groups[t]! * GS, (groups[t]! + 1) * GS);
  if (data.rowBins.byteLength > CACHED_BYTES && to - from < SPARSE_SHARE * data.nRows) {
    // A row's work is long enough that the CPU overlaps no more than one row's cache misses (a
    // node with 3–6 % of 1M × 20 rows took 3× longer per update than a dense one). Touching the
    // rows a batch ahead starts their misses together (measured 5.7 → 3.5 ns per update there;
    // on dense nodes the batching costs more than it saves).
    for (let k0 = from; k0 < to; k0 += BATCH) {
      _touched ^= touchRows(data, rows, k0 + AHEAD, Math.min(to, k0 + AHEAD + BATCH), grad, hess);
      addRows(data, rows, k0, Math.min(to, k0 + BATCH), grad, hess, groups, out);
    }
  } else addRows(data, rows, from, to, grad, hess, groups, out);
}

function touchRows(data: HistData, rows: Uint32Array, from: number, to: number, grad: Float32Array, hess: Hessians): number {
  const { rowBins, nGroups } = data;
  let sink = 0;
  if (hess) for (let k = from; k < to; k++) { const r = rows[k]!; sink ^= rowBins[r * nGroups]! ^ (grad[r]! > hess[r]! ? 1 : 0); }
  else for (let k = from; k < to; k++) { const r = rows[k]!; sink ^= rowBins[r * nGroups]! ^ (grad[r]! > 0 ? 1 : 0); }
  return sink;
}

function addRows(
  data: HistData, rows: Uint32Array, from: number, to: number, grad: Float32Array, hess: Hessians,
  groups: Int32Array, out: Float64Array,
): void {
  const { rowBins, nGroups, nFeatures } = data;
  const unit = hess === null;
  const hs = hess ?? grad;
  const GS = 4 * STRIDE;
  // The last group may hold fewer than four features: only its real ones are summed (13
  // features would otherwise cost 16 updates a row).
  const tail = nFeatures & 3;
  const nq = tail && groups[groups.length - 1] === nGroups - 1 ? groups.length - 1 : groups.length;
  const tb = (nGroups - 1) * GS;
  for (let k = from; k < to; k++) {
    const r = rows[k]!;
    const g = grad[r]!, h = unit ? 1 : hs[r]!;
    const rb = r * nGroups;
    for (let t = 0; t < nq; t++) {
      const q = groups[t]!;
      const w = rowBins[rb + q]!;
      const b = q * GS;
      let j = b + ((w & 255) << 1); out[j] += g; out[j + 1] += h;
      j = b + STRIDE + ((w >>> 7) & 510); out[j] += g; out[j + 1] += h;
      j = b + 2 * STRIDE + ((w >>> 15) & 510); out[j] += g; out[j + 1] += h;
      j = b + 3 * STRIDE + ((w >>> 23) & 510); out[j] += g; out[j + 1] += h;
    }
    if (nq < groups.length) {
      const w = rowBins[rb + nGroups - 1]!;
      let j = tb + ((w & 255) << 1); out[j] += g; out[j + 1] += h;
      if (tail > 1) { j = tb + STRIDE + ((w >>> 7) & 510); out[j] += g; out[j + 1] += h; }
      if (tail > 2) { j = tb + 2 * STRIDE + ((w >>> 15) & 510); out[j] += g; out[j + 1] += h; }
    }
  }
}

/**
 * out += sign · add over the given features' histograms, only over the bins in use and the
 * missing bin (a feature with 7 values has 8 live bins of 256; plant data has many such).
 */
export function addHist(out: Float64Array, add: Float64Array, features: Int32Array, nBins: Int32Array, sign: 1 | -1 = 1): void {
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const base = f * STRIDE;
    const live = base + 2 * nBins[f]!;
    const miss = base + STRIDE - 2;
    if (sign === 1) {
      for (let j = base; j < live; j++) out[j]! += add[j]!;
      out[miss]! += add[miss]!; out[miss + 1]! += add[miss + 1]!;
    } else {
      for (let j = base; j < live; j++) out[j]! -= add[j]!;
      out[miss]! -= add[miss]!; out[miss + 1]! -= add[miss + 1]!;
    }
  }
}

/** One thread's side of the work: the jobs' and leaves' segments in one shard (its scratch buffers). */
export class ShardRunner {
  private readonly tmp: Uint32Array;
  private readonly sideValues = new Float64Array(2);
  constructor(private readonly data: HistData) {
    this.tmp = new Uint32Array(data.nRows);
  }

  /** Job j's work in `shard`; its histogram goes to out. */
  runJob(shard: 0 | 1, rows: Uint32Array, jobs: Int32Array, j: number, grad: Float32Array, hess: Hessians, groups: Int32Array, out: Float64Array | null, final?: FinalLeaves): void {
    const o = j * JOB;
    const lo = jobs[o + (shard ? J.B0 : J.A0)]!, hi = jobs[o + (shard ? J.B1 : J.A1)]!;
    const feat = jobs[o + J.FEAT]!;
    const build = jobs[o + J.BUILD]!;
    if (build === BUILD.FINAL) {
      if (!final) throw new Error('A FINAL job needs its leaf values and scores.');
      this.addSideValues(rows, lo, hi, feat, jobs[o + J.BIN]!, jobs[o + J.ML] === 1, final.values[2 * j]!, final.values[2 * j + 1]!, final.score);
      return;
    }
    let mid = hi;
    if (feat >= 0) {
      mid = this.partition(rows, lo, hi, feat, jobs[o + J.BIN]!, jobs[o + J.ML] === 1);
      jobs[o + (shard ? J.BMID : J.AMID)] = mid;
    }
    if (build === BUILD.NONE || !out) return;
    if (build === BUILD.LEFT) buildRange(this.data, rows, lo, mid, grad, hess, groups, out);
    else if (build === BUILD.RIGHT) buildRange(this.data, rows, mid, hi, grad, hess, groups, out);
    else buildRange(this.data, rows, lo, hi, grad, hess, groups, out);
  }

  /** score[r] += the value of r's side of the split, for rows[start..end). */
  private addSideValues(rows: Uint32Array, start: number, end: number, feature: number, splitBin: number, missingLeft: boolean, vl: number, vr: number, score: Float64Array): void {
    const { bins, nRows } = this.data;
    const off = feature * nRows;
    const ml = missingLeft ? 1 : 0;
    const v = this.sideValues;
    v[0] = vr; v[1] = vl;
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const b = bins[off + r]!;
      score[r]! += v[((b - splitBin - 1) >>> 31) | (((b + 1) >> 8) & ml)]!;
    }
  }

  addLeafValues(shard: 0 | 1, rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, nLeaves: number, score: Float64Array): void {
    for (let i = 0; i < nLeaves; i++) {
      const v = values[i]!;
      const lo = leafSegs[4 * i + (shard ? 2 : 0)]!, hi = leafSegs[4 * i + (shard ? 3 : 1)]!;
      for (let k = lo; k < hi; k++) score[rows[k]!]! += v;
    }
  }

  /**
   * Stable in-place partition of rows[start..end): left when bin ≤ splitBin, or missing and
   * missingLeft. Branch-free — each row is written to both outputs and only the chosen cursor
   * advances (a branch mispredicted half the time) — and the side is computed, not looked up
   * in a table (the table load made the loop 2× slower, measured 7 → 3.5 ns per row).
   */
  private partition(rows: Uint32Array, start: number, end: number, feature: number, splitBin: number, missingLeft: boolean): number {
    const { bins, nRows } = this.data;
    const off = feature * nRows;
    const ml = missingLeft ? 1 : 0;
    const tmp = this.tmp;
    let l = start;
    let rc = 0;
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const b = bins[off + r]!;
      // b ≤ splitBin, or b is the missing bin 255 ((b + 1) >> 8 is 1 only there) and missing goes left.
      const left = ((b - splitBin - 1) >>> 31) | (((b + 1) >> 8) & ml);
      rows[l] = r;
      tmp[rc] = r;
      l += left;
      rc += 1 - left;
    }
    rows.set(tmp.subarray(0, rc), l);
    return l;
  }
}

/** Both shards on this thread, shard 0 first (the order the two-thread builder adds them in). */
export class SerialHistBuilder implements HistBuilder {
  private readonly rows: Uint32Array;
  private readonly half: Float64Array;
  private readonly runner: ShardRunner;
  private readonly nBins: Int32Array;
  constructor(data: HistData) {
    this.nBins = data.nBins;
    this.rows = new Uint32Array(data.nRows);
    this.half = new Float64Array(histLength(data));
    this.runner = new ShardRunner(data);
  }
  rowsBuffer(): Uint32Array {
    return this.rows;
  }
  gradBuffers(len: number) {
    return { grad: new Float32Array(len), hess: new Float32Array(len) };
  }
  scoreBuffer(len: number): Float64Array {
    return new Float64Array(len);
  }
  runJobs(rows: Uint32Array, jobs: Int32Array, nJobs: number, grad: Float32Array, hess: Hessians, features: Int32Array, outs: (Float64Array | null)[], final?: FinalLeaves): void {
    const groups = featureGroups(features);
    for (let j = 0; j < nJobs; j++) {
      const out = outs[j] ?? null;
      this.runner.runJob(0, rows, jobs, j, grad, hess, groups, out, final);
      this.runner.runJob(1, rows, jobs, j, grad, hess, groups, out && this.half, final);
      if (out) addHist(out, this.half, features, this.nBins);
    }
  }
  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void {
    this.runner.addLeafValues(0, rows, leafSegs, values, values.length, score);
    this.runner.addLeafValues(1, rows, leafSegs, values, values.length, score);
  }
  close(): void {}
}
