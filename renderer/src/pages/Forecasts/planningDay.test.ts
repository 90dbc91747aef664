import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../../core/contract/api/scenarios';
import { useLang } from '../../i18n';
import { defaultPlanningDay, indentScenario, planningDayNote } from './planningDay';

const scenario = (id: string, name: string, horizonStart: string) => ({ id, name, horizonStart }) as ScenarioSummary;
const list = [
  scenario('a', 'Demo plant', '2026-01-02T06:00:00+05:30'),
  scenario('b', 'Week 49', '2026-12-01T00:30:00+05:30'),
];
const today = '2026-12-06';

describe("the Forecasts page's planning day", () => {
  afterEach(() => useLang.setState({ lang: 'en' }));

  it("is the open scenario's first day on the plant clock, and says so", () => {
    const day = defaultPlanningDay(list, 'b', today);
    expect(day).toEqual({ date: '2026-12-01', scenario: 'Week 49' });
    expect(planningDayNote(day, today)).toBe(
      'The first day of scenario “Week 49”: the day “Update from forecasts” asks these models for, and the plan’s first day (today is 6 Dec 2026).',
    );
  });

  it('is the first listed scenario’s when none is open, today without a scenario, and says nothing when it is today', () => {
    expect(defaultPlanningDay(list, null, today)).toEqual({ date: '2026-01-02', scenario: 'Demo plant' });
    expect(defaultPlanningDay(list, 'gone', today).scenario).toBe('Demo plant');
    const none = defaultPlanningDay([], null, today);
    expect(none).toEqual({ date: today, scenario: null });
    expect(planningDayNote(none, today)).toBeNull();
    expect(planningDayNote({ date: today, scenario: 'Demo plant' }, today)).toBeNull();
  });

  it('says why in Hindi too', () => {
    useLang.setState({ lang: 'hi' });
    expect(planningDayNote(defaultPlanningDay(list, 'a', today), today)).toMatch(/^परिदृश्य “Demo plant” का पहला दिन:/);
  });

  it('and the indent take the same scenario until the planner picks another for the indent', () => {
    expect(indentScenario(list, '', 'b')).toBe('b');
    expect(indentScenario(list, 'a', 'b')).toBe('a');
    expect(indentScenario(list, 'gone', null)).toBe('a');
    expect(indentScenario([], '', null)).toBe('');
  });
});
