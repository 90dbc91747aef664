import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { ContractError } from '../contract/errors';
import { workerScript } from '../host/paths';
import type { WorkerReply } from './protocol';

export interface RunWorkerOptions<P> {
  /** Abort = hard cancel: the worker is terminated. Use a stop flag in the input for soft stops. */
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  resourceLimits?: ResourceLimits;
  /** Objects in the input moved to the worker rather than copied (a MessagePort must be). */
  transferList?: TransferListItem[];
}

/**
 * Run one CPU-heavy job (a solve, a training run) in a fresh worker thread, so the host's event
 * loop keeps answering calls. A worker that crashes, aborts or is terminated rejects the job with
 * a clear error and takes nothing else down; the next job gets a fresh worker.
 */
export function runWorker<I, O, P = unknown>(name: string, input: I, opts: RunWorkerOptions<P> = {}): Promise<O> {
  if (opts.signal?.aborted)
    return Promise.reject(new ContractError('CANCELLED', 'Cancelled before the worker started.'));
  try {
    return superviseJob<O, P>(
      new Worker(workerScript(name), {
        workerData: input,
        resourceLimits: opts.resourceLimits,
        transferList: opts.transferList,
      }),
      name,
      opts,
    );
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * Follow one job on a worker that has it (as workerData, or a spare just sent it): progress,
 * result, job errors as ContractError, abort = terminate, crash = INTERNAL. The worker is
 * terminated once the job settles: one job per worker, so its heap goes back with it.
 */
export function superviseJob<O, P>(worker: Worker, name: string, opts: RunWorkerOptions<P>): Promise<O> {
  const { signal, onProgress } = opts;
  return new Promise<O>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new ContractError('CANCELLED', `The ${name} job was cancelled.`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: WorkerReply<O, P>) => {
      if (msg.type === 'progress') onProgress?.(msg.data);
      else if (msg.type === 'done') finish(() => resolve(msg.result));
      else if (msg.type === 'error') finish(() => reject(ContractError.fromData(msg.error)));
    });
    worker.on('error', (err) =>
      finish(() => reject(new ContractError('INTERNAL', `The ${name} worker failed: ${err.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new ContractError('INTERNAL', `The ${name} worker exited (code ${code}) without a result.`))),
    );
  });
}
