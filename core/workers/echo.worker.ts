import { threadId } from 'node:worker_threads';
import { ContractError } from '../contract/errors';
import { serveWorker } from './serve';

/**
 * A tiny worker that proves the worker plumbing (progress, result, error, crash) in tests, and
 * the warm pool's: as a spare its warm-up takes WARM_ECHO_MS (and fails when WARM_ECHO_FAIL is
 * set); the result says which thread served the job and whether it had warmed up.
 */
let warmed = false;

serveWorker<
  { steps: number; fail?: 'error' | 'crash' },
  { sum: number; warmed: boolean; threadId: number },
  { step: number }
>(
  async (input, progress) => {
    let sum = 0;
    for (let step = 1; step <= input.steps; step++) {
      sum += step;
      progress({ step });
      await new Promise((r) => setTimeout(r, 5));
    }
    if (input.fail === 'error') throw new ContractError('INVALID_DATA', 'echo worker asked to fail');
    if (input.fail === 'crash') process.exit(3);
    return { sum, warmed, threadId };
  },
  {
    warmUp: async () => {
      await new Promise((r) => setTimeout(r, Number(process.env.WARM_ECHO_MS ?? 50)));
      if (process.env.WARM_ECHO_FAIL) throw new Error('echo worker asked to fail its warm-up');
      warmed = true;
    },
  },
);
