import { Worker } from 'node:worker_threads';
import { workerScript } from '../host/paths';
import type { SharedMemory } from './hist-kernels';
import {
  J,
  JOB,
  sumHalves,
  type FinalLeaves,
  type Hessians,
  type HistBuilder,
  type HistData,
  type HistShape,
} from './gradient-histogram';
import { Arena, ArenaBuffers, checkOwn, type ArenaSpec } from './hist-arena';
import { ShardRunner } from './hist-shard';
import { SerialHistBuilder } from './serial-hist';

/** Below this many rows in a hand-off the wake-up costs more than the second core saves. */
const MIN_PARALLEL_ROWS = 20_000;
/** Jobs per hand-off (a depth-6 tree has at most 32 nodes on a level); each thread has a histogram slot per job. */
export const HELPER_SLOTS = 32;
/** Leaves per hand-off (their segments reuse the jobs area, four ints each). */
export const LEAF_SLOTS = (HELPER_SLOTS * JOB) >> 2;
// Control block (Int32Array over shared memory): [seq, done, op, n, nFeatures, gradOffset, scoreOffset, unitHessian, features…, jobs…].
export const CTRL = { SEQ: 0, DONE: 1, OP: 2, N: 3, NF: 4, GOFF: 5, SOFF: 6, UNITH: 7, FEATS: 8 } as const;
export const OP = { JOBS: 1, LEAVES: 2 } as const;
/** `done` value of a helper that threw (hand-offs count up from 1). */
export const HELPER_FAILED = -1;

export interface HelperInit {
  spec: ArenaSpec;
  memory: SharedMemory;
  ctrl: SharedArrayBuffer;
  vals: SharedArrayBuffer;
}

/** Offset of the jobs area in the control block. */
export function jobsOffset(nFeatures: number): number {
  return CTRL.FEATS + nFeatures;
}

/**
 * Tree growing on two cores: this thread owns shard 0 of the rows and a helper thread shard 1
 * (see HistBuilder). Each tree level is one hand-off — both threads partition their segments of
 * every node and sum their part of the smaller children's histograms, which are then added — and
 * so is adding a tree's leaf values to the scores. The sums are those of SerialHistBuilder, in
 * the same order, so the trees are identical. Everything the kernels touch lives in the arena's
 * shared memory; the hand-off is one Atomics notify/wait pair. The helper starts with the
 * builder, before the rows are binned, so its start-up overlaps the binning.
 */
export class ParallelHistBuilder extends ArenaBuffers implements HistBuilder {
  readonly data: HistData;
  private readonly worker: Worker;
  protected readonly arena: Arena;
  private readonly ctrl: Int32Array;
  private readonly ctrlJobs: Int32Array;
  private readonly vals: Float64Array;
  private readonly serial: SerialHistBuilder;
  private readonly runner: ShardRunner;
  private seq = 0;
  /** Batches handed to the helper so far (tests check the helper really ran). */
  handoffs = 0;

  constructor(shape: HistShape) {
    super();
    this.arena = new Arena({ ...shape, threads: 2, slots: HELPER_SLOTS });
    this.data = this.arena.data;
    const ctrl = new SharedArrayBuffer((jobsOffset(shape.nFeatures) + HELPER_SLOTS * JOB) * 4);
    const vals = new SharedArrayBuffer(Math.max(LEAF_SLOTS, 2 * HELPER_SLOTS) * 8);
    this.ctrl = new Int32Array(ctrl);
    this.ctrlJobs = this.ctrl.subarray(jobsOffset(shape.nFeatures));
    this.vals = new Float64Array(vals);
    this.serial = new SerialHistBuilder(shape, this.arena);
    this.runner = new ShardRunner(this.arena, 0);
    const init: HelperInit = { spec: this.arena.spec, memory: this.arena.memory, ctrl, vals };
    // The helper is a built bundle: it needs none of the parent's flags, and inheriting a loader
    // (tsx's, when run from source) tripled its start-up before the first hand-off.
    this.worker = new Worker(workerScript('hist-helper'), { workerData: init, execArgv: [] });
    this.worker.unref();
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
    let total = 0;
    for (let j = 0; j < nJobs; j++)
      total += jobs[j * JOB + J.A1]! - jobs[j * JOB + J.A0]! + jobs[j * JOB + J.B1]! - jobs[j * JOB + J.B0]!;
    if (total < MIN_PARALLEL_ROWS) {
      this.serial.runJobs(rows, jobs, nJobs, grad, hess, features, outs, final);
      return;
    }
    checkOwn(this.arena, rows, grad, hess, final);
    if (hess && hess.byteOffset - this.arena.hess.byteOffset !== grad.byteOffset - this.arena.grad.byteOffset)
      throw new Error('Gradients and hessians must be the same output.');
    const c = this.ctrl;
    c[CTRL.NF] = features.length;
    c[CTRL.GOFF] = (grad.byteOffset - this.arena.grad.byteOffset) / 4;
    c[CTRL.UNITH] = hess ? 0 : 1;
    if (final) c[CTRL.SOFF] = (final.score.byteOffset - this.arena.score.byteOffset) / 8;
    for (let i = 0; i < features.length; i++) c[CTRL.FEATS + i] = features[i]!;
    this.runner.setFeatures(features);
    for (let j0 = 0; j0 < nJobs; j0 += HELPER_SLOTS) {
      const batch = Math.min(HELPER_SLOTS, nJobs - j0);
      this.ctrlJobs.set(jobs.subarray(j0 * JOB, (j0 + batch) * JOB));
      // Job j0 + j is job j for the helper: its final leaf values move with it.
      const chunkFinal = final && { values: final.values.subarray(2 * j0, 2 * (j0 + batch)), score: final.score };
      if (chunkFinal) this.vals.set(chunkFinal.values);
      this.handOff(OP.JOBS, batch);
      const own = jobs.subarray(j0 * JOB);
      for (let j = 0; j < batch; j++) this.runner.runJob(0, own, j, grad, hess, outs[j0 + j] ? j : -1, chunkFinal);
      this.waitHelper();
      for (let j = 0; j < batch; j++) {
        jobs[(j0 + j) * JOB + J.BMID] = this.ctrlJobs[j * JOB + J.BMID]!;
        const out = outs[j0 + j];
        if (out)
          sumHalves(
            out,
            this.arena.f64,
            this.arena.slot(0, j) >> 3,
            this.arena.slot(1, j) >> 3,
            features,
            this.data.nBins,
          );
      }
    }
  }

  addLeafValues(rows: Uint32Array, leafSegs: Int32Array, values: Float64Array, score: Float64Array): void {
    if (this.data.nRows < MIN_PARALLEL_ROWS) {
      this.serial.addLeafValues(rows, leafSegs, values, score);
      return;
    }
    checkOwn(this.arena, rows, null, null, { values, score });
    this.ctrl[CTRL.SOFF] = (score.byteOffset - this.arena.score.byteOffset) / 8;
    for (let i0 = 0; i0 < values.length; i0 += LEAF_SLOTS) {
      const batch = Math.min(LEAF_SLOTS, values.length - i0);
      const segs = leafSegs.subarray(4 * i0, 4 * (i0 + batch));
      const vals = values.subarray(i0, i0 + batch);
      this.ctrlJobs.set(segs);
      this.vals.set(vals);
      this.handOff(OP.LEAVES, batch);
      this.runner.addLeafValues(0, segs, vals, batch, score);
      this.waitHelper();
    }
  }

  private handOff(op: number, n: number): void {
    const c = this.ctrl;
    c[CTRL.OP] = op;
    c[CTRL.N] = n;
    const seq = ++this.seq;
    this.handoffs++;
    Atomics.store(c, CTRL.SEQ, seq);
    Atomics.notify(c, CTRL.SEQ);
  }

  private waitHelper(): void {
    const c = this.ctrl;
    for (let done = Atomics.load(c, CTRL.DONE); done !== this.seq; done = Atomics.load(c, CTRL.DONE)) {
      if (done === HELPER_FAILED) throw new Error('The histogram helper thread failed (its error is on stderr).');
      Atomics.wait(c, CTRL.DONE, done, 1000);
    }
  }

  close(): void {
    Atomics.store(this.ctrl, CTRL.SEQ, -1);
    Atomics.notify(this.ctrl, CTRL.SEQ);
    void this.worker.terminate();
  }
}
