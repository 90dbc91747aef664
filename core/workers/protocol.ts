import type { ContractErrorData } from '../contract/errors';

export type WorkerReply<O, P> =
  | { type: 'progress'; data: P }
  | { type: 'done'; result: O }
  | { type: 'error'; error: ContractErrorData };
