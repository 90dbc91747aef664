import { ContractError } from './errors';
import { MAX_OBJECT_KEYS } from './limits';

/** Deeper than any real payload (a scenario is about 5 levels); deep enough to stop stack exhaustion in validation. */
export const MAX_PAYLOAD_DEPTH = 64;

/**
 * Reject absurdly nested payloads, and objects with more fields than any the contract declares,
 * before schema validation walks them: zod reports every unknown key of a strict object (millions
 * in one large call) and recurses into every level. Iterative, so the check itself cannot overflow
 * the stack; it stops at the first fault, and reads an object's keys, never its values at once
 * (`Object.values` of an object of a million keys costs several times its keys).
 */
export function assertPayloadBounds(
  name: string,
  payload: unknown,
  max = MAX_PAYLOAD_DEPTH,
  maxKeys = MAX_OBJECT_KEYS,
): void {
  const refuse = (why: string) => invalidPayload(name, why);
  const stack: [unknown, number][] = [[payload, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) throw refuse(`it is nested deeper than ${max} levels.`);
    const push = (child: unknown) => {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    };
    if (Array.isArray(value)) {
      for (const child of value) push(child);
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > maxKeys)
      throw refuse(`an object holds ${n(keys.length)} fields; no object may hold more than ${n(maxKeys)}.`);
    for (const k of keys) push((value as Record<string, unknown>)[k]);
  }
}

/**
 * Why JSON text holds an object wider than `maxKeys` members, found by a scan of its bytes that
 * stops at the first one; null if it holds none. JSON.parse of one object of millions of keys
 * costs seconds (V8 grows a dictionary key by key) before any check of the parsed value can run;
 * this scan costs a pass over the bytes, or less. Members are counted by the commas at the
 * object's own level outside strings; the UTF-8 bytes of other characters are all ≥ 0x80 and
 * never read as structure. Text that is not JSON is left to JSON.parse to refuse.
 */
export function jsonWidthFault(text: Uint8Array, maxKeys = MAX_OBJECT_KEYS): string | null {
  // Per open container, the commas seen at its level: -1 for an array, whose items are not fields.
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT) commas.push(0);
    else if (c === OPEN_ARRAY) commas.push(-1);
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) commas.pop();
    else if (c === COMMA && commas.length > 0 && commas[commas.length - 1]! >= 0) {
      if (++commas[commas.length - 1]! >= maxKeys) return `an object holds more than ${n(maxKeys)} fields.`;
    }
  }
  return null;
}

const [QUOTE, BACKSLASH, COMMA, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = [...'"\\,{}[]'].map((ch) =>
  ch.charCodeAt(0),
);

/** A payload refused before its schema ran, and why. */
export function invalidPayload(name: string, why: string): ContractError {
  return new ContractError('BAD_PAYLOAD', `Invalid payload for '${name}': ${why}`);
}

const n = (x: number) => x.toLocaleString('en-US');
