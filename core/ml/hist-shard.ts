/**
 * One thread's share of growing a tree: partitions, histograms and leaf values over one shard of
 * the rows, run by the WebAssembly kernels in an Arena.
 */
import { kernelsFor, type Kernels } from './hist-kernels';
import type { Arena } from './hist-arena';
import {
  BUILD,
  featureGroups,
  J,
  JOB,
  MISSING_AT,
  STRIDE,
  type FinalLeaves,
  type Hessians,
} from './gradient-histogram';

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
