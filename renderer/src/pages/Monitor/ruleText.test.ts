import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../../core/contract/api/monitoring';
import { useLang } from '../../i18n';
import { ruleText } from './ruleText';

// Rules of each kind with the host's English text of them (core/monitoring/alerts.ts, describeRule).
const RULES: [AlertRule, string][] = [
  [
    {
      id: 'a',
      type: 'latency',
      series: 'call',
      scope: 'interactive',
      quantile: 'p95',
      thresholdMs: 500,
      forMinutes: 5,
      enabled: true,
    },
    'call (interactive) p95 > 500 ms for 5 min',
  ],
  [
    {
      id: 'b',
      type: 'latency',
      series: 'call',
      scope: 'jobs',
      quantile: 'p95',
      thresholdMs: 3_900_000,
      forMinutes: 5,
      enabled: true,
    },
    'long jobs (solve, training, batch) p95 > 65 min for 5 min',
  ],
  [
    { id: 'c', type: 'error-rate', series: 'call', threshold: 0.01, forMinutes: 5, minCount: 20, enabled: true },
    'call failure rate > 1.0 % over 5 min (at least 20 calls; refusals and cancels are not failures)',
  ],
  [{ id: 'd', type: 'model-not-loaded', enabled: true }, 'a production model failed to load'],
  [{ id: 'e', type: 'drift', enabled: true }, 'input drift detected (PSI or KS beyond its threshold)'],
];

describe('alert rules as the Monitor page words them', () => {
  afterEach(() => useLang.setState({ lang: 'en' }));
  it("read in English as the host's own text", () => {
    for (const [rule, text] of RULES) expect(ruleText(rule)).toBe(text);
  });
  it('read in Hindi with no English words but codes (p95, PSI, KS)', () => {
    useLang.setState({ lang: 'hi' });
    for (const [rule] of RULES) {
      const text = ruleText(rule);
      expect(text, rule.id).toMatch(/[\u0900-\u097F]/);
      expect(text.replace(/\b(p\d+|PSI|KS)\b/g, ''), rule.id).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});
