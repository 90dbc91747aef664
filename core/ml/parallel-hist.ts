import { Worker } from 'node:worker_threads';
import { workerScript } from '../host/paths';
import { addHist, buildHalf, SerialHistBuilder, splitPoint, STRIDE, type HistBuilder, type HistData } from './histogram';

/** Below this many rows in a batch the hand-off costs more than the second core saves. */
const MIN_PARALLEL_ROWS = 20_000;
/** Nodes per hand-off (a depth-6 tree has at most 32 histograms to build on a level). */
export const HELPER_SLOTS = 32;
// Control block (Int32Array over shared memory): [seq, done, nSegs, nFeatures, gradOffset, features…, segs…].
export const CTRL = { SEQ: 0, DONE: 1, NSEG: 2, NF: 3, GOFF: 4, FEATS: 5 } as const;

export interface HelperInit {
  bins: SharedArrayBuffer; nRows: number; nFeatures: number;
  rows: SharedArrayBuffer; gOrd: SharedArrayBuffer; hOrd: SharedArrayBuffer; hist: SharedArrayBuffer; ctrl: SharedArrayBuffer;
  grad: SharedArrayBuffer; hess: SharedArrayBuffer;
}

/**
 * Histogram building on two cores. Each node's rows are split in halves: this thread gathers and
 * sums the first half of every node of a tree level, a helper thread the second halves, and the
 * helper's histograms are added in — the same sums, in the same order, as SerialHistBuilder, so
 * the trees are identical. Bins, row ids and gradients live in shared memory and the hand-off is
 * one Atomics notify/wait pair per level; nothing is copied but the helper's histograms.
 */
export class ParallelHistBuilder implements HistBuilder {
  private readonly worker: Worker;
  private readonly ctrl: Int32Array;
  private readonly hist: Float64Array;
  private readonly gOrd: Float32Array;
  private readonly hOrd: Float32Array;
  private readonly rows: Uint32Array;
  private readonly grad: Float32Array;
  private readonly hess: Float32Array;
  private readonly serial: SerialHistBuilder;
  private seq = 0;
  /** Batches handed to the helper so far (tests check the helper really ran). */
  handoffs = 0;

  /** `gradLen`: values per gradient array (rows × model outputs). */
  constructor(private readonly data: HistData, gradLen = data.nRows) {
    const { nRows: n, nFeatures: F } = data;
    const bins = new SharedArrayBuffer(n * F);
    new Uint8Array(bins).set(data.bins);
    const init: HelperInit = {
      bins, nRows: n, nFeatures: F,
      rows: new SharedArrayBuffer(n * 4), gOrd: new SharedArrayBuffer(n * 4), hOrd: new SharedArrayBuffer(n * 4),
      grad: new SharedArrayBuffer(gradLen * 4), hess: new SharedArrayBuffer(gradLen * 4),
      hist: new SharedArrayBuffer(HELPER_SLOTS * F * STRIDE * 8), ctrl: new SharedArrayBuffer((CTRL.FEATS + F + 2 * HELPER_SLOTS) * 4),
    };
    this.rows = new Uint32Array(init.rows);
    this.gOrd = new Float32Array(init.gOrd);
    this.hOrd = new Float32Array(init.hOrd);
    this.grad = new Float32Array(init.grad);
    this.hess = new Float32Array(init.hess);
    this.hist = new Float64Array(init.hist);
    this.ctrl = new Int32Array(init.ctrl);
    this.serial = new SerialHistBuilder(data);
    this.worker = new Worker(workerScript('hist-helper'), { workerData: init });
    this.worker.unref();
  }

  rowsBuffer(): Uint32Array {
    return this.rows;
  }

  gradBuffers(len: number) {
    if (len !== this.grad.length) throw new Error(`ParallelHistBuilder was sized for ${this.grad.length} gradients, asked for ${len}.`);
    return { grad: this.grad, hess: this.hess };
  }

  buildNodes(rows: Uint32Array, segs: Int32Array, nSegs: number, grad: Float32Array, hess: Float32Array, features: Int32Array, outs: Float64Array[]): void {
    let total = 0;
    for (let s = 0; s < nSegs; s++) total += segs[2 * s + 1]! - segs[2 * s]!;
    if (total < MIN_PARALLEL_ROWS || rows !== this.rows || grad.buffer !== this.grad.buffer || hess.buffer !== this.hess.buffer || hess.byteOffset !== grad.byteOffset) {
      this.serial.buildNodes(rows, segs, nSegs, grad, hess, features, outs);
      return;
    }
    const c = this.ctrl;
    const F = this.data.nFeatures;
    for (let s0 = 0; s0 < nSegs; s0 += HELPER_SLOTS) {
      const batch = Math.min(HELPER_SLOTS, nSegs - s0);
      c[CTRL.NSEG] = batch; c[CTRL.NF] = features.length; c[CTRL.GOFF] = grad.byteOffset / 4;
      for (let i = 0; i < features.length; i++) c[CTRL.FEATS + i] = features[i]!;
      const segBase = CTRL.FEATS + F;
      for (let s = 0; s < 2 * batch; s++) c[segBase + s] = segs[2 * s0 + s]!;
      const seq = ++this.seq;
      this.handoffs++;
      Atomics.store(c, CTRL.SEQ, seq);
      Atomics.notify(c, CTRL.SEQ);
      for (let s = 0; s < batch; s++) {
        const start = segs[2 * (s0 + s)]!, end = segs[2 * (s0 + s) + 1]!;
        buildHalf(this.data, rows, start, splitPoint(start, end), grad, hess, this.gOrd, this.hOrd, features, outs[s0 + s]!);
      }
      while (Atomics.load(c, CTRL.DONE) !== seq) Atomics.wait(c, CTRL.DONE, Atomics.load(c, CTRL.DONE), 1000);
      for (let s = 0; s < batch; s++) addHist(outs[s0 + s]!, this.hist.subarray(s * F * STRIDE, (s + 1) * F * STRIDE), features);
    }
  }

  close(): void {
    Atomics.store(this.ctrl, CTRL.SEQ, -1);
    Atomics.notify(this.ctrl, CTRL.SEQ);
    void this.worker.terminate();
  }
}
