import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSize } from './json-size';

const stringified = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');

/** Values of every kind JSON.stringify treats specially, nested: what a window's structured clone can carry. */
const anyValue = fc.anything({
  maxDepth: 4,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary', // every code unit, lone surrogates and control characters among them
});

describe('JSON size walk', () => {
  it('gives the UTF-8 length of JSON.stringify for any value', () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        expect(jsonSize(v)).toEqual({ bytes: stringified(v), whole: true });
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts escapes, surrogates, left-out fields and holes as JSON.stringify writes them', () => {
    const cases: unknown[] = [
      { s: '"\\\b\f\n\r\t\u0001\u001f\u007f', lone: '\ud800x\udc00', pair: '😀', hindi: 'रेक', rupee: '₹' },
      { gone: undefined, fn: () => 1, sym: Symbol('s'), kept: 0, [Symbol('k')]: 1 },
      [undefined, () => 1, Symbol('s'), , 1], // a hole, as in a sparse array
      { n: [0, -0, 1e21, 1.5e-7, -12.25, NaN, Infinity, -Infinity, Number.MAX_VALUE] },
      { d: new Date(0), bad: new Date(NaN), boxed: [new String('é'), new Number(2), new Boolean(false)] },
      { own: { toJSON: (key: string) => ({ key }) }, m: new Map([[1, 2]]), t: new Uint16Array([7, 300]) },
      [[[[{ a: [{}, []] }]]]],
      'top',
      42,
      null,
    ];
    for (const v of cases) expect(jsonSize(v), JSON.stringify(v)).toEqual({ bytes: stringified(v), whole: true });
    expect(jsonSize(undefined)).toEqual({ bytes: 0, whole: true });
  });

  it('stops once past the cap: the rest of the value is never read', () => {
    const payload = { pad: 'p'.repeat(100) };
    Object.defineProperty(payload, 'rest', {
      enumerable: true,
      get: () => {
        throw new Error('read past the cap');
      },
    });
    expect(jsonSize(payload, 50)).toEqual({ bytes: 51, whole: false });
  });

  it('reads about cap-many bytes of a huge array, counting each item read', () => {
    let reads = 0;
    const items = new Proxy(new Array<number>(1_000_000).fill(1234), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const size = jsonSize({ items }, 10_000);
    expect(size.whole).toBe(false);
    expect(size.bytes).toBeGreaterThan(10_000);
    // Each item is 5 bytes ("1234,"): the walk read what fits under the cap and one more.
    expect(reads).toBe(Math.ceil((10_000 - '{"items":['.length) / 5) + 1);
  });

  it('is exact when the text passes the cap only with its last byte', () => {
    const v = { a: 'xyz' };
    expect(jsonSize(v, stringified(v) - 1)).toEqual({ bytes: stringified(v), whole: true });
  });

  it('refuses what JSON.stringify refuses: a cycle or a BigInt', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    expect(() => jsonSize(cyclic)).toThrow(/cycle/);
    expect(() => jsonSize({ n: 1n })).toThrow(/BigInt/);
    const shared = { x: 1 };
    expect(jsonSize([shared, shared])).toEqual({ bytes: stringified([shared, shared]), whole: true });
  });
});
