import type { ScenarioSummary } from '../../../../core/contract/api/scenarios';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';

/** The day the operational forecasts are asked for until the planner picks one, and whose it is. */
export interface PlanningDay {
  date: string;
  /** The scenario whose first day it is; null: today, for want of a scenario. */
  scenario: string | null;
}

/**
 * The open scenario's first day (else the first listed, as the indent panel picks): the day
 * "Update from forecasts" asks the models for (core/forecasts/apply.ts) and the plan's first day,
 * so the page shows the figures the plan would take. A scenario's horizon start is written on the
 * plant clock: its first ten characters are the plant's date. Without a scenario, today.
 */
export function defaultPlanningDay(
  list: readonly ScenarioSummary[],
  openId: string | null,
  today: string,
): PlanningDay {
  const sc = list.find((s) => s.id === openId) ?? list[0];
  return sc ? { date: sc.horizonStart.slice(0, 10), scenario: sc.name } : { date: today, scenario: null };
}

/**
 * The scenario the indent is asked for: the one the planner chose while it is listed, else the
 * scenario open on the Plan page, as the planning day takes it, else the first.
 */
export function indentScenario(list: readonly ScenarioSummary[], chosenId: string, openId: string | null): string {
  const listed = (id: string | null) => list.find((s) => s.id === id)?.id;
  return listed(chosenId) ?? listed(openId) ?? list[0]?.id ?? '';
}

/** Why the page asks for a day that is not today; null when it is today. */
export function planningDayNote(day: PlanningDay, today: string): string | null {
  if (day.scenario === null || day.date === today) return null;
  return t('forecast.planningDayScenario', { scenario: day.scenario, today: formatDate(today) });
}
