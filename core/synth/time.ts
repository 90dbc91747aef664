import { DAY_MS, HOUR_MS, istMidnight } from '../domain/plant-time';

/**
 * The plan's start for a seed: 06:00 IST (the morning shift) on a day of 2026 chosen by the seed.
 * Derived from the seed, never from the clock, so a seed always gives the same scenario.
 */
export function planStartForSeed(seed: number): number {
  const dayOfYear = ((Math.trunc(seed) % 365) + 365) % 365;
  return istMidnight('2026-01-01') + dayOfYear * DAY_MS + 6 * HOUR_MS;
}
