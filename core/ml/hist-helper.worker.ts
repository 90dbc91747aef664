import { workerData } from 'node:worker_threads';
import { featureGroups, histLength, ShardRunner } from './histogram';
import { CTRL, jobsOffset, OP, type HelperInit } from './parallel-hist';

/** The second core's side of tree growing (see parallel-hist.ts): shard 1 of every job and leaf. Waits on shared memory, never on messages. */
const init = workerData as HelperInit;
const data = { bins: new Uint8Array(init.bins), rowBins: new Uint32Array(init.rowBins), nRows: init.nRows, nFeatures: init.nFeatures, nGroups: init.nGroups, nBins: init.nBins };
const len = histLength(data);
const runner = new ShardRunner(data);
const rows = new Uint32Array(init.rows);
const grad = new Float32Array(init.grad);
const hess = new Float32Array(init.hess);
const score = new Float64Array(init.score);
const hist = new Float64Array(init.hist);
const vals = new Float64Array(init.vals);
const ctrl = new Int32Array(init.ctrl);
const jobs = ctrl.subarray(jobsOffset(init.nFeatures));
let last = 0;
for (;;) {
  Atomics.wait(ctrl, CTRL.SEQ, last);
  const seq = Atomics.load(ctrl, CTRL.SEQ);
  if (seq < 0) break;
  if (seq === last) continue;
  last = seq;
  const n = ctrl[CTRL.N]!;
  if (ctrl[CTRL.OP] === OP.JOBS) {
    const groups = featureGroups(ctrl.subarray(CTRL.FEATS, CTRL.FEATS + ctrl[CTRL.NF]!));
    const goff = ctrl[CTRL.GOFF]!;
    const g = grad.subarray(goff), h = ctrl[CTRL.UNITH] ? null : hess.subarray(goff);
    const final = { values: vals, score: score.subarray(ctrl[CTRL.SOFF]!) };
    for (let j = 0; j < n; j++) runner.runJob(1, rows, jobs, j, g, h, groups, hist.subarray(j * len, (j + 1) * len), final);
  } else {
    runner.addLeafValues(1, rows, jobs, vals, n, score.subarray(ctrl[CTRL.SOFF]!));
  }
  Atomics.store(ctrl, CTRL.DONE, seq);
  Atomics.notify(ctrl, CTRL.DONE);
}
