/**
 * The scenario table's logic without React: how a cell reads, which rows a filter keeps, in which
 * order a sort shows them, and what an edit starts from. DataTable renders what these return.
 */
export interface DataColumn {
  field: string;
  label: string;
  kind: 'text' | 'number' | 'int' | 'bool' | 'list' | 'timestamp' | 'date' | 'enum' | 'priority';
  options?: readonly (string | number)[];
  width?: number;
}

export type SortState = { field: string; dir: 1 | -1 } | null;

export function cellText(v: unknown, kind: DataColumn['kind']): string {
  if (v === undefined || v === null) return '';
  if (kind === 'list' && Array.isArray(v)) return v.join(';');
  if (kind === 'bool') return v ? 'yes' : 'no';
  if (kind === 'number' && typeof v === 'number') return v.toLocaleString('en-IN', { maximumFractionDigits: 2 });
  // Plant time (IST) reads as a plain date and time; any other zone is shown as stored.
  if (kind === 'timestamp' && typeof v === 'string' && v.endsWith('+05:30')) return v.slice(0, 16).replace('T', ' ');
  return String(v);
}

/** Numbers by value, booleans false first, text in natural order (R-2 before R-10). */
export function compareCells(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a ?? '').localeCompare(String(b ?? ''), 'en', { numeric: true });
}

/**
 * Indices into `rows` after filtering (any column's shown text contains the filter, case-blind)
 * and sorting (stable: equal cells keep their order). Rows themselves are never copied.
 */
export function visibleRows(rows: readonly Record<string, unknown>[], columns: readonly DataColumn[], filter: string, sort: SortState): number[] {
  const needle = filter.trim().toLowerCase();
  let idx = rows.map((_, i) => i);
  if (needle) idx = idx.filter((i) => columns.some((c) => cellText(rows[i]![c.field], c.kind).toLowerCase().includes(needle)));
  if (sort) idx.sort((a, b) => sort.dir * compareCells(rows[a]![sort.field], rows[b]![sort.field]) || a - b);
  return idx;
}

/** A header click: sort ascending, then descending, then unsorted. */
export function nextSort(s: SortState, field: string): SortState {
  return s?.field === field ? (s.dir === 1 ? { field, dir: -1 } : null) : { field, dir: 1 };
}

/** The text an edit starts from: numbers unformatted (no digit grouping to retype). */
export function editText(v: unknown, kind: DataColumn['kind']): string {
  return cellText(v, kind === 'number' ? 'text' : kind);
}
