/**
 * How histograms and the rows they are built from are laid out, the job records a tree level is
 * run as, the HistBuilder interface, and the histogram sums the tree grower does itself.
 */

/**
 * Per feature 256 bins × (grad, hess); bin 255 is the missing bin. Row counts are not kept (a
 * third channel costs a third more memory traffic in the hottest loop): a child's count is
 * estimated from its hessian share, as LightGBM does — exact when hessians are constant (then
 * the hessian channel is the count).
 */
export const BIN_SLOTS = 256;
/**
 * Doubles per feature: its bins, then one cache line of padding. At exactly 4 KiB apart, every
 * feature's bin 0 fell in the same L1 cache set (and aliased in the store buffer): on features
 * with few distinct values — most rows in the first bins, digits' pixels — a row's 64 updates
 * evicted each other (digits, 10 classes, 100 rounds: 2.1 → 0.9 s CPU, the same trees).
 */
export const STRIDE = BIN_SLOTS * 2 + 8;
/** Where a feature's missing bin (255) starts, from the feature's base. */
export const MISSING_AT = 2 * (BIN_SLOTS - 1);

/**
 * Row data a histogram is built from, in an Arena's memory. Bins are kept twice: column-major
 * for partitions (one feature of many rows) and row-major, four features packed to a 32-bit
 * word, for histograms — one load gives four bin codes of a row, and a row's codes share a
 * cache line (faster per update on dense nodes: bench/RESULTS.md, "Figures behind choices in the code").
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

/** What a builder is sized for: the training rows and features, and gradients per row × model outputs. */
export interface HistShape {
  nRows: number;
  nFeatures: number;
  gradLen: number;
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
export interface FinalLeaves {
  values: Float64Array;
  score: Float64Array;
}

/**
 * Per-row hessians, or null when every hessian is 1 (squared, absolute, quantile and Huber
 * losses): the histograms then add 1 instead of loading a value — the same sums, so the same
 * trees — and a sparse node has one cache miss less per row.
 */
export type Hessians = Float32Array | null;

export interface HistBuilder {
  /**
   * The training set's bins, to be filled before the first job: column-major `bins` and
   * `nBins` by the caller, then packRows(data). Allocated with the builder, so a helper thread
   * can start while the rows are binned.
   */
  readonly data: HistData;
  /**
   * Run jobs[0..nJobs): partitions write each segment's split point to AMID/BMID, and the
   * histogram of job j (when BUILD is LEFT, RIGHT or SELF) goes to outs[j] — only the bins in
   * use and the missing bin of each of `features`; FINAL jobs need `final`.
   */
  runJobs(
    rows: Uint32Array,
    jobs: Int32Array,
    nJobs: number,
    grad: Float32Array,
    hess: Hessians,
    features: Int32Array,
    outs: (Float64Array | null)[],
    final?: FinalLeaves,
  ): void;
  /** score[rows[k]] += values[i] over leaf i's segments (leafSegs: a0, a1, b0, b1 per leaf). */
  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void;
  /** The array of row ids the grower partitions. */
  rowsBuffer(): Uint32Array;
  /** Gradient and hessian arrays of gradLen values. */
  gradBuffers(): { grad: Float32Array; hess: Float32Array };
  /** Raw-score array of gradLen values. */
  scoreBuffer(): Float64Array;
  close(): void;
}

/** Fill data.rowBins (the packed row-major copy) from data.bins. */
export function packRows(data: HistData): void {
  const { bins, rowBins, nRows: n, nFeatures: F, nGroups } = data;
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1)
    throw new Error('Histogram packing assumes a little-endian CPU.');
  for (let q = 0; q < nGroups; q++) {
    // Whole words from up to four columns read in order: about twice as fast as scattering bytes.
    const o0 = 4 * q * n,
      o1 = o0 + n,
      o2 = o1 + n,
      o3 = o2 + n;
    const m = F - 4 * q;
    for (let i = 0, w = q; i < n; i++, w += nGroups) {
      rowBins[w] =
        (bins[o0 + i]! |
          (m > 1 ? bins[o1 + i]! << 8 : 0) |
          (m > 2 ? bins[o2 + i]! << 16 : 0) |
          (m > 3 ? bins[o3 + i]! << 24 : 0)) >>>
        0;
    }
  }
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

/**
 * out = a + b over the given features' bins in use and missing bin (a feature with 7 values has
 * 8 live bins of 256; plant data has many such). a and b are double indexes into src.
 */
export function sumHalves(
  out: Float64Array,
  src: Float64Array,
  a: number,
  b: number,
  features: Int32Array,
  nBins: Int32Array,
): void {
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const base = f * STRIDE;
    const live = base + 2 * nBins[f]!;
    for (let j = base; j < live; j++) out[j] = src[a + j]! + src[b + j]!;
    const miss = base + MISSING_AT;
    out[miss] = src[a + miss]! + src[b + miss]!;
    out[miss + 1] = src[a + miss + 1]! + src[b + miss + 1]!;
  }
}

/** out −= sub over the given features' bins in use and missing bin (a larger child's histogram from its parent's). */
export function subtractHist(out: Float64Array, sub: Float64Array, features: Int32Array, nBins: Int32Array): void {
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const base = f * STRIDE;
    const live = base + 2 * nBins[f]!;
    for (let j = base; j < live; j++) out[j]! -= sub[j]!;
    const miss = base + MISSING_AT;
    out[miss]! -= sub[miss]!;
    out[miss + 1]! -= sub[miss + 1]!;
  }
}
