import { afterEach, describe, expect, it } from 'vitest';
import { useLang } from '../i18n';
import { formatDate } from './dates';
import { aliasLabel, driftLabel, eventLabel, isMetric, metricLabel, statusLabel } from './modelLabels';

describe('status words and names in the chosen language', () => {
  afterEach(() => useLang.getState().setLang('en'));

  it('keeps the English words the pages showed, and says them in Hindi', () => {
    expect([statusLabel('not-loaded'), aliasLabel('production'), eventLabel('rollback'), driftLabel('warn')]).toEqual([
      'not-loaded',
      'production',
      'rollback',
      'warn',
    ]);
    useLang.getState().setLang('hi');
    expect([statusLabel('loaded'), aliasLabel('production'), eventLabel('rollback'), driftLabel('ok')]).toEqual([
      'लोड है',
      'प्रोडक्शन',
      'रोलबैक',
      'ठीक',
    ]);
  });

  it('shows a word the contract adds later as it comes', () => {
    useLang.getState().setLang('hi');
    expect(statusLabel('warming-up')).toBe('warming-up');
  });

  it('translates named metrics and keeps abbreviations', () => {
    useLang.getState().setLang('hi');
    expect([metricLabel('mae'), metricLabel('accuracy'), metricLabel('n')]).toEqual(['MAE', 'सटीकता', 'n']);
    expect([isMetric('logloss'), isMetric('n')]).toEqual([true, false]);
  });

  it('names the months of dates in the chosen language', () => {
    expect(formatDate('2026-11-22')).toBe('22 Nov 2026');
    useLang.getState().setLang('hi');
    expect(formatDate('2026-11-22')).toBe('22 नव॰ 2026');
    useLang.getState().setLang('en');
    expect(formatDate('2026-02-13')).toBe('13 Feb 2026');
  });
});
