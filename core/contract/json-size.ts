/** A value's JSON size, as far as it was counted. */
export interface JsonSize {
  /** UTF-8 bytes counted: the whole text's length, or, if not `whole`, where the count stopped past `cap`. */
  bytes: number;
  /** False when the walk stopped past `cap` with text still to come: the text is longer than `bytes`. */
  whole: boolean;
}

/**
 * How long a value's JSON text is: what `Buffer.byteLength(JSON.stringify(value))` gives, worked
 * out by a walk that builds no text and stops once the count passes `cap`. The desktop window's
 * calls arrive as objects, not text, yet must be held to the byte limits browser mode checks on
 * the wire; stringifying the whole of a hostile 40 MB payload only to refuse it at 16 KB would
 * cost main the very work the limit exists to spare. Follows JSON.stringify's rules: `toJSON`,
 * boxed primitives, fields that are undefined, functions or symbols left out (null in arrays),
 * non-finite numbers as null, lone surrogates escaped. Iterative, so deep nesting cannot
 * overflow the stack; it throws a TypeError where JSON.stringify would (a cycle, a BigInt).
 */
export function jsonSize(value: unknown, cap = Infinity): JsonSize {
  const open: Frame[] = [];
  const inOpen = new Set<object>();
  let bytes = 0;
  let cut = false;

  const putString = (s: string) => {
    const counted = quotedBytes(s, cap - bytes);
    bytes += counted.bytes;
    cut = !counted.whole;
  };
  // Counts a value JSON.stringify writes (never one it leaves out), or opens its container.
  const put = (v: unknown) => {
    if (v === null) bytes += 4;
    else if (typeof v === 'boolean') bytes += v ? 4 : 5;
    else if (typeof v === 'number') bytes += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v === 'string') putString(v);
    else if (typeof v === 'bigint') throw new TypeError('A BigInt has no JSON form.');
    else {
      const o = v as object;
      if (inOpen.has(o)) throw new TypeError('The value holds a cycle; it has no JSON form.');
      inOpen.add(o);
      const keys = Array.isArray(o) ? null : Object.keys(o);
      open.push({ value: o, keys, next: 0, length: keys ? keys.length : (o as unknown[]).length });
      bytes += 1; // '{' or '['
    }
  };

  const root = resolve({ '': value }, '');
  if (leftOut(root)) return { bytes: 0, whole: true }; // JSON.stringify gives undefined: no text
  put(root);
  while (open.length > 0 && bytes <= cap) {
    const frame = open[open.length - 1]!;
    if (frame.next === frame.length) {
      open.pop();
      inOpen.delete(frame.value);
      bytes += 1; // '}' or ']'
      continue;
    }
    const i = frame.next++;
    if (frame.keys === null) {
      if (i > 0) bytes += 1;
      const v = resolve(frame.value, String(i));
      // What an object leaves out, an array writes as null.
      if (leftOut(v)) bytes += 4;
      else put(v);
      continue;
    }
    const key = frame.keys[i]!;
    const v = resolve(frame.value, key);
    if (leftOut(v)) continue; // a member left out, comma and all
    if (frame.wrote) bytes += 1;
    frame.wrote = true;
    putString(key);
    bytes += 1; // ':'
    if (bytes <= cap) put(v);
  }
  return { bytes, whole: open.length === 0 && !cut };
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const leftOut = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

interface Frame {
  value: object;
  /** An object's own enumerable keys; null for an array. */
  keys: string[] | null;
  next: number;
  length: number;
  /** Whether an object member has been counted, so the next takes a comma. */
  wrote?: boolean;
}

/** The value JSON.stringify writes for `holder[key]`: after its `toJSON`, and unboxed. */
function resolve(holder: object, key: string): unknown {
  let v = (holder as Record<string, unknown>)[key];
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = toJSON.call(v, key) as unknown;
  }
  if (v instanceof Number) return Number(v);
  if (v instanceof String) return String(v);
  if (v instanceof Boolean || v instanceof BigInt) return v.valueOf();
  return v;
}

/** A string's JSON text in UTF-8 bytes, quotes included; stops once past `room`. */
function quotedBytes(s: string, room: number): JsonSize {
  let bytes = 2;
  let i = 0;
  while (i < s.length) {
    if (bytes > room) return { bytes, whole: false };
    // A run of characters written as they are, one byte each, skipped at the regex engine's pace
    // (a base64 file is nothing else); bounded, so a run never reads far past the room. One
    // that passes the room stops where counting its characters one by one would have.
    PLAIN_RUN.lastIndex = i;
    if (PLAIN_RUN.test(s)) {
      bytes += PLAIN_RUN.lastIndex - i;
      i = PLAIN_RUN.lastIndex;
      if (bytes > room + 1) return { bytes: room + 1, whole: false };
      continue;
    }
    const c = s.charCodeAt(i++);
    if (c < 0x20) bytes += SHORT_ESCAPES.includes(c) ? 2 : 6;
    else if (c < 0x80)
      bytes += c === 0x22 || c === 0x5c ? 2 : 1; // the quote and backslash escaped, DEL not
    else if (c < 0x800) bytes += 2;
    else if (c < 0xd800 || c > 0xdfff) bytes += 3;
    else if (c <= 0xdbff && isLowSurrogate(s.charCodeAt(i))) {
      bytes += 4;
      i++;
    } else bytes += 6; // a lone surrogate, written \uDXXX
  }
  return { bytes, whole: true };
}

/** Printable ASCII but the quote and the backslash, up to 4,096 characters. */
const PLAIN_RUN = /[ !#-[\]-~]{1,4096}/y;

/** Control characters JSON writes as two bytes (\b \t \n \f \r); the others take six (\u00XX). */
const SHORT_ESCAPES = [0x08, 0x09, 0x0a, 0x0c, 0x0d];

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
