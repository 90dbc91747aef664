import { toIst } from './plant-time';

/**
 * Figures and times in plain text as the plant writes them — Indian digit grouping with the unit,
 * times on the plant's clock — for the command line's lines, the solver's notes, the reasons a
 * plan gives and the names and titles of saved plans.
 */
export const grouped = (x: number): string => {
  const r = Math.round(x);
  return (r === 0 ? 0 : r).toLocaleString('en-IN'); // "0", never "-0"
};

/** "₹1,23,456"; a negative amount "−₹19,41,900" (the sign before the currency, a true minus). */
export const rupees = (x: number): string => (Math.round(x) < 0 ? `−₹${grouped(-x)}` : `₹${grouped(x)}`);

export const tonnes = (x: number): string => `${grouped(x)} t`;
/** A count with its noun in the singular or the plural ("1 rake", "12 rakes"). */
export const counted = (n: number, one: string, many = `${one}s`): string => `${grouped(n)} ${n === 1 ? one : many}`;

/** ₹/t in whole rupees, or with both paise digits ("₹3,125.70/t", never "₹3,125.7/t"). */
export function rupeesPerT(x: number): string {
  const paise = Math.round(x * 100);
  const digits = paise % 100 === 0 ? 0 : 2;
  return `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: digits, maximumFractionDigits: digits })}/t`;
}

/**
 * An instant (ISO text, any zone, e.g. a stored UTC `createdAt`) on the plant's clock: "2026-12-06 07:40".
 * Read as a wall clock reads: 07:40:59.6 is still 07:40 (rounding would show a minute not yet reached).
 */
export function plantClock(at: string): string {
  return toIst(Math.floor(Date.parse(at) / 60_000) * 60_000)
    .slice(0, 16)
    .replace('T', ' ');
}
