import { afterEach, describe, expect, it } from 'vitest';
import { trainStep } from '../../../../core/contract/train-steps';
import { useLang } from '../../i18n';
import { trainProgressText } from './trainProgressText';
import type { TrainRun } from './TrainStore';

const run = (step: TrainRun['step']): TrainRun => ({
  ctrl: null,
  jobId: 'j1',
  history: [],
  last: null,
  lastModel: null,
  step,
  stage: 'loading',
  partOffsetMs: 0,
});
const generated = { code: 'generated', seed: 7, days: 730, why: 'no-database', table: 'history_trips' } as const;

afterEach(() => useLang.setState({ lang: 'en' }));

describe("a training's line before its first round", () => {
  it("shows the host's step in English as the host wrote it", () => {
    const step = trainStep(
      'training-rows',
      { rows: '6,689', source: 'synthetic history (seed 7, 730 days)' },
      generated,
    );
    expect(trainProgressText(run(step))).toBe('6,689 training rows from synthetic history (seed 7, 730 days)');
  });

  it('words the step and where its rows came from in Hindi', () => {
    useLang.setState({ lang: 'hi' });
    expect(trainProgressText(run(trainStep('loading-history', { table: 'trips' })))).toBe('trips इतिहास लोड हो रहा है');
    const rows = trainProgressText(run(trainStep('training-rows', { rows: '6,689', source: 'x' }, generated)));
    expect(rows).toMatch(/ से 6,689 प्रशिक्षण पंक्तियाँ$/);
    expect(rows).not.toContain('synthetic');
  });
});
