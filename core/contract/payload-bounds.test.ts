import { describe, expect, it } from 'vitest';
import { jsonWidthFault } from './payload-bounds';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const object = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":[1,2,{"a":"x,y"}]`).join(',')}}`;

describe('JSON width scan', () => {
  it('finds an object of more fields than allowed, at any depth, and passes one of exactly that many', () => {
    expect(jsonWidthFault(bytes(object(10)), 10)).toBeNull();
    expect(jsonWidthFault(bytes(object(11)), 10)).toBe('an object holds more than 10 fields.');
    expect(jsonWidthFault(bytes(`{"a":[${object(11)}]}`), 10)).toBe('an object holds more than 10 fields.');
  });

  it('counts neither array items nor commas and brackets inside strings, escaped quotes included', () => {
    expect(jsonWidthFault(bytes(`[${Array(50).fill(1).join(',')}]`), 10)).toBeNull();
    const tricky = JSON.stringify({ a: 'x", "b": 1, "c": {,,,,,,,,,,,,', b: '\\', c: '₹,₹,₹,₹,₹,₹,₹,₹,₹,₹,₹,₹' });
    expect(jsonWidthFault(bytes(tricky), 3)).toBeNull();
    expect(jsonWidthFault(bytes(tricky), 2)).toBe('an object holds more than 2 fields.');
  });
});
