/**
 * The Arena: one shared WebAssembly memory holding everything the kernels read and write, and the
 * row, gradient and score buffers the builders hand out from it.
 */
import { sharedMemory, type SharedMemory } from './hist-kernels';
import { STRIDE, type FinalLeaves, type Hessians, type HistData, type HistShape } from './gradient-histogram';

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
