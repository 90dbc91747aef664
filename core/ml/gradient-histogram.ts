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

import { kernelsFor, sharedMemory, type Kernels, type SharedMemory } from './hist-kernels';

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

/** Memory is laid out for one or two threads, each with this many histogram slots. */
export interface ArenaSpec extends HistShape {
  threads: 1 | 2;
  slots: number;
}

/**
 * One WebAssembly memory (shared, so a helper thread can attach to it) holding what the kernels
 * read and write: row ids, both bin layouts, gradients, hessians and scores, and per thread a
 * partition buffer, its feature-group list and `slots` histograms. Byte addresses are the views'
 * byteOffsets; the layout follows from the spec alone, so a helper rebuilds the same one.
 */
export class Arena {
  readonly memory: SharedMemory;
  readonly data: HistData;
  readonly rows: Uint32Array;
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  readonly score: Float64Array;
  /** Every double of the memory (histogram slots are read through it). */
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  /** Doubles per histogram slot. */
  readonly histLen: number;
  /** Per thread: byte addresses of its partition buffer, group list and first histogram slot. */
  readonly threads: { tmp: number; groups: number; hist: number }[] = [];

  constructor(
    readonly spec: ArenaSpec,
    memory?: SharedMemory,
  ) {
    const { nRows: n, nFeatures: F, gradLen, threads, slots } = spec;
    const nGroups = (F + 3) >> 2;
    this.histLen = nGroups * 4 * STRIDE;
    let top = 0;
    const take = (bytes: number) => {
      const at = top;
      top = Math.ceil((top + bytes) / 64) * 64;
      return at;
    };
    const at = {
      rows: take(4 * n),
      rowBins: take(4 * n * nGroups),
      bins: take(n * F),
      nBins: take(4 * F),
      grad: take(4 * gradLen),
      hess: take(4 * gradLen),
      score: take(8 * gradLen),
    };
    for (let t = 0; t < threads; t++)
      this.threads.push({
        tmp: take(4 * (n - (n >> 1))),
        groups: take(4 * nGroups),
        hist: take(8 * this.histLen * slots),
      });
    const pages = Math.ceil(top / 65536) || 1;
    if (pages > 65536)
      throw new Error(
        `Training data of ${n} rows × ${F} features needs ${(top / 2 ** 30).toFixed(1)} GiB of working memory; the trainer's limit is 4 GiB.`,
      );
    this.memory = memory ?? sharedMemory(pages);
    const buf = this.memory.buffer;
    this.data = {
      bins: new Uint8Array(buf, at.bins, n * F),
      rowBins: new Uint32Array(buf, at.rowBins, n * nGroups),
      nRows: n,
      nFeatures: F,
      nGroups,
      nBins: new Int32Array(buf, at.nBins, F),
    };
    this.rows = new Uint32Array(buf, at.rows, n);
    this.grad = new Float32Array(buf, at.grad, gradLen);
    this.hess = new Float32Array(buf, at.hess, gradLen);
    this.score = new Float64Array(buf, at.score, gradLen);
    this.f64 = new Float64Array(buf);
    this.i32 = new Int32Array(buf);
  }

  /** Byte address of histogram slot `slot` of thread `thread`. */
  slot(thread: number, slot: number): number {
    return this.threads[thread]!.hist + slot * this.histLen * 8;
  }
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

/** Packed bins larger than this are not expected to stay in cache between nodes. */
const CACHED_BYTES = 8 << 20;
/** A node holding less than this share of the rows is sparse: its rows are cache misses apart. */
const SPARSE_SHARE = 0.1;
/** How many rows ahead a sparse node's histogram pass loads a row (so its misses overlap). */
const AHEAD = 16;

/** One thread's side of the work, in an Arena: the jobs' and leaves' segments in one shard. */
export class ShardRunner {
  private readonly k: Kernels;
  private readonly own: { tmp: number; groups: number; hist: number };
  private readonly binsAt: number;
  private readonly rowsAt: number;
  private groups: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private nq = 0;
  private tail = 0;
  /** Sink for the kernel's touch-ahead loads. */
  touched = 0;

  constructor(
    private readonly arena: Arena,
    private readonly thread: number,
  ) {
    this.k = kernelsFor(arena.memory);
    this.own = arena.threads[thread]!;
    this.binsAt = arena.data.bins.byteOffset;
    this.rowsAt = arena.rows.byteOffset;
  }

  /** The features the next jobs' histograms cover. */
  setFeatures(features: Int32Array): void {
    const { nFeatures, nGroups } = this.arena.data;
    const groups = featureGroups(features);
    this.arena.i32.set(groups, this.own.groups >> 2);
    this.groups = groups;
    // The last group may hold fewer than four features: only its real ones are summed (13
    // features would otherwise cost 16 updates a row).
    this.tail = nFeatures & 3 && groups[groups.length - 1] === nGroups - 1 ? nFeatures & 3 : 0;
    this.nq = this.tail ? groups.length - 1 : groups.length;
  }

  /** Job j's work in `shard`; its histogram goes to histogram slot `slot` of this thread (none when −1). */
  runJob(
    shard: 0 | 1,
    jobs: Int32Array,
    j: number,
    grad: Float32Array,
    hess: Hessians,
    slot: number,
    final?: FinalLeaves,
  ): void {
    const o = j * JOB;
    const lo = jobs[o + (shard ? J.B0 : J.A0)]!,
      hi = jobs[o + (shard ? J.B1 : J.A1)]!;
    const feat = jobs[o + J.FEAT]!;
    const build = jobs[o + J.BUILD]!;
    const column = this.binsAt + feat * this.arena.data.nRows;
    if (build === BUILD.FINAL) {
      if (!final) throw new Error('A FINAL job needs its leaf values and scores.');
      this.k.sides(
        this.rowsAt,
        lo,
        hi,
        column,
        jobs[o + J.BIN]!,
        jobs[o + J.ML]!,
        final.score.byteOffset,
        final.values[2 * j]!,
        final.values[2 * j + 1]!,
      );
      return;
    }
    let mid = hi;
    if (feat >= 0) {
      mid = this.k.partition(this.rowsAt, lo, hi, column, jobs[o + J.BIN]!, jobs[o + J.ML]!, this.own.tmp);
      jobs[o + (shard ? J.BMID : J.AMID)] = mid;
    }
    if (build === BUILD.NONE || slot < 0) return;
    const [from, to] = build === BUILD.LEFT ? [lo, mid] : build === BUILD.RIGHT ? [mid, hi] : [lo, hi];
    this.buildRange(from, to, grad, hess, slot);
  }

  /** Histogram slot `slot` = the sums over rows[from..to) of the current features' groups. */
  buildRange(from: number, to: number, grad: Float32Array, hess: Hessians, slot: number): void {
    const { data, f64 } = this.arena;
    const out = this.arena.slot(this.thread, slot);
    // Clear the bins the rows can reach: those in use and the missing one, of every feature in the groups.
    for (let t = 0; t < this.groups.length; t++) {
      for (let f = 4 * this.groups[t]!; f < Math.min(data.nFeatures, 4 * this.groups[t]! + 4); f++) {
        const base = (out >> 3) + f * STRIDE;
        f64.fill(0, base, base + 2 * data.nBins[f]!);
        f64[base + MISSING_AT] = 0;
        f64[base + MISSING_AT + 1] = 0;
      }
    }
    // A row's work is long enough that the CPU overlaps no more than one row's cache misses (a
    // sparse node took several times longer per update than a dense one); loading rows ahead
    // starts their misses together (bench/RESULTS.md, "Figures behind choices in the code"). On dense
    // nodes it costs more than it saves.
    const ahead = data.rowBins.byteLength > CACHED_BYTES && to - from < SPARSE_SHARE * data.nRows ? AHEAD : 0;
    this.touched ^= this.k.hist(
      this.rowsAt,
      from,
      to,
      grad.byteOffset,
      hess ? hess.byteOffset : 0,
      data.rowBins.byteOffset,
      data.nGroups,
      out,
      this.own.groups,
      this.nq,
      this.tail,
      ahead,
    );
  }

  addLeafValues(shard: 0 | 1, leafSegs: Int32Array, values: Float64Array, nLeaves: number, score: Float64Array): void {
    const rows = this.arena.rows;
    for (let i = 0; i < nLeaves; i++) {
      const v = values[i]!;
      const lo = leafSegs[4 * i + (shard ? 2 : 0)]!,
        hi = leafSegs[4 * i + (shard ? 3 : 1)]!;
      for (let k = lo; k < hi; k++) score[rows[k]!]! += v;
    }
  }
}

/** The buffers both builders hand the booster: it writes rows, gradients and scores straight into the arena. */
export abstract class ArenaBuffers {
  protected abstract readonly arena: Arena;
  rowsBuffer(): Uint32Array {
    return this.arena.rows;
  }
  gradBuffers() {
    return { grad: this.arena.grad, hess: this.arena.hess };
  }
  scoreBuffer(): Float64Array {
    return this.arena.score;
  }
}

/** Both shards on this thread, shard 0 first (the order the two-thread builder adds them in). */
export class SerialHistBuilder extends ArenaBuffers implements HistBuilder {
  readonly data: HistData;
  protected readonly arena: Arena;
  private readonly runner: ShardRunner;
  constructor(shape: HistShape, arena?: Arena) {
    super();
    this.arena = arena ?? new Arena({ ...shape, threads: 1, slots: 2 });
    this.data = this.arena.data;
    this.runner = new ShardRunner(this.arena, 0);
  }
  runJobs(
    rows: Uint32Array,
    jobs: Int32Array,
    nJobs: number,
    grad: Float32Array,
    hess: Hessians,
    features: Int32Array,
    outs: (Float64Array | null)[],
    final?: FinalLeaves,
  ): void {
    checkOwn(this.arena, rows, grad, hess, final);
    this.runner.setFeatures(features);
    const a = this.arena.slot(0, 0) >> 3,
      b = this.arena.slot(0, 1) >> 3;
    for (let j = 0; j < nJobs; j++) {
      const out = outs[j] ?? null;
      this.runner.runJob(0, jobs, j, grad, hess, out ? 0 : -1, final);
      this.runner.runJob(1, jobs, j, grad, hess, out ? 1 : -1, final);
      if (out) sumHalves(out, this.arena.f64, a, b, features, this.data.nBins);
    }
  }
  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void {
    checkOwn(this.arena, rows, null, null, { values, score });
    this.runner.addLeafValues(0, leafSegs, values, values.length, score);
    this.runner.addLeafValues(1, leafSegs, values, values.length, score);
  }
  close(): void {}
}

/** The kernels read rows, gradients and scores at their addresses in the arena: other arrays cannot be used. */
export function checkOwn(
  arena: Arena,
  rows: Uint32Array,
  grad: Float32Array | null,
  hess: Hessians,
  final?: FinalLeaves,
): void {
  const buf = arena.f64.buffer;
  if (
    rows !== arena.rows ||
    (grad && grad.buffer !== buf) ||
    (hess && hess.buffer !== buf) ||
    (final && final.score.buffer !== buf)
  ) {
    throw new Error(
      'A histogram builder works on its own rows, gradient and score buffers (rowsBuffer, gradBuffers, scoreBuffer).',
    );
  }
}
