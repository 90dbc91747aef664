import { describe, expect, it } from 'vitest';
import { createRng } from '../synth/prng';
import { parseDecimal } from './csv-scan';

const parse = (s: string) => {
  const b = Buffer.from(s, 'latin1');
  return parseDecimal(b, 0, b.length);
};

describe('parseDecimal', () => {
  it('gives the same double as Number() whenever it gives one, and most written numbers get one', () => {
    const rng = createRng(3);
    const f32 = new Float32Array(1);
    let taken = 0,
      total = 0;
    const mismatches: string[] = [];
    const check = (s: string) => {
      total++;
      const v = parse(s);
      if (Number.isNaN(v)) return;
      taken++;
      if (!Object.is(v, Number(s))) mismatches.push(s);
    };
    for (let i = 0; i < 100_000; i++) {
      const r = rng.next();
      f32[0] = r * 10 - 5;
      check(String(f32[0]));
      check(String(r));
      check(String(-r * 10 ** Math.floor(rng.next() * 12 - 6)));
      check((r * 100).toFixed(2));
      let d = '';
      const n = 1 + rng.index(19);
      for (let k = 0; k < n; k++) d += String(rng.index(10));
      const dot = rng.index(n + 1);
      check(`${d.slice(0, dot)}.${d.slice(dot)}`);
    }
    expect(mismatches).toEqual([]);
    expect(taken / total).toBeGreaterThan(0.95);
  });

  it('reads signs, bare fractions and exponents, and leaves other text to Number()', () => {
    expect(['0', '-0', '+1', '.5', '5.', '1e5', '1E-5', '00012.500', '-3.25e+2'].map(parse)).toEqual([
      0, -0, 1, 0.5, 5, 1e5, 1e-5, 12.5, -325,
    ]);
    for (const s of ['', '-', '.', 'e5', '1e', '1.2.3', ' 1', '0x10', 'Infinity', '12345678901234567890', '1e400'])
      expect(parse(s)).toBeNaN();
  });
});
