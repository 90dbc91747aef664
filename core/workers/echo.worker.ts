import { ContractError } from '../contract/errors';
import { serveWorker } from './serve';

/** A tiny worker that proves the worker plumbing (progress, result, error, crash) in tests. */
serveWorker<{ steps: number; fail?: 'error' | 'crash' }, { sum: number }, { step: number }>(async (input, progress) => {
  let sum = 0;
  for (let step = 1; step <= input.steps; step++) {
    sum += step;
    progress({ step });
    await new Promise((r) => setTimeout(r, 5));
  }
  if (input.fail === 'error') throw new ContractError('INVALID_DATA', 'echo worker asked to fail');
  if (input.fail === 'crash') process.exit(3);
  return { sum };
});
