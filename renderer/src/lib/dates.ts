/**
 * One date format everywhere, always with the year: "22 Nov 2026" and "22 Nov 2026, 06:00".
 * Times are shown on the clock of the offset they were stored with (plant time), never the
 * viewer's zone, so a planner abroad reads the same hours as the siding.
 */
import { t, useLang } from '../i18n';

// Month names come from the catalogue, split once per language (grids format thousands of dates).
let months = { lang: '', names: [] as string[] };
function monthName(mo: number): string {
  const lang = useLang.getState().lang;
  if (months.lang !== lang) months = { lang, names: t('date.months').split(' ') };
  return months.names[mo] ?? String(mo + 1);
}

/** The offset of an ISO timestamp in minutes (`Z` or none: 0). */
export function offsetMinutes(iso: string): number {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  if (!m || iso.length <= 10) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Wall-clock parts of `ms` at `offsetMin`. */
export function clockParts(ms: number, offsetMin: number) {
  const d = new Date(ms + offsetMin * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateAt(ms: number, offsetMin: number): string {
  const p = clockParts(ms, offsetMin);
  return `${p.d} ${monthName(p.mo)} ${p.y}`;
}

export function formatDateTimeAt(ms: number, offsetMin: number): string {
  const p = clockParts(ms, offsetMin);
  return `${p.d} ${monthName(p.mo)} ${p.y}, ${pad(p.h)}:${pad(p.mi)}`;
}

export const formatHourAt = (ms: number, offsetMin: number) => {
  const p = clockParts(ms, offsetMin);
  return `${pad(p.h)}:${pad(p.mi)}`;
};

/** "2026-11-22" or an ISO timestamp → "22 Nov 2026" (or with its time). Unparsable text is shown as is. */
export function formatDate(isoOrDate: string): string {
  const ms = Date.parse(isoOrDate.length === 10 ? `${isoOrDate}T00:00:00Z` : isoOrDate);
  return Number.isNaN(ms) ? isoOrDate : formatDateAt(ms, offsetMinutes(isoOrDate));
}

export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (iso.length === 10) return formatDate(iso);
  return formatDateTimeAt(ms, offsetMinutes(iso));
}

/** The plant's calendar date (IST) of `ms`, "YYYY-MM-DD": from 18:30 UTC it is already the next day. */
export function plantDate(ms: number = Date.now()): string {
  const p = clockParts(ms, 330);
  return `${p.y}-${pad(p.mo + 1)}-${pad(p.d)}`;
}

/** A moment (ISO text or ms) on the plant's clock (IST), in the one format: "5 Dec 2026, 10:35". */
export function formatInstant(at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(ms) ? String(at) : formatDateTimeAt(ms, 330);
}
