import { parentPort, workerData } from 'node:worker_threads';
import { toErrorData } from '../contract/errors';
import { isSpareStart, type JobCommand, type WorkerReply } from './protocol';

export interface ServeOptions {
  /**
   * Run when the worker is started as a pre-warmed spare (core/workers/warm-pool.ts), before it
   * reports ready: e.g. a throwaway solve so V8 has compiled the hot paths when the job arrives.
   */
  warmUp?: () => Promise<void> | void;
}

/**
 * Worker-side entry: `serveWorker(async (input, progress) => result)` in a `*.worker.ts` file.
 * The result and progress must be structured-cloneable. Started the old way the input is
 * workerData; started as a spare it warms up, reports ready and waits for its one job message.
 */
export function serveWorker<I, O, P = unknown>(
  job: (input: I, progress: (p: P) => void) => Promise<O> | O,
  opts: ServeOptions = {},
): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread.');
  const post = (msg: WorkerReply<O, P>) => port.postMessage(msg);
  const run = (input: I) =>
    Promise.resolve()
      .then(() => job(input, (data) => post({ type: 'progress', data })))
      .then((result) => post({ type: 'done', result }))
      .catch((err: unknown) => post({ type: 'error', error: toErrorData(err) }));
  if (!isSpareStart(workerData)) {
    void run(workerData as I);
    return;
  }
  const started = performance.now();
  Promise.resolve()
    .then(() => opts.warmUp?.())
    .then(() => {
      port.once('message', (cmd: JobCommand<I>) => void run(cmd.input));
      post({ type: 'ready', warmUpS: (performance.now() - started) / 1000 });
    })
    // Reported before `ready`: the host drops this spare and runs the job in a cold worker.
    .catch((err: unknown) => post({ type: 'error', error: toErrorData(err) }));
}
