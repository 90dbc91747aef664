/**
 * Plant time is IST (+05:30, no daylight saving). Timestamps the app writes carry that offset so
 * they are unambiguous and read the way planners see them; "today" is the plant's date.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const IST_OFFSET_MS = 5.5 * HOUR_MS;
/**
 * The plant clock's offset from UTC [min]. Working hours and planning days are read on it whatever
 * offset a scenario's timestamps are written with: the same instant written as `…T00:30:00Z` or
 * `…T06:00:00+05:30` is the same plant hour.
 */
export const PLANT_OFFSET_MIN = 330;

/** Epoch ms → `2026-03-01T06:00:00+05:30`. */
export function toIst(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000 + IST_OFFSET_MS).toISOString().slice(0, 19) + '+05:30';
}

/** Epoch ms → the IST calendar date `2026-03-01`. */
export function istDate(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight IST of a `YYYY-MM-DD` date, as epoch ms. */
export function istMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - IST_OFFSET_MS;
}

/** IST month 1–12 and weekday 0 (Sunday) – 6 of an epoch ms. */
export function istCalendar(ms: number): { month: number; weekday: number; dayOfMonth: number } {
  const d = new Date(ms + IST_OFFSET_MS);
  return { month: d.getUTCMonth() + 1, weekday: d.getUTCDay(), dayOfMonth: d.getUTCDate() };
}
