import { workerData } from 'node:worker_threads';
import { Arena } from './hist-arena';
import { ShardRunner } from './hist-shard';
import { CTRL, HELPER_FAILED, jobsOffset, OP, type HelperInit } from './parallel-hist';

/** The second core's side of tree growing (see parallel-hist.ts): shard 1 of every job and leaf. Waits on shared memory, never on messages. */
const init = workerData as HelperInit;
const ctrl = new Int32Array(init.ctrl);
try {
  serve();
} catch (e) {
  // The main thread is blocked waiting on `done`, not listening for events: tell it there.
  console.error(e);
  Atomics.store(ctrl, CTRL.DONE, HELPER_FAILED);
  Atomics.notify(ctrl, CTRL.DONE);
}

function serve(): void {
  const arena = new Arena(init.spec, init.memory);
  const runner = new ShardRunner(arena, 1);
  const vals = new Float64Array(init.vals);
  const jobs = ctrl.subarray(jobsOffset(init.spec.nFeatures));
  let last = 0;
  for (;;) {
    Atomics.wait(ctrl, CTRL.SEQ, last);
    const seq = Atomics.load(ctrl, CTRL.SEQ);
    if (seq < 0) return;
    if (seq === last) continue;
    last = seq;
    const n = ctrl[CTRL.N]!;
    if (ctrl[CTRL.OP] === OP.JOBS) {
      runner.setFeatures(ctrl.subarray(CTRL.FEATS, CTRL.FEATS + ctrl[CTRL.NF]!));
      const goff = ctrl[CTRL.GOFF]!;
      const g = arena.grad.subarray(goff),
        h = ctrl[CTRL.UNITH] ? null : arena.hess.subarray(goff);
      const final = { values: vals, score: arena.score.subarray(ctrl[CTRL.SOFF]!) };
      for (let j = 0; j < n; j++) runner.runJob(1, jobs, j, g, h, j, final);
    } else {
      runner.addLeafValues(1, jobs, vals, n, arena.score.subarray(ctrl[CTRL.SOFF]!));
    }
    Atomics.store(ctrl, CTRL.DONE, seq);
    Atomics.notify(ctrl, CTRL.DONE);
  }
}
