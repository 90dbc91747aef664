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
      // A count's words ({n|…|…}) are the language's own: only the parameter's name must match.
      const ph = (s: string) => [...s.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]).sort();
      expect(ph(v), k).toEqual(ph(CATALOGUES.en[k as keyof typeof CATALOGUES.en]));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{n} of {total} rows', { n: 3, total: 10 })).toBe('3 of 10 rows');
    expect(format('berth {n}', {})).toBe('berth {n}');
    expect(translate('hi', 'grid.rowsOf', { n: 3, total: 10 })).toBe('10 में से 3 पंक्तियाँ');
  });
  it('writes counts with Indian digit grouping, in the words of a count too', () => {
    expect(format('{n} of {total} rows', { n: 1001, total: 123456 })).toBe('1,001 of 1,23,456 rows');
    expect(translate('hi', 'grid.rows', { n: 2000 })).toBe('2,000 पंक्तियाँ');
    expect(format('{n|# rake|# rakes}', { n: 1200 })).toBe('1,200 rakes');
    expect(format('seed {seed}', { seed: '12345' })).toBe('seed 12345');
    expect(format('{v} h', { v: 2.5 })).toBe('2.5 h');
  });
  it("writes a count's words in the form its number takes in the language", () => {
    const words = '{n|# note|# notes}, {r|# rake|# rakes}';
    expect(format(words, { n: 1, r: 0 })).toBe('1 note, 0 rakes');
    expect(format(words, { n: '1,200', r: 2 })).toBe('1,200 notes, 2 rakes');
    expect(format(words, {})).toBe(words);
    expect(translate('en', 'locks.summary', { rakes: 1, road: 1, orders: 0 })).toBe(
      'Locks (1 rake locked, 1 road lot, 0 orders)',
    );
    expect(translate('en', 'locks.summary', { rakes: 2, road: 0, orders: 1 })).toBe(
      'Locks (2 rakes locked, 0 road lots, 1 order)',
    );
    expect(translate('en', 'indent.notes', { n: 1 })).toBe('1 note');
    expect(translate('en', 'indent.notes', { n: 8 })).toBe('8 notes');
    expect(translate('hi', 'indent.notes', { n: 1 })).toBe('1 टिप्पणी');
    expect(translate('hi', 'indent.notes', { n: 8 })).toBe('8 टिप्पणियाँ');
  });
  it("calls a model version's row count what it is: the data set's rows, not the training split's", () => {
    expect(translate('en', 'registry.trainingRows')).toBe('rows in the data set');
    expect(translate('hi', 'registry.trainingRows')).toBe('डेटा सेट की पंक्तियाँ');
  });
  it("heads the indent's split of the expected load as parts of it, not as all open orders", () => {
    expect([translate('en', 'indent.col.openOrders'), translate('en', 'indent.col.forecast')]).toEqual([
      'Of which open orders',
      'Of which forecast',
    ]);
  });
});
