import { ContractError } from '../contract/errors';

/** Deeper than any real payload (a scenario is about 5 levels); deep enough to stop stack exhaustion in validation. */
export const MAX_PAYLOAD_DEPTH = 64;

/**
 * Reject absurdly nested payloads before schema validation walks them recursively. Iterative,
 * so the check itself cannot overflow the stack.
 */
export function assertPayloadDepth(payload: unknown, max = MAX_PAYLOAD_DEPTH): void {
  const stack: [unknown, number][] = [[payload, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) throw new ContractError('BAD_PAYLOAD', `The payload is nested deeper than ${max} levels.`);
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}
