import { workerData } from 'node:worker_threads';
import { buildRange } from './histogram';
import type { HelperInit } from './parallel-hist';

/** The second core's half of histogram building (see parallel-hist.ts); waits on shared memory, never on messages. */
const init = workerData as HelperInit;
const data = { bins: new Uint8Array(init.bins), nRows: init.nRows, nFeatures: init.nFeatures };
const rows = new Uint32Array(init.rows);
const g = new Float32Array(init.g);
const h = new Float32Array(init.h);
const hist = new Float64Array(init.hist);
const ctrl = new Int32Array(init.ctrl);
const feats = new Int32Array(init.nFeatures);
let last = 0;
for (;;) {
  Atomics.wait(ctrl, 0, last);
  const seq = Atomics.load(ctrl, 0);
  if (seq < 0) break;
  if (seq === last) continue;
  last = seq;
  const nf = ctrl[4]!;
  for (let i = 0; i < nf; i++) feats[i] = ctrl[5 + i]!;
  buildRange(data, rows, ctrl[2]!, ctrl[3]!, g, h, feats, 0, nf, hist);
  Atomics.store(ctrl, 1, seq);
  Atomics.notify(ctrl, 1);
}
