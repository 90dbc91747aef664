import { Worker } from 'node:worker_threads';
import { workerScript } from '../host/paths';
import { buildRange, STRIDE, type HistBuilder, type HistData } from './histogram';

/** Below this many rows in a node the hand-off costs more than the second core saves. */
const MIN_PARALLEL_ROWS = 20_000;
// Control block (Int32Array over shared memory): [seq, done, start, end, nFeatures, features…].
const SEQ = 0, DONE = 1, START = 2, END = 3, NF = 4, FEATS = 5;

export interface HelperInit {
  bins: SharedArrayBuffer; nRows: number; nFeatures: number;
  rows: SharedArrayBuffer; g: SharedArrayBuffer; h: SharedArrayBuffer; hist: SharedArrayBuffer; ctrl: SharedArrayBuffer;
}

/**
 * Histogram building on two cores: a helper thread builds half of the features of each large
 * node while this thread builds the other half. Bins, row ids and gathered gradients live in
 * shared memory; the hand-off is an Atomics notify/wait pair, so nothing is copied per node but
 * the helper's finished histogram columns.
 */
export class ParallelHistBuilder implements HistBuilder {
  private readonly worker: Worker;
  private readonly ctrl: Int32Array;
  private readonly hist: Float64Array;
  private readonly g: Float32Array;
  private readonly h: Float32Array;
  private readonly rows: Uint32Array;
  private seq = 0;

  constructor(private readonly data: HistData) {
    const { nRows: n, nFeatures: F } = data;
    const bins = new SharedArrayBuffer(n * F);
    new Uint8Array(bins).set(data.bins);
    const init: HelperInit = {
      bins, nRows: n, nFeatures: F,
      rows: new SharedArrayBuffer(n * 4), g: new SharedArrayBuffer(n * 4), h: new SharedArrayBuffer(n * 4),
      hist: new SharedArrayBuffer(F * STRIDE * 8), ctrl: new SharedArrayBuffer((FEATS + F) * 4),
    };
    this.rows = new Uint32Array(init.rows);
    this.g = new Float32Array(init.g);
    this.h = new Float32Array(init.h);
    this.hist = new Float64Array(init.hist);
    this.ctrl = new Int32Array(init.ctrl);
    this.worker = new Worker(workerScript('hist-helper'), { workerData: init });
    this.worker.unref();
  }

  rowsBuffer(): Uint32Array {
    return this.rows;
  }

  gradScratch() {
    return { gOrd: this.g, hOrd: this.h };
  }

  build(rows: Uint32Array, start: number, end: number, gOrd: Float32Array, hOrd: Float32Array, features: Int32Array, out: Float64Array): void {
    const nf = features.length;
    if (end - start < MIN_PARALLEL_ROWS || nf < 2 || rows !== this.rows) {
      buildRange(this.data, rows, start, end, gOrd, hOrd, features, 0, nf, out);
      return;
    }
    // Helper takes the second half of the features (a multiple of 4 keeps its inner loop blocked).
    const mine = Math.min(nf - 1, Math.max(1, Math.round(nf / 2 / 4) * 4));
    const c = this.ctrl;
    c[START] = start; c[END] = end; c[NF] = nf - mine;
    for (let i = mine; i < nf; i++) c[FEATS + i - mine] = features[i]!;
    const seq = ++this.seq;
    Atomics.store(c, SEQ, seq);
    Atomics.notify(c, SEQ);
    buildRange(this.data, rows, start, end, gOrd, hOrd, features, 0, mine, out);
    while (Atomics.load(c, DONE) !== seq) Atomics.wait(c, DONE, Atomics.load(c, DONE), 1000);
    for (let i = mine; i < nf; i++) {
      const base = features[i]! * STRIDE;
      out.set(this.hist.subarray(base, base + STRIDE), base);
    }
  }

  close(): void {
    Atomics.store(this.ctrl, SEQ, -1);
    Atomics.notify(this.ctrl, SEQ);
    void this.worker.terminate();
  }
}
