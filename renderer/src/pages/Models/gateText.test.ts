import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../../../core/contract/api/registry';
import { told } from '../../../../core/contract/gate-cells';
import { said, named } from '../../../../core/contract/gate-text';
import { trainStep } from '../../../../core/contract/train-steps';
import { checkCell, checkName, gateSummary } from './gateText';
import { trainStepText } from './trainProgressText';

/** Two English words in a row: a sentence left untranslated (ids, metrics and units are single tokens). */
const english = /\b[a-z]{2,}\b[\s,;:()]+\b[a-z]{2,}\b/i;

// Gates as the host reports them (core/registry/gates.ts builds them with these helpers).
const quality: GateResult = {
  gate: 'data-quality',
  passed: false,
  checks: [
    {
      ...named('training-rows'),
      passed: true,
      value: null,
      ...told('limit', 'at-least', { min: 200 }),
      ...told('detail', 'no-dataset'),
    },
    {
      ...named('missing-rate', { feature: 'lag364' }),
      passed: false,
      value: 0.31,
      ...told('limit', 'at-most', { max: 0.2 }),
    },
  ],
  ...said('checks-failed', { n: 1, checks: 'lag364 missing rate' }),
};
const improvement: GateResult = {
  gate: 'improvement',
  passed: true,
  checks: [{ ...named('vs-production-at', { metric: 'MAE', version: 3 }), passed: true, value: 1, limit: 2 }],
  ...said('figure-on-holdout', { metric: 'MAE', value: 30.392, unit: ' t/day', rows: 20000 }),
};
// A failing improvement gate: its summary lists each failed check with its value or detail.
const worse = [
  {
    ...named('vs-production-at', { metric: 'MAE', version: 3 }),
    passed: false,
    ...told('value', 'versus-worse', { cand: 31.5, ref: 30.5, unit: ' t/day', pct: '3.3' }),
    ...told('limit', 'gain-at-least', { pct: '1.0' }),
    ...told('detail', 'rows-production-unseen', { rows: 1200, all: 20000 }),
  },
  {
    ...named('vs-registry-baseline', { metric: 'MAE' }),
    passed: false,
    value: null,
    ...told('limit', 'lower'),
    ...told('detail', 'baseline-mean-by', { target: 'tonnes', column: 'lane' }),
  },
  {
    ...named('vs-production', { metric: 'MAE' }),
    passed: false,
    value: null,
    ...told('limit', 'comparable'),
    ...told('detail', 'not-comparable-imported', { model: 'm', version: 3 }),
  },
];
const failedImprovement: GateResult = {
  gate: 'improvement',
  passed: false,
  checks: worse,
  ...said('checks-failed-values', { checks: 'as the host wrote them' }),
};
const stability: GateResult = {
  gate: 'stability',
  passed: true,
  checks: [{ ...named('segment', { column: 'destination', value: 'Delhi' }), passed: true, value: 1, limit: 2 }],
  ...said('segments-ok-production', { n: 54, version: 3 }),
};
const consistency: GateResult = {
  gate: 'consistency',
  passed: true,
  checks: [],
  ...said('change-holdout', { share: 90, change: '2.0', n: 1200 }),
};

describe('gate results and training steps in Hindi', () => {
  it('leave no English sentence in a gate report or a progress line', () => {
    const lines = [quality, improvement, failedImprovement, stability, consistency].flatMap((g) => [
      gateSummary(g, 'hi'),
      ...g.checks.flatMap((c) => [
        checkName(c, 'hi'),
        ...(['value', 'limit', 'detail'] as const).map((k) => checkCell(c, k, 'hi') ?? ''),
      ]),
    ]);
    const history = { code: 'table', table: 'trips', rows: 6689, demo: null } as const;
    lines.push(
      trainStepText(trainStep('loading-history', { table: 'trips' }), 'hi'),
      trainStepText(trainStep('training-rows', { rows: '6,689', source: 'database table trips' }, history), 'hi'),
    );
    for (const line of lines) expect(line).not.toMatch(english);
    expect(lines).toContain('1 जाँच विफल: lag364 की अनुपलब्ध दर');
    expect(lines).toContain('20,000 होल्डआउट पंक्तियों पर MAE 30.392 t/दिन');
    expect(lines).toContain('54 खंड प्रोडक्शन @3 से खराब नहीं');
    expect(lines).toContain('31.5 t/दिन बनाम 30.5 t/दिन (3.3 % खराब)');
    expect(gateSummary(failedImprovement, 'hi')).toContain('MAE बनाम प्रोडक्शन @3: 31.5 t/दिन बनाम 30.5 t/दिन');
  });

  it('show English as the host wrote it, and an older report without codes as it is', () => {
    expect(gateSummary(improvement, 'en')).toBe('MAE 30.392 t/day on 20,000 holdout rows');
    expect(checkName(quality.checks[1]!, 'en')).toBe('lag364 missing rate');
    const old: GateResult = { gate: 'stability', passed: true, checks: [], summary: '54 segments no worse than x' };
    expect(gateSummary(old, 'hi')).toBe('54 segments no worse than x');
    expect(checkName({ name: 'training rows', passed: true, value: 1, limit: 2 }, 'hi')).toBe('training rows');
    expect(checkCell(worse[0]!, 'value', 'en')).toBe('31.5 t/day vs 30.5 t/day (3.3 % worse)');
    expect(checkCell({ name: 'x', passed: true, value: 'all present', limit: null }, 'value', 'hi')).toBe(
      'all present',
    );
  });
});
