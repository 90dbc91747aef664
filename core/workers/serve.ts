import { parentPort, workerData } from 'node:worker_threads';
import { toErrorData } from '../contract/errors';
import type { WorkerReply } from './protocol';

/**
 * Worker-side entry: `serveWorker(async (input, progress) => result)` in a `*.worker.ts` file.
 * The result and progress must be structured-cloneable.
 */
export function serveWorker<I, O, P = unknown>(job: (input: I, progress: (p: P) => void) => Promise<O> | O): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread.');
  const post = (msg: WorkerReply<O, P>) => port.postMessage(msg);
  Promise.resolve()
    .then(() => job(workerData as I, (data) => post({ type: 'progress', data })))
    .then((result) => post({ type: 'done', result }))
    .catch((err: unknown) => post({ type: 'error', error: toErrorData(err) }));
}
