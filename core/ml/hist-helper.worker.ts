import { workerData } from 'node:worker_threads';
import { buildHalf, splitPoint, STRIDE } from './histogram';
import { CTRL, type HelperInit } from './parallel-hist';

/** The second core's half of histogram building (see parallel-hist.ts): the second half of each node's rows. Waits on shared memory, never on messages. */
const init = workerData as HelperInit;
const data = { bins: new Uint8Array(init.bins), nRows: init.nRows, nFeatures: init.nFeatures };
const F = init.nFeatures;
const rows = new Uint32Array(init.rows);
const gOrd = new Float32Array(init.gOrd);
const hOrd = new Float32Array(init.hOrd);
const grad = new Float32Array(init.grad);
const hess = new Float32Array(init.hess);
const hist = new Float64Array(init.hist);
const ctrl = new Int32Array(init.ctrl);
let last = 0;
for (;;) {
  Atomics.wait(ctrl, CTRL.SEQ, last);
  const seq = Atomics.load(ctrl, CTRL.SEQ);
  if (seq < 0) break;
  if (seq === last) continue;
  last = seq;
  const nf = ctrl[CTRL.NF]!, nSeg = ctrl[CTRL.NSEG]!, goff = ctrl[CTRL.GOFF]!;
  const feats = Int32Array.from(ctrl.subarray(CTRL.FEATS, CTRL.FEATS + nf));
  const g = grad.subarray(goff), h = hess.subarray(goff);
  for (let s = 0; s < nSeg; s++) {
    const start = ctrl[CTRL.FEATS + F + 2 * s]!, end = ctrl[CTRL.FEATS + F + 2 * s + 1]!;
    buildHalf(data, rows, splitPoint(start, end), end, g, h, gOrd, hOrd, feats, hist.subarray(s * F * STRIDE, (s + 1) * F * STRIDE));
  }
  Atomics.store(ctrl, CTRL.DONE, seq);
  Atomics.notify(ctrl, CTRL.DONE);
}
