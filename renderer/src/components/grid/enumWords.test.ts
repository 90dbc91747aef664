import { afterEach, describe, expect, it } from 'vitest';
import { useLang } from '../../i18n';
import { enumWord } from './enumWords';

describe('choice column values', () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  it('read in Hindi when the interface is in Hindi, and codes stay as stored', () => {
    useLang.setState({ lang: 'hi' });
    expect(['rail', 'road', 'either'].map((m) => enumWord('modes', m))).toEqual(['रेल', 'सड़क', 'रेल या सड़क']);
    expect(enumWord('status', 'dispatched')).toBe('रवाना');
    expect(enumWord('family', 'HR_COIL')).toBe('HR_COIL');
  });
});
