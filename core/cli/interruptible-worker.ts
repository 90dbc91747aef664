import { ContractError } from '../contract/errors';
import { runWorker } from '../workers/run';

/**
 * A command's long work in its worker thread, so the main thread stays free to take Ctrl-C
 * (work on the main thread would run to its end before any SIGINT handler could): Ctrl-C
 * terminates the worker and answers null, for the command to tidy up and exit 130.
 */
export async function runInterruptible<I, O, P>(name: string, input: I, onProgress: (p: P) => void): Promise<O | null> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runWorker<I, O, P>(name, input, { signal: ac.signal, onProgress });
  } catch (err) {
    if (ac.signal.aborted) return null;
    // The job's own errors (a bad CSV, a missing table) read as they did on the main thread.
    if (err instanceof ContractError && err.code === 'HANDLER_ERROR') throw new Error(err.message);
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
