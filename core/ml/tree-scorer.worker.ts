import { parentPort } from 'node:worker_threads';
import { makeScratch, scoreRows, type CompiledTrees, type Scratch } from './compiled-trees';
import type { ScoreJob, ScoreReply } from './tree-pool';

/**
 * A long-lived scoring thread for compiled tree ensembles (see tree-pool.ts). Models arrive once
 * per worker (their arrays are shared memory, so nothing is copied) and are dropped on `forget`;
 * each job scores a row range of a shared input matrix into a shared output matrix.
 */
const port = parentPort!;
const models = new Map<number, { trees: CompiledTrees; scratch: Scratch }>();
port.on('message', (msg: ScoreJob | { forget: number }) => {
  if ('forget' in msg) {
    models.delete(msg.forget);
    return;
  }
  let reply: ScoreReply;
  try {
    if (msg.trees) models.set(msg.modelId, { trees: msg.trees, scratch: makeScratch(msg.trees) });
    const m = models.get(msg.modelId);
    if (!m) throw new Error(`model ${msg.modelId} was never sent to this worker`);
    scoreRows(m.trees, new Float32Array(msg.x), new Float32Array(msg.out), msg.start, msg.end, m.scratch);
    reply = { id: msg.id, error: null };
  } catch (err) {
    reply = { id: msg.id, error: (err as Error).message };
  }
  port.postMessage(reply);
});
