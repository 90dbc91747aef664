import type { ColumnSpec } from '../domain/scenario-tables';
import { splitUnit, unitFits } from './units';

/**
 * One spreadsheet cell → the field's value. Accepts what planners type: `1,250.5` or `1250 t`,
 * yes/no, `P1`, `26-01-2026 18:00` (read as IST), Excel dates. Returns an error text instead of
 * guessing when a cell cannot be read.
 */
export type CellValue = string | number | boolean | Date | null | undefined | CellFault;
export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * A workbook cell with no value to read: a formula Excel never calculated (files written by other
 * programs) or an Excel error such as `#DIV/0!`. Kept apart from text so the message can say so.
 */
export type CellFault = { fault: 'formula'; formula: string } | { fault: 'error'; error: string };

export function isFault(v: CellValue): v is CellFault {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** What a cell holds, as text for messages and headers. */
export function cellText(v: CellValue): string {
  if (isFault(v)) return v.fault === 'formula' ? `=${v.formula}` : v.error;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Why a fault cannot be read, for the row's message. */
export function describeFault(f: CellFault): string {
  return f.fault === 'formula'
    ? `holds a formula (=${f.formula}) with no saved result; open the file in Excel and save it again`
    : `holds the error ${f.error}`;
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function parseCell(c: ColumnSpec, v: CellValue): Parsed {
  if (isBlank(v)) return ok(undefined);
  if (isFault(v)) return bad(describeFault(v));
  switch (c.kind) {
    case 'number':
    case 'int': {
      const n = toNumber(v, c.unit);
      if (typeof n === 'string') return bad(n);
      if (n === null) return bad(`'${cellText(v)}' is not a number`);
      if (c.kind === 'int' && !Number.isInteger(n)) return bad(`'${cellText(v)}' is not a whole number`);
      return ok(n);
    }
    case 'priority': {
      const s = String(v instanceof Date ? '' : v)
        .trim()
        .toLowerCase();
      const map: Record<string, number> = {
        1: 1,
        2: 2,
        3: 3,
        p1: 1,
        p2: 2,
        p3: 3,
        high: 1,
        medium: 2,
        normal: 2,
        low: 3,
      };
      return s in map ? ok(map[s]) : bad(`'${cellText(v)}' is not a priority (1, 2 or 3)`);
    }
    case 'bool': {
      if (typeof v === 'boolean') return ok(v);
      const s = String(v).trim().toLowerCase();
      if (['yes', 'y', 'true', '1', 'allowed'].includes(s)) return ok(true);
      if (['no', 'n', 'false', '0', 'not allowed'].includes(s)) return ok(false);
      return bad(`'${cellText(v)}' is not yes/no`);
    }
    case 'enum': {
      const s = String(v).trim().toLowerCase();
      const synonyms: Record<string, string> = {
        both: 'either',
        any: 'either',
        'rail/road': 'either',
        'rail or road': 'either',
      };
      const hit = c.options?.find((o) => String(o).toLowerCase() === (synonyms[s] ?? s));
      return hit !== undefined ? ok(hit) : bad(`'${cellText(v)}' must be one of ${c.options?.join(', ')}`);
    }
    case 'list':
      return ok(
        String(v)
          .split(/[;|,]/)
          .map((x) => x.trim())
          .filter(Boolean),
      );
    case 'timestamp':
      return toTimestamp(v);
    case 'date': {
      const t = toTimestamp(v);
      return t.ok ? ok((t.value as string).slice(0, 10)) : t;
    }
    default:
      return ok(v instanceof Date ? v.toISOString() : String(v).trim());
  }
}

/** The number, null when the cell is no number, or why its unit does not belong in the column. */
function toNumber(v: CellValue, columnUnit: string | undefined): number | null | string {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  // The column's own unit (`1,250 t`, `₹ 3,000`) is common in sheets; another unit is a mistake.
  const split = splitUnit(v);
  const n = split && plainNumber(split.number);
  if (!split || n === null) return null;
  if (split.unit !== undefined && !unitFits(split.unit, columnUnit)) {
    return `'${v.trim()}' has unit ${split.unit}; ${columnUnit ? `this column is in ${columnUnit}` : 'this column has no unit'}`;
  }
  return n;
}

/** Separators must group digits the western (1,250,000) or Indian (12,50,000) way: `1,2,3` is a typo, not 123. */
function plainNumber(u: string): number | null {
  if (u.includes(',') && !/^[-+]?(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3})(\.\d+)?$/.test(u)) return null;
  const s = u.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel dates carry no zone: their wall-clock reading is taken as IST. */
function fromWallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+05:30`;
}

function toTimestamp(v: CellValue): Parsed {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('is not a valid date');
    return ok(
      fromWallClock(
        v.getUTCFullYear(),
        v.getUTCMonth() + 1,
        v.getUTCDate(),
        v.getUTCHours(),
        v.getUTCMinutes(),
        v.getUTCSeconds(),
      ),
    );
  }
  const s = String(v).trim();
  // ISO with a zone: kept as written.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) {
    return ok(/T\d{2}:\d{2}(Z|[+-])/.test(s) ? s.replace(/T(\d{2}:\d{2})(Z|[+-])/, 'T$1:00$2') : s);
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const [, y = '', mo = '', d = '', h = '0', mi = '0', sec = '0'] = m;
    return checked(+y, +mo, +d, +h, +mi, +sec, s);
  }
  // Indian day-first dates: 26-01-2026, 26/01/2026 18:00.
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const [, d = '', mo = '', y = '', h = '0', mi = '0', sec = '0'] = m;
    return checked(+y, +mo, +d, +h, +mi, +sec, s);
  }
  return bad(
    `'${s}' is not a date/time (use 2026-01-26T18:00:00+05:30, 2026-01-26 18:00 or 26-01-2026 18:00; times without a zone are IST)`,
  );
}

function checked(y: number, mo: number, d: number, h: number, mi: number, s: number, raw: string): Parsed {
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    probe.getUTCFullYear() !== y ||
    probe.getUTCMonth() !== mo - 1 ||
    probe.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return bad(`'${raw}' is not a real date/time`);
  }
  return ok(fromWallClock(y, mo, d, h, mi, s));
}
