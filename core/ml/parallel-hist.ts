import { Worker } from 'node:worker_threads';
import { workerScript } from '../host/paths';
import { addHist, featureGroups, histLength, J, JOB, SerialHistBuilder, ShardRunner, type FinalLeaves, type Hessians, type HistBuilder, type HistData } from './histogram';

/** Below this many rows in a hand-off the wake-up costs more than the second core saves. */
const MIN_PARALLEL_ROWS = 20_000;
/** Jobs per hand-off (a depth-6 tree has at most 32 nodes on a level). */
export const HELPER_SLOTS = 32;
/** Leaves per hand-off (their segments reuse the jobs area, four ints each). */
export const LEAF_SLOTS = (HELPER_SLOTS * JOB) >> 2;
// Control block (Int32Array over shared memory): [seq, done, op, n, nFeatures, gradOffset, scoreOffset, unitHessian, features…, jobs…].
export const CTRL = { SEQ: 0, DONE: 1, OP: 2, N: 3, NF: 4, GOFF: 5, SOFF: 6, UNITH: 7, FEATS: 8 } as const;
export const OP = { JOBS: 1, LEAVES: 2 } as const;

export interface HelperInit {
  bins: SharedArrayBuffer; rowBins: SharedArrayBuffer; nRows: number; nFeatures: number; nGroups: number; nBins: Int32Array;
  rows: SharedArrayBuffer; hist: SharedArrayBuffer; ctrl: SharedArrayBuffer; vals: SharedArrayBuffer;
  grad: SharedArrayBuffer; hess: SharedArrayBuffer; score: SharedArrayBuffer;
}

/** Offset of the jobs area in the control block. */
export function jobsOffset(nFeatures: number): number {
  return CTRL.FEATS + nFeatures;
}

/**
 * Tree growing on two cores: this thread owns shard 0 of the rows and a helper thread shard 1
 * (see HistBuilder). Each tree level is one hand-off — both threads partition their segments of
 * every node and sum their part of the smaller children's histograms, and the helper's
 * histograms are added in — and so is adding a tree's leaf values to the scores. The sums are
 * those of SerialHistBuilder, in the same order, so the trees are identical. Bins, row ids,
 * gradients and scores live in shared memory; the hand-off is one Atomics notify/wait pair.
 */
export class ParallelHistBuilder implements HistBuilder {
  private readonly worker: Worker;
  private readonly ctrl: Int32Array;
  private readonly ctrlJobs: Int32Array;
  private readonly hist: Float64Array;
  private readonly vals: Float64Array;
  private readonly data: HistData;
  private readonly rows: Uint32Array;
  private readonly grad: Float32Array;
  private readonly hess: Float32Array;
  private readonly score: Float64Array;
  private readonly serial: SerialHistBuilder;
  private readonly runner: ShardRunner;
  private seq = 0;
  /** Batches handed to the helper so far (tests check the helper really ran). */
  handoffs = 0;

  /** `gradLen`: values per gradient and score array (rows × model outputs). */
  constructor(data: HistData, gradLen = data.nRows) {
    const { nRows: n, nFeatures: F, nGroups } = data;
    const bins = new SharedArrayBuffer(data.bins.byteLength);
    new Uint8Array(bins).set(data.bins);
    const rowBins = new SharedArrayBuffer(data.rowBins.byteLength);
    new Uint32Array(rowBins).set(data.rowBins);
    this.data = { ...data, bins: new Uint8Array(bins), rowBins: new Uint32Array(rowBins) };
    const init: HelperInit = {
      bins, rowBins, nRows: n, nFeatures: F, nGroups, nBins: data.nBins,
      rows: new SharedArrayBuffer(n * 4),
      grad: new SharedArrayBuffer(gradLen * 4), hess: new SharedArrayBuffer(gradLen * 4), score: new SharedArrayBuffer(gradLen * 8),
      hist: new SharedArrayBuffer(HELPER_SLOTS * histLength(data) * 8), vals: new SharedArrayBuffer(Math.max(LEAF_SLOTS, 2 * HELPER_SLOTS) * 8),
      ctrl: new SharedArrayBuffer((jobsOffset(F) + HELPER_SLOTS * JOB) * 4),
    };
    this.rows = new Uint32Array(init.rows);
    this.grad = new Float32Array(init.grad);
    this.hess = new Float32Array(init.hess);
    this.score = new Float64Array(init.score);
    this.hist = new Float64Array(init.hist);
    this.vals = new Float64Array(init.vals);
    this.ctrl = new Int32Array(init.ctrl);
    this.ctrlJobs = this.ctrl.subarray(jobsOffset(F));
    this.serial = new SerialHistBuilder(this.data);
    this.runner = new ShardRunner(this.data);
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

  scoreBuffer(len: number): Float64Array {
    if (len !== this.score.length) throw new Error(`ParallelHistBuilder was sized for ${this.score.length} scores, asked for ${len}.`);
    return this.score;
  }

  runJobs(rows: Uint32Array, jobs: Int32Array, nJobs: number, grad: Float32Array, hess: Hessians, features: Int32Array, outs: (Float64Array | null)[], final?: FinalLeaves): void {
    let total = 0;
    for (let j = 0; j < nJobs; j++) total += jobs[j * JOB + J.A1]! - jobs[j * JOB + J.A0]! + jobs[j * JOB + J.B1]! - jobs[j * JOB + J.B0]!;
    if (total < MIN_PARALLEL_ROWS || rows !== this.rows || grad.buffer !== this.grad.buffer || (hess && (hess.buffer !== this.hess.buffer || hess.byteOffset !== grad.byteOffset)) || (final && final.score.buffer !== this.score.buffer)) {
      this.serial.runJobs(rows, jobs, nJobs, grad, hess, features, outs, final);
      return;
    }
    const c = this.ctrl;
    const len = histLength(this.data);
    const groups = featureGroups(features);
    c[CTRL.NF] = features.length; c[CTRL.GOFF] = grad.byteOffset / 4; c[CTRL.UNITH] = hess ? 0 : 1;
    if (final) c[CTRL.SOFF] = final.score.byteOffset / 8;
    for (let i = 0; i < features.length; i++) c[CTRL.FEATS + i] = features[i]!;
    for (let j0 = 0; j0 < nJobs; j0 += HELPER_SLOTS) {
      const batch = Math.min(HELPER_SLOTS, nJobs - j0);
      this.ctrlJobs.set(jobs.subarray(j0 * JOB, (j0 + batch) * JOB));
      // Job j0 + j is job j for the helper: its final leaf values move with it.
      const chunkFinal = final && { values: final.values.subarray(2 * j0, 2 * (j0 + batch)), score: final.score };
      if (chunkFinal) this.vals.set(chunkFinal.values);
      this.handOff(OP.JOBS, batch);
      for (let j = 0; j < batch; j++) this.runner.runJob(0, rows, jobs.subarray(j0 * JOB), j, grad, hess, groups, outs[j0 + j] ?? null, chunkFinal);
      this.waitHelper();
      for (let j = 0; j < batch; j++) {
        jobs[(j0 + j) * JOB + J.BMID] = this.ctrlJobs[j * JOB + J.BMID]!;
        const out = outs[j0 + j];
        if (out) addHist(out, this.hist.subarray(j * len, (j + 1) * len), features, this.data.nBins);
      }
    }
  }

  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void {
    if (rows !== this.rows || score.buffer !== this.score.buffer || this.data.nRows < MIN_PARALLEL_ROWS) {
      this.serial.addLeafValues(rows, leafSegs, values, score);
      return;
    }
    this.ctrl[CTRL.SOFF] = score.byteOffset / 8;
    for (let i0 = 0; i0 < values.length; i0 += LEAF_SLOTS) {
      const batch = Math.min(LEAF_SLOTS, values.length - i0);
      const segs = leafSegs.subarray(4 * i0, 4 * (i0 + batch));
      const vals = values.subarray(i0, i0 + batch);
      this.ctrlJobs.set(segs);
      this.vals.set(vals);
      this.handOff(OP.LEAVES, batch);
      this.runner.addLeafValues(0, rows, segs, vals, batch, score);
      this.waitHelper();
    }
  }

  private handOff(op: number, n: number): void {
    const c = this.ctrl;
    c[CTRL.OP] = op; c[CTRL.N] = n;
    const seq = ++this.seq;
    this.handoffs++;
    Atomics.store(c, CTRL.SEQ, seq);
    Atomics.notify(c, CTRL.SEQ);
  }

  private waitHelper(): void {
    const c = this.ctrl;
    while (Atomics.load(c, CTRL.DONE) !== this.seq) Atomics.wait(c, CTRL.DONE, Atomics.load(c, CTRL.DONE), 1000);
  }

  close(): void {
    Atomics.store(this.ctrl, CTRL.SEQ, -1);
    Atomics.notify(this.ctrl, CTRL.SEQ);
    void this.worker.terminate();
  }
}
