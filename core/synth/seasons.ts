import { CONSTRUCTION_PRODUCTS, CONSUMER_PRODUCTS } from './bokaro';

/**
 * The seasonal effects planners know, as multipliers. Kept in one place so the generator and its
 * tests agree on what "monsoon" and "festive" mean.
 */
export const MONSOON_MONTHS = new Set([6, 7, 8, 9]);
export const FESTIVE_MONTHS = new Set([10, 11]);

/** Demand multiplier for a product on a day. */
export function demandFactor(product: string, month: number, weekday: number, dayOfMonth: number): number {
  let f = 1;
  if (MONSOON_MONTHS.has(month)) f *= CONSTRUCTION_PRODUCTS.has(product) ? 0.72 : 0.92;
  if (FESTIVE_MONTHS.has(month)) f *= CONSUMER_PRODUCTS.has(product) ? 1.32 : 1.15;
  // Financial year ends 31 March: buyers and sales offices close targets, strongest late in the month.
  if (month === 3) f *= dayOfMonth > 15 ? 1.35 : 1.15;
  if (month === 4) f *= 0.9;
  const weekdayFactor = WEEKDAY_DEMAND[weekday];
  if (weekdayFactor === undefined)
    throw new RangeError(`demandFactor: weekday must be 0 (Sunday) to 6 (Saturday), got ${weekday}`);
  return f * weekdayFactor;
}

/** Sunday … Saturday: Sundays quiet, Mondays catch up. */
const WEEKDAY_DEMAND = [0.55, 1.2, 1.08, 1.05, 1.05, 1.02, 0.85];

/** Transit slows in the monsoon (speed restrictions, washouts, diversions). */
export function transitFactor(month: number): number {
  return MONSOON_MONTHS.has(month) ? 1.22 : month === 12 || month === 1 ? 1.06 /* winter fog in the north */ : 1;
}

/** Loading slows in the monsoon (wet coils wait under cover, crane stoppages). */
export function loadingFactor(month: number): number {
  return MONSOON_MONTHS.has(month) ? 0.86 : 1;
}

/** Rake placements come later in the monsoon and at weekends. */
export function placementDelayFactor(month: number, weekday: number): number {
  return (MONSOON_MONTHS.has(month) ? 1.4 : 1) * (weekday === 0 || weekday === 6 ? 1.2 : 1);
}
