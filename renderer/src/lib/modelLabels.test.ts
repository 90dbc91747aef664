import { afterEach, describe, expect, it } from 'vitest';
import { useLang } from '../i18n';
import { formatDate } from './dates';
import { MODEL_SPECS } from '../../../models';
import {
  aliasLabel,
  driftLabel,
  eventLabel,
  isMetric,
  metricLabel,
  metricValue,
  specText,
  statusLabel,
} from './modelLabels';

describe('status words and names in the chosen language', () => {
  afterEach(() => useLang.getState().setLang('en'));

  it('says the status words in plain English, and in Hindi', () => {
    expect([statusLabel('not-loaded'), aliasLabel('production'), eventLabel('rollback'), driftLabel('warn')]).toEqual([
      'not loaded yet',
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

  it('shows an error metric with the model unit, a share as %, a count grouped', () => {
    expect(metricValue('mae', 7.659, 'h')).toBe('7.66 h');
    expect(metricValue('rmse', 142.2, 't/day')).toBe('142 t/day');
    expect(metricValue('mae', 0.0123, null)).toBe('0.012');
    expect(metricValue('logloss', 0.31, 'probability')).toBe('0.310');
    expect(metricValue('wape', 0.1, '₹/t')).toBe('10.0 %');
    expect(metricValue('n', 12345, 'h')).toBe('12,345');
    expect(metricValue('mae', undefined, 'h')).toBe('–');
  });

  it("gives every model spec its title and description in Hindi, and the host's text to others", () => {
    // The English messages are the specs' own texts, so neither drifts from the other.
    for (const spec of MODEL_SPECS) {
      expect(specText(spec.name, 'title', '')).toBe(spec.title);
      expect(specText(spec.name, 'description', '')).toBe(spec.description);
    }
    useLang.getState().setLang('hi');
    expect(specText('transit-delay', 'title', 'Rail transit time (with P10/P90)')).toBe('रेल ट्रांज़िट समय (P10/P90 सहित)');
    for (const spec of MODEL_SPECS) expect(specText(spec.name, 'description', '')).toMatch(/[\u0900-\u097F]/);
    expect(specText('from-a-csv', 'title', 'From a CSV')).toBe('From a CSV');
  });
});
