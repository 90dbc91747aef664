import { Worker } from 'node:worker_threads';
import { workerScript } from '../host/paths';
import type { CompiledTrees } from './compiled-trees';

export interface ScoreJob {
  id: number;
  modelId: number;
  /** Sent the first time a worker sees the model. */
  trees?: CompiledTrees;
  x: SharedArrayBuffer;
  out: SharedArrayBuffer;
  start: number;
  end: number;
}
export interface ScoreReply {
  id: number;
  error: string | null;
}

interface Slot {
  worker: Worker;
  known: Set<number>;
  pending: Map<number, { resolve(): void; reject(e: Error): void }>;
}

/**
 * Up to two long-lived scoring threads shared by every loaded model (the machine has two cores).
 * A batch is split into contiguous row ranges, one per thread; the event loop only waits. Workers
 * hold the process open only while a job is pending, and a crashed worker fails its jobs and is
 * replaced on the next batch.
 */
class TreePool {
  private readonly slots: (Slot | null)[] = [null, null];
  private nextJob = 1;

  private slot(k: number): Slot {
    const s = this.slots[k];
    if (s) return s;
    // No inherited --import/--require loaders (tsx, vitest): the bundle is plain CommonJS, and a
    // loader in the worker costs ~100–300 ms of start-up, paid on the model load that warms it.
    const worker = new Worker(workerScript('tree-scorer'), { execArgv: [] });
    const fresh: Slot = { worker, known: new Set(), pending: new Map() };
    const fail = (err: Error) => {
      if (this.slots[k] === fresh) this.slots[k] = null;
      for (const p of fresh.pending.values()) p.reject(err);
      fresh.pending.clear();
    };
    worker.on('message', (r: ScoreReply) => {
      const p = fresh.pending.get(r.id);
      if (!p) return;
      fresh.pending.delete(r.id);
      if (fresh.pending.size === 0) worker.unref();
      if (r.error) p.reject(new Error(`compiled-trees worker: ${r.error}`));
      else p.resolve();
    });
    worker.on('error', (err) => fail(new Error(`compiled-trees worker failed: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`compiled-trees worker exited (code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker's port again, and a warmed
    // pool nobody scored on then kept a finished command (a failed `models import`) alive.
    worker.unref();
    this.slots[k] = fresh;
    return fresh;
  }

  /** Score x (nRows × nFeatures) on `threads` workers; resolves to the output (nRows × nTargets). */
  async score(
    modelId: number,
    trees: CompiledTrees,
    x: Float32Array,
    nRows: number,
    threads: 1 | 2,
  ): Promise<Float32Array> {
    const xs = new SharedArrayBuffer(Math.max(1, x.length) * 4);
    new Float32Array(xs).set(x);
    const outs = new SharedArrayBuffer(Math.max(1, nRows * trees.nTargets) * 4);
    const parts = threads === 2 && nRows > 1 ? 2 : 1;
    const cut = Math.ceil(nRows / parts);
    await Promise.all(
      Array.from({ length: parts }, (_, k) =>
        this.run(k, modelId, trees, xs, outs, k * cut, Math.min(nRows, (k + 1) * cut)),
      ),
    );
    return new Float32Array(outs).slice(0, nRows * trees.nTargets);
  }

  private run(
    k: number,
    modelId: number,
    trees: CompiledTrees,
    x: SharedArrayBuffer,
    out: SharedArrayBuffer,
    start: number,
    end: number,
  ): Promise<void> {
    const s = this.slot(k);
    const id = this.nextJob++;
    const job: ScoreJob = { id, modelId, x, out, start, end, ...(s.known.has(modelId) ? {} : { trees }) };
    return new Promise<void>((resolve, reject) => {
      s.pending.set(id, { resolve, reject });
      s.worker.ref();
      s.known.add(modelId);
      s.worker.postMessage(job);
    });
  }

  /** Start both threads now (~40–70 ms each), so they boot while the caller parses and compiles. */
  warm(): void {
    this.slot(0);
    this.slot(1);
  }

  /** A closed model's arrays can be freed in the workers. */
  forget(modelId: number): void {
    for (const s of this.slots) {
      if (s?.known.delete(modelId)) s.worker.postMessage({ forget: modelId });
    }
  }
}

let pool: TreePool | null = null;
let nextModel = 1;

export function treePool(): TreePool {
  pool ??= new TreePool();
  return pool;
}

export function newModelId(): number {
  return nextModel++;
}
