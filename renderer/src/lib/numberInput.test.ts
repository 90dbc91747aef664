import { describe, expect, it } from 'vitest';
import { parseNumber } from './numberInput';

describe('a number typed in a form field', () => {
  it('reads what was typed, grouped or not, exactly', () => {
    expect(parseNumber('45', { min: 1 })).toEqual({ ok: true, value: 45 });
    expect(parseNumber(' 1,20,000.5 ')).toEqual({ ok: true, value: 120000.5 });
    expect(parseNumber('.5', { min: 0 })).toEqual({ ok: true, value: 0.5 });
    expect(parseNumber('0', { min: 0 })).toEqual({ ok: true, value: 0 });
  });

  it('names what is wrong instead of turning it into another number', () => {
    expect(parseNumber('')).toEqual({ ok: false, why: 'enter a number' });
    expect(parseNumber('ten')).toEqual({ ok: false, why: '“ten” is not a number' });
    for (const bad of ['1e3', '12t', '1.2.3', 'Infinity', '--1']) expect(parseNumber(bad).ok, bad).toBe(false);
    expect(parseNumber('-30', { above: 0, unit: 'h' })).toEqual({ ok: false, why: 'must be above 0 h' });
    expect(parseNumber('0', { min: 1, max: 3600, unit: 's' })).toEqual({ ok: false, why: 'must be at least 1 s' });
    expect(parseNumber('5000', { min: 1, max: 3600, unit: 's' })).toEqual({ ok: false, why: 'must be at most 3600 s' });
  });

  it('takes only whole numbers where the field counts (days)', () => {
    const days = { min: 1, max: 14, whole: true };
    expect(parseNumber('07', days)).toEqual({ ok: true, value: 7 });
    expect(parseNumber('2.5', days)).toEqual({ ok: false, why: 'must be a whole number' });
    for (const bad of ['', '0', '17', '-3', '1e1', '7 days']) expect(parseNumber(bad, days).ok, bad).toBe(false);
  });
});
