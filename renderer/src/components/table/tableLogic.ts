/**
 * Sorting and filtering shared by every table (plan tables and the scenario grid): a global
 * filter over all columns plus per-column filters, numbers compared as numbers, text naturally
 * ("R2" before "R10"). Plain TS, tested without a DOM.
 */
export type SortDir = 1 | -1;
export interface SortState {
  column: string;
  dir: SortDir;
}

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
  const [, op, num] = /^(>=|<=|>|<|=)\s*(-?[\d,.]+)$/.exec(f) ?? [];
  if (op && num) {
    const n = Number(num.replaceAll(',', ''));
    const v = typeof value === 'number' ? value : Number(String(value ?? '').replaceAll(',', ''));
    if (!Number.isFinite(v) || !Number.isFinite(n)) return false;
    return op === '>' ? v > n : op === '<' ? v < n : op === '>=' ? v >= n : op === '<=' ? v <= n : v === n;
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
export function viewIndices<R>(
  rows: readonly R[],
  columns: readonly ViewColumn<R>[],
  global: string,
  perColumn: Readonly<Record<string, string>>,
  sort: SortState | null,
): number[] {
  const needle = global.trim().toLowerCase();
  const active = columns.filter((c) => perColumn[c.id]?.trim());
  let kept = rows.map((row, i) => ({ row, i }));
  if (needle) kept = kept.filter(({ row }) => columns.some((c) => c.text(row).toLowerCase().includes(needle)));
  for (const c of active)
    kept = kept.filter(({ row }) => matchesFilter(c.text(row), c.value(row), perColumn[c.id] ?? ''));
  const sc = sort ? columns.find((c) => c.id === sort.column) : undefined;
  if (sort && sc) kept.sort((a, b) => sort.dir * compareValues(sc.value(a.row), sc.value(b.row)) || a.i - b.i);
  return kept.map(({ i }) => i);
}

/**
 * The row a key moves the keyboard to from row `current` of `count` (arrows one row, Page keys
 * `page` rows, Home/End the ends), or null for a key that does not move between rows.
 */
export function rowAfterKey(key: string, current: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const at = Math.min(Math.max(current, 0), last);
  const moves: Record<string, number> = {
    ArrowDown: at + 1,
    ArrowUp: at - 1,
    PageDown: at + page,
    PageUp: at - page,
    Home: 0,
    End: last,
  };
  const to = moves[key];
  return to === undefined ? null : Math.min(Math.max(to, 0), last);
}

/**
 * How many rows a Page key moves: those wholly in view, from their measured extents (rows wrap
 * reasons and open details, so no one height fits), in a box showing `height` px of rows from
 * `top` (below its sticky header); at least one. Extents and `top` are in the rows' own offsets.
 */
export function rowsInView(rows: readonly { start: number; end: number }[], top: number, height: number): number {
  // Half a pixel either side: measured heights are fractional.
  const inView = rows.filter((r) => r.start >= top - 0.5 && r.end <= top + height + 0.5).length;
  return Math.max(1, inView);
}
