import fc from 'fast-check';

/**
 * Values that break careless code: non-finite and enormous numbers, empty and huge strings,
 * formula and path-traversal text, control characters, prototype keys, wrong types.
 */
export const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 0.1 + 0.2),
  fc.constantFrom(
    '',
    ' ',
    '=cmd|" /C calc"!A0',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '../../etc/passwd',
    '..\\..\\windows\\win.ini',
    '\u0000',
    '\uFFFD\uD800',
    '🚂'.repeat(50),
    'NaN',
    'null',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(null, undefined, true, false, [], {}, [null], { __proto__: { polluted: true } }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constant('x'.repeat(2 * 1024 * 1024)),
);

/** Any JSON-ish value, nested a little. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  nastyScalar,
  fc.anything({ maxDepth: 4, maxKeys: 6, withNullPrototype: true, withObjectString: true }),
);

/** A payload shaped like the call's own: its field names with nasty values. */
export function shapedPayload(keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), nastyScalar, { maxKeys: 3 });
  return fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] });
}
