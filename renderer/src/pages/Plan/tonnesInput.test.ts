import { describe, expect, it } from 'vitest';
import { parseTonnes } from './tonnesInput';

describe('tonnes typed in an edit form', () => {
  it('reads grouped figures and decimals', () => {
    expect(parseTonnes('1,200', { zeroAllowed: false })).toEqual({ ok: true, tonnes: 1200 });
    expect(parseTonnes(' 1,20,000.5 ', { zeroAllowed: false })).toEqual({ ok: true, tonnes: 120000.5 });
    expect(parseTonnes('.5', { zeroAllowed: false })).toEqual({ ok: true, tonnes: 0.5 });
    expect(parseTonnes('0', { zeroAllowed: true })).toEqual({ ok: true, tonnes: 0 });
  });

  it('refuses what is not a tonnage instead of reading it as all or nothing', () => {
    for (const bad of ['abc', '-5', '-50', '1e3', '12t', '', '1.2.3', 'Infinity'])
      expect(parseTonnes(bad, { zeroAllowed: true })).toEqual({ ok: false });
    expect(parseTonnes('0', { zeroAllowed: false })).toEqual({ ok: false });
  });
});
