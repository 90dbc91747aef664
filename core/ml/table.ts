import { ReasonError } from '../contract/reason-error';

/**
 * A column-oriented table: what CSV files, SQLite history tables and prediction requests become
 * before features are encoded. Numbers are Float64Array (NaN = missing), text and dates are
 * string arrays (null = missing); dates keep their ISO text and add a day number for ordering.
 */
export type Cell = number | string | null | undefined;
export type ColumnType = 'numeric' | 'categorical' | 'date';

export interface Column {
  name: string;
  type: ColumnType;
  /** numeric: the values; date: days since 1970-01-01 (NaN = missing). */
  num: Float64Array | null;
  /** categorical and date: the text. */
  str: (string | null)[] | null;
}

export interface Table {
  nRows: number;
  columns: Column[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isMissing(v: Cell): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** Infer a column's type from its values: all numbers → numeric, all ISO dates → date, else categorical. */
export function inferType(values: readonly Cell[]): ColumnType {
  let seen = 0;
  let numeric = true;
  let date = true;
  for (const v of values) {
    if (isMissing(v)) continue;
    seen++;
    if (typeof v === 'number') {
      date = false;
      continue;
    }
    const s = String(v).trim();
    if (numeric && !Number.isFinite(Number(s))) numeric = false;
    if (date && !ISO_DATE.test(s)) date = false;
    if (!numeric && !date) return 'categorical';
  }
  if (seen === 0) return 'numeric';
  return numeric ? 'numeric' : date ? 'date' : 'categorical';
}

export function dayNumber(s: string): number {
  const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  return Number.isNaN(t) ? NaN : Math.floor(t / 86_400_000);
}

/** The ISO date of a day number (dayNumber's inverse). */
export const isoOfDay = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** Build a column from raw cells; numeric text that does not parse is an error naming the row. */
export function makeColumn(
  name: string,
  cells: readonly Cell[],
  type: ColumnType = inferType(cells),
  table = 'input',
): Column {
  if (type === 'numeric') {
    const num = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (isMissing(v)) {
        num[i] = NaN;
        continue;
      }
      const x = typeof v === 'number' ? v : Number(String(v).trim());
      if (!Number.isFinite(x))
        throw new ReasonError({
          code: 'cell-not-number',
          params: { table, row: i + 1, column: name, value: String(v) },
        });
      num[i] = x;
    }
    return { name, type, num, str: null };
  }
  const str = cells.map((v) => (isMissing(v) ? null : String(v).trim()));
  if (type === 'date') {
    const num = new Float64Array(cells.length);
    for (let i = 0; i < str.length; i++) {
      const s = str[i] ?? null;
      num[i] = s === null ? NaN : dayNumber(s);
      if (s !== null && Number.isNaN(num[i]!))
        throw new ReasonError({ code: 'cell-not-date', params: { table, row: i + 1, column: name, value: s } });
    }
    return { name, type, num, str };
  }
  return { name, type, num: null, str };
}

/**
 * The type given for a column, if any. Own keys only: a column named `toString`, `constructor` or
 * `__proto__` must not read an Object.prototype member as its type.
 */
export function typeGiven(types: Record<string, ColumnType>, name: string): ColumnType | undefined {
  return Object.hasOwn(types, name) ? types[name] : undefined;
}

export function tableFromRows(
  rows: readonly Record<string, Cell>[],
  types: Record<string, ColumnType> = {},
  tableName = 'input',
): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  return {
    nRows: rows.length,
    columns: names.map((n) =>
      makeColumn(
        n,
        rows.map((r) => r[n]),
        typeGiven(types, n),
        tableName,
      ),
    ),
  };
}

export function getColumn(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.name === name);
}

export function cellAt(c: Column, i: number): number | string | null {
  if (c.type === 'numeric') {
    const v = c.num![i]!;
    return Number.isNaN(v) ? null : v;
  }
  return c.str![i] ?? null;
}

/** The rows at the given indices, as a new table (used for time-ordered splits). */
export function takeRows(t: Table, idx: ArrayLike<number>): Table {
  return {
    nRows: idx.length,
    columns: t.columns.map((c) => ({
      name: c.name,
      type: c.type,
      num: c.num ? Float64Array.from({ length: idx.length }, (_, k) => c.num![idx[k]!]!) : null,
      str: c.str ? Array.from({ length: idx.length }, (_, k) => c.str![idx[k]!] ?? null) : null,
    })),
  };
}
