import { ContractError } from '../contract/errors';

/**
 * The largest scenario the optimizer plans in one call. Up to these sizes every phase keeps to
 * the time limit: the rule-based and greedy passes stop at their deadlines, the solver is skipped
 * above SOLVER_MAX_ORDERS, and what cannot stop — preparing, pricing and checking a plan — is
 * linear, about a second each at 50,000 orders on a busy core. Above them those steps alone, the
 * scenario's copy into the solver's worker and the plan's size would pass any short limit, so the
 * call is refused up front, before any work, naming the size. docs/optimizer.md "Limits".
 */
export const PLAN_LIMITS = {
  orders: 50_000,
  rakes: 2_000,
} as const;

/**
 * The LIMIT_EXCEEDED error for a scenario above PLAN_LIMITS, or null when it may be planned.
 * Takes the scenario before validation too (anything without those arrays passes here and is
 * left to the validator), so a huge file is refused before its rows are checked one by one.
 */
export function planLimitError(sc: unknown): ContractError | null {
  const n = (x: number) => x.toLocaleString('en-US');
  const count = (k: 'orders' | 'rakes') => {
    const rows = typeof sc === 'object' && sc !== null ? (sc as Record<string, unknown>)[k] : undefined;
    return Array.isArray(rows) ? rows.length : 0;
  };
  if (count('orders') > PLAN_LIMITS.orders) {
    return new ContractError(
      'LIMIT_EXCEEDED',
      `The scenario has ${n(count('orders'))} orders; the optimizer plans at most ${n(PLAN_LIMITS.orders)} orders at once — split the horizon or plan the orders in batches.`,
    );
  }
  if (count('rakes') > PLAN_LIMITS.rakes) {
    return new ContractError(
      'LIMIT_EXCEEDED',
      `The scenario has ${n(count('rakes'))} rakes; the optimizer plans at most ${n(PLAN_LIMITS.rakes)} rakes at once — split the horizon.`,
    );
  }
  return null;
}

/** Throw planLimitError's error, if any: the optimizer's entry, plans.solve and `rakeplan plan` call it first. */
export function assertPlanLimits(sc: unknown): void {
  const err = planLimitError(sc);
  if (err) throw err;
}
