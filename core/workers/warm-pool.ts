import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ContractError } from '../contract/errors';
import { workerScript } from '../host/paths';
import { SPARE_START, type JobCommand, type WorkerReply } from './protocol';
import { runWorker, superviseJob, type RunWorkerOptions } from './run';

/**
 * One pre-warmed spare worker per job name. HiGHS runs as WebAssembly: the first solves in a fresh
 * thread are many times slower until V8 has compiled the hot paths, so a spare runs the job's
 * warm-up ahead of time and then waits for its job. Every worker still serves exactly one job and
 * is terminated after it (HiGHS' WASM heap never shrinks; a hard cancel terminates the thread);
 * the replacement spare is started only once no job of that name is running, so it never takes
 * CPU from a solve. Spares exist only for names a host asked for with `prewarm` (lazy), and never
 * keep the process alive.
 */

export interface PrewarmOptions {
  /** The limits the jobs run under (a spare is used only for a job asking for the same ones). */
  resourceLimits?: ResourceLimits;
  /** One line per spare event and per job (warm or cold, and why cold). */
  log?: (line: string) => void;
}

export interface WarmJobResult<O> {
  result: O;
  /** True when the job ran on a pre-warmed spare, false when it paid the cold start. */
  warm: boolean;
}

interface Wanted extends PrewarmOptions {
  holders: number;
}

interface Spare {
  worker: Worker;
  resourceLimits?: ResourceLimits;
  /** Settles true once warm, false if the warm-up failed or the spare died. */
  ready: Promise<boolean>;
  warmUpS: number | null;
  /** Remove the idle listeners (the job's supervisor takes over). */
  detach(): void;
}

const wanted = new Map<string, Wanted>();
const spares = new Map<string, Spare>();
const running = new Map<string, number>();

/**
 * Keep a warm spare for `name` until the returned release function is called (host close).
 * Several holders share one spare; the last release terminates it.
 */
export function prewarm(name: string, opts: PrewarmOptions = {}): () => void {
  const w = wanted.get(name) ?? { holders: 0, ...opts };
  w.holders++;
  wanted.set(name, w);
  if (!spares.has(name) && !running.get(name)) startSpare(name, w);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--w.holders > 0) return;
    wanted.delete(name);
    const spare = spares.get(name);
    if (!spare) return;
    spares.delete(name);
    spare.detach();
    void spare.worker.terminate();
  };
}

/** Resolves true once the idle spare for `name` is warm; false when there is none or it failed. */
export function spareReady(name: string): Promise<boolean> {
  return spares.get(name)?.ready ?? Promise.resolve(false);
}

function startSpare(name: string, w: Wanted): void {
  let worker: Worker;
  try {
    worker = new Worker(workerScript(name), { workerData: SPARE_START, resourceLimits: w.resourceLimits });
  } catch (err) {
    w.log?.(`no ${name} spare: ${(err as Error).message}`);
    return;
  }
  worker.unref(); // an idle spare must not keep the host (or a test run) alive
  let settle: (ok: boolean) => void = () => {};
  const spare: Spare = {
    worker,
    resourceLimits: w.resourceLimits,
    ready: new Promise<boolean>((r) => (settle = r)),
    warmUpS: null,
    detach,
  };
  const drop = (why: string) => {
    settle(false);
    if (spares.get(name) === spare) spares.delete(name);
    detach();
    void worker.terminate();
    w.log?.(`${name} spare dropped: ${why}`);
  };
  const onMessage = (msg: WorkerReply<unknown, unknown>) => {
    if (msg.type === 'ready') {
      spare.warmUpS = msg.warmUpS;
      settle(true);
      w.log?.(`${name} spare warm after ${msg.warmUpS.toFixed(2)} s`);
    } else if (msg.type === 'error') drop(`its warm-up failed: ${msg.error.message}`);
  };
  const onError = (err: Error) => drop(err.message);
  const onExit = (code: number) => drop(`it exited (code ${code})`);
  function detach() {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
  }
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  spares.set(name, spare);
}

/** Wait for a taken spare to be warm; abort terminates it (nothing else is waiting for it). */
function whenReady(spare: Spare, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return spare.ready;
  return new Promise<boolean>((resolve, reject) => {
    const onAbort = () => {
      spare.detach();
      void spare.worker.terminate();
      reject(new ContractError('CANCELLED', 'Cancelled while the worker was warming up.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void spare.ready.then((ok) => {
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    });
  });
}

const sameLimits = (a?: ResourceLimits, b?: ResourceLimits) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * `runWorker` on the warm spare when there is one (still warming: wait for it rather than
 * cold-start a second thread), else in a cold worker exactly as `runWorker`. Progress, result,
 * errors, abort and crashes behave as in `runWorker`.
 */
export async function runWarmWorker<I, O, P = unknown>(
  name: string,
  input: I,
  opts: RunWorkerOptions<P> = {},
): Promise<WarmJobResult<O>> {
  if (opts.signal?.aborted) throw new ContractError('CANCELLED', 'Cancelled before the worker started.');
  const w = wanted.get(name);
  running.set(name, (running.get(name) ?? 0) + 1);
  try {
    const spare = spares.get(name);
    let why = w
      ? spare
        ? 'the spare was started with other resource limits'
        : 'no spare (busy with another job, or it failed)'
      : `no ${name} spare was asked for`;
    if (spare && sameLimits(spare.resourceLimits, opts.resourceLimits)) {
      spares.delete(name);
      spare.worker.ref(); // it now carries a job: keep the process alive for it like any job
      if (await whenReady(spare, opts.signal)) {
        spare.detach();
        if (opts.signal?.aborted) {
          void spare.worker.terminate();
          throw new ContractError('CANCELLED', `The ${name} job was cancelled.`);
        }
        const job = superviseJob<O, P>(spare.worker, name, opts);
        spare.worker.postMessage({ type: 'job', input } satisfies JobCommand<I>);
        w?.log?.(`${name} job on a warm spare (warmed in ${spare.warmUpS?.toFixed(2) ?? '?'} s)`);
        return { result: await job, warm: true };
      }
      why = 'the spare failed its warm-up';
    }
    w?.log?.(`${name} job on a cold worker: ${why}`);
    return { result: await runWorker<I, O, P>(name, input, opts), warm: false };
  } finally {
    const left = (running.get(name) ?? 1) - 1;
    if (left > 0) running.set(name, left);
    else running.delete(name);
    const still = wanted.get(name);
    if (left === 0 && still && !spares.has(name)) startSpare(name, still);
  }
}
