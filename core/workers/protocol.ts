import type { ContractErrorData } from '../contract/errors';

export type WorkerReply<O, P> =
  | { type: 'progress'; data: P }
  | { type: 'done'; result: O }
  | { type: 'error'; error: ContractErrorData }
  /** A spare finished its warm-up and waits for its job. */
  | { type: 'ready'; warmUpS: number };

/** Host → spare worker: the one job it serves. */
export interface JobCommand<I> {
  type: 'job';
  input: I;
}

/**
 * `workerData` of a spare: it warms up and waits for a JobCommand instead of treating
 * workerData as its input (workers started the old way get their input as workerData).
 */
export const SPARE_START = { rakeplanWarmSpare: 1 } as const;

export function isSpareStart(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>).rakeplanWarmSpare === 1;
}
