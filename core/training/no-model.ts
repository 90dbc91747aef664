import type { NoModelWhy } from '../contract/api/training';
import { ContractError } from '../contract/errors';
import { asClause } from '../domain/sentence';

/** Why `model` gave no answer, from the registry's error: a name it never held has its own code. */
export function noModelWhy(model: string, err: unknown): NoModelWhy {
  if (err instanceof ContractError && err.code === 'NOT_FOUND') return { code: 'not-in-registry', model };
  return { code: 'error', model, error: asClause((err as Error).message) };
}
