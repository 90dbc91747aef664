/**
 * Sorting and filtering shared by every table (plan tables and the scenario grid): a global
 * filter over all columns plus per-column filters, numbers compared as numbers, text naturally
 * ("R2" before "R10"). Plain TS, tested without a DOM.
 */
export type SortDir = 1 | -1;
export interface SortState { column: string; dir: SortDir }

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

/** Header click cycle: ascending → descending → unsorted. */
export function nextSort(s: SortState | null, column: string): SortState | null {
  if (s?.column !== column) return { column, dir: 1 };
  return s.dir === 1 ? { column, dir: -1 } : null;
}

/**
 * A column filter: plain text matches anywhere (case-insensitive); `>n`, `<n`, `>=n`, `<=n`, `=n`
 * compare numbers, so a planner can type ">500" in a tonnes column.
 */
export function matchesFilter(text: string, value: unknown, filter: string): boolean {
  const f = filter.trim();
  if (!f) return true;
  const m = /^(>=|<=|>|<|=)\s*(-?[\d,.]+)$/.exec(f);
  if (m) {
    const n = Number(m[2].replaceAll(',', ''));
    const v = typeof value === 'number' ? value : Number(String(value ?? '').replaceAll(',', ''));
    if (!Number.isFinite(v) || !Number.isFinite(n)) return false;
    return m[1] === '>' ? v > n : m[1] === '<' ? v < n : m[1] === '>=' ? v >= n : m[1] === '<=' ? v <= n : v === n;
  }
  return text.toLowerCase().includes(f.toLowerCase());
}

export interface ViewColumn<R> {
  id: string;
  /** The value sorted and compared. */
  value(row: R): unknown;
  /** The text shown and matched by filters. */
  text(row: R): string;
}

/** Indices of `rows` that pass the filters, in sort order (ties keep their original order). */
export function viewIndices<R>(rows: readonly R[], columns: readonly ViewColumn<R>[], global: string, perColumn: Readonly<Record<string, string>>, sort: SortState | null): number[] {
  const needle = global.trim().toLowerCase();
  const active = columns.filter((c) => perColumn[c.id]?.trim());
  let idx = rows.map((_, i) => i);
  if (needle) idx = idx.filter((i) => columns.some((c) => c.text(rows[i]).toLowerCase().includes(needle)));
  for (const c of active) idx = idx.filter((i) => matchesFilter(c.text(rows[i]), c.value(rows[i]), perColumn[c.id]));
  const sc = sort ? columns.find((c) => c.id === sort.column) : undefined;
  if (sort && sc) idx.sort((a, b) => sort.dir * compareValues(sc.value(rows[a]), sc.value(rows[b])) || a - b);
  return idx;
}
