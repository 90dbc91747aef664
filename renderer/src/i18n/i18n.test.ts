import { describe, expect, it } from 'vitest';
import { CATALOGUES, format, translate } from './index';

describe('message catalogue', () => {
  it('has the same keys in every language, none empty', () => {
    const keys = Object.keys(CATALOGUES.en).sort();
    for (const [lang, cat] of Object.entries(CATALOGUES)) {
      expect(Object.keys(cat).sort(), lang).toEqual(keys);
      for (const k of keys) expect((cat as Record<string, string>)[k]!.trim(), `${lang} ${k}`).not.toBe('');
    }
  });
  it('writes Hindi in Devanagari and keeps every placeholder of the English text', () => {
    for (const [k, v] of Object.entries(CATALOGUES.hi)) {
      expect(v, k).toMatch(/[\u0900-\u097F]/);
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(v), k).toEqual(ph(CATALOGUES.en[k as keyof typeof CATALOGUES.en]));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{n} of {total} rows', { n: 3, total: 10 })).toBe('3 of 10 rows');
    expect(format('berth {n}', {})).toBe('berth {n}');
    expect(translate('hi', 'grid.rowsOf', { n: 3, total: 10 })).toBe('10 में से 3 पंक्तियाँ');
  });
});
