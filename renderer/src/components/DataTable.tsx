import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cellText, editText, nextSort, visibleRows, type DataColumn, type SortState } from './table-view';

/**
 * A virtualized table: only the rows in view are in the DOM, so 10,000 rows scroll as smoothly as
 * 100. Click a header to sort (again to reverse), type in the filter to narrow rows, double-click
 * or press Enter on a cell to edit it. Edits go to `onEdit`, which answers with an error message
 * (shown beside the cell) or null.
 */
export type { DataColumn };
export { cellText };

export interface DataTableProps {
  columns: readonly DataColumn[];
  rows: readonly Record<string, unknown>[];
  /** A stable key per row (e.g. the order id), used for test ids and messages. */
  rowKey: (row: Record<string, unknown>, index: number) => string;
  /** Commit an edit of `row` (index into `rows`): resolve to an error message, or null when saved. */
  onEdit?: (index: number, field: string, text: string) => Promise<string | null>;
  /** Messages to show on cells, by `${rowKey}|${field}` (cross-table issues). */
  cellMessages?: ReadonlyMap<string, string>;
  /** Row actions shown in a last column (e.g. duplicate, delete); errors come back as messages. */
  onDuplicate?: (index: number) => Promise<string | null>;
  onDelete?: (index: number) => Promise<string | null>;
  height?: number;
  label: string;
}

const ROW_H = 30;
const OVERSCAN = 8;

export function DataTable({ columns, rows, rowKey, onEdit, cellMessages, onDuplicate, onDelete, height = 460, label }: DataTableProps) {
  const [sort, setSort] = useState<SortState>(null);
  const [filter, setFilter] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [editing, setEditing] = useState<{ index: number; field: string; text: string } | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  // Indices into `rows` after filtering and sorting: rows themselves are never copied.
  const view = useMemo(() => visibleRows(rows, columns, filter, sort), [rows, columns, filter, sort]);

  const hasActions = Boolean(onDuplicate || onDelete);
  const widths = [...columns.map((c) => c.width ?? (c.kind === 'timestamp' ? 150 : c.kind === 'text' || c.kind === 'list' ? 150 : 110)), ...(hasActions ? [90] : [])];
  const template = widths.map((w) => `${w}px`).join(' ');
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(view.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);

  const toggleSort = (field: string) => setSort((s) => nextSort(s, field));

  async function commit() {
    if (!editing || !onEdit) return;
    const key = `${rowKey(rows[editing.index], editing.index)}|${editing.field}`;
    setBusy(true);
    const message = await onEdit(editing.index, editing.field, editing.text);
    setBusy(false);
    setError(key, message);
    if (!message) setEditing(null);
  }

  /** Escape: the refused text was never saved, so its message goes with it; the stored value stands. */
  function cancel() {
    if (!editing) return;
    setError(`${rowKey(rows[editing.index], editing.index)}|${editing.field}`, null);
    setEditing(null);
  }

  function onCellKey(e: KeyboardEvent, index: number, c: DataColumn) {
    if (e.key === 'Enter' && onEdit) setEditing({ index, field: c.field, text: editText(rows[index][c.field], c.kind) });
  }

  /** Show (or clear) the message of one cell or row, keyed `rowKey|field`. */
  function setError(key: string, message: string | null) {
    setErrors((m) => {
      const next = new Map(m);
      if (message) next.set(key, message);
      else next.delete(key);
      return next;
    });
  }

  async function rowAction(index: number, fn: (index: number) => Promise<string | null>) {
    const key = `${rowKey(rows[index], index)}|`;
    setBusy(true);
    const message = await fn(index);
    setBusy(false);
    setError(key, message);
  }

  const errorList = [...errors.entries()];
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <input
          aria-label={`Filter ${label}`}
          placeholder="Filter rows…"
          value={filter}
          onChange={(e) => { setFilter(e.target.value); setScrollTop(0); if (scroller.current) scroller.current.scrollTop = 0; }}
          className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <span className="tabular text-xs text-slate-500" data-testid="row-count">
          {view.length === rows.length ? `${rows.length} rows` : `${view.length} of ${rows.length} rows`}
        </span>
      </div>
      {errorList.length > 0 && (
        <ul role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          {errorList.map(([key, msg]) => {
            const [row, field] = key.split('|');
            const col = columns.find((c) => c.field === field);
            return <li key={key}>{row}{field ? `, ${col?.label ?? field}` : ''}: {msg}</li>;
          })}
        </ul>
      )}
      <div
        ref={scroller}
        role="grid"
        aria-label={label}
        aria-rowcount={view.length + 1}
        className="overflow-auto rounded-md border border-slate-200 bg-white text-sm"
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ width: totalWidth, minWidth: '100%' }}>
          <div role="row" className="sticky top-0 z-10 grid border-b border-slate-200 bg-slate-50 font-medium text-slate-700" style={{ gridTemplateColumns: template }}>
            {columns.map((c) => (
              <button
                key={c.field}
                role="columnheader"
                aria-sort={sort?.field === c.field ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                className="truncate px-2 py-1.5 text-left hover:bg-slate-100"
                onClick={() => toggleSort(c.field)}
                title={`Sort by ${c.label}`}
              >
                {c.label}
                {sort?.field === c.field ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
              </button>
            ))}
            {hasActions && <span role="columnheader" className="px-2 py-1.5 text-slate-500">Row</span>}
          </div>
          <div style={{ height: view.length * ROW_H, position: 'relative' }}>
            {view.slice(first, last).map((index, k) => {
              const row = rows[index];
              const key = rowKey(row, index);
              return (
                <div
                  key={key + ':' + index}
                  role="row"
                  aria-rowindex={first + k + 2}
                  className="absolute left-0 grid border-b border-slate-100 hover:bg-slate-50"
                  style={{ top: (first + k) * ROW_H, height: ROW_H, gridTemplateColumns: template, width: totalWidth }}
                >
                  {columns.map((c) => {
                    const id = `${key}|${c.field}`;
                    const message = errors.get(id) ?? cellMessages?.get(id);
                    const isEditing = editing?.index === index && editing.field === c.field;
                    return (
                      <div
                        key={c.field}
                        role="gridcell"
                        tabIndex={0}
                        data-testid={`cell-${key}-${c.field}`}
                        title={message}
                        aria-invalid={message ? true : undefined}
                        className={`truncate px-2 leading-[30px] ${c.kind === 'number' || c.kind === 'int' ? 'tabular text-right' : ''} ${message ? 'bg-red-50 text-red-800 ring-1 ring-inset ring-red-300' : ''}`}
                        onDoubleClick={() => onEdit && setEditing({ index, field: c.field, text: editText(row[c.field], c.kind) })}
                        onKeyDown={(e) => onCellKey(e, index, c)}
                      >
                        {isEditing ? (
                          <input
                            autoFocus
                            aria-label={`${c.label} of ${key}`}
                            disabled={busy}
                            value={editing.text}
                            list={c.options ? `opts-${c.field}` : undefined}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') void commit();
                              if (e.key === 'Escape') cancel();
                              e.stopPropagation();
                            }}
                            className="h-[26px] w-full rounded border border-brand-600 px-1 text-sm"
                          />
                        ) : (
                          cellText(row[c.field], c.kind)
                        )}
                      </div>
                    );
                  })}
                  {hasActions && (
                    <div role="gridcell" className="flex items-center gap-1 px-2">
                      {onDuplicate && <button type="button" disabled={busy} title={`Duplicate ${key}`} aria-label={`Duplicate ${key}`} className="rounded px-1 text-slate-600 hover:bg-slate-200" onClick={() => void rowAction(index, onDuplicate)}>⧉</button>}
                      {onDelete && <button type="button" disabled={busy} title={`Delete ${key}`} aria-label={`Delete ${key}`} className="rounded px-1 text-red-700 hover:bg-red-100" onClick={() => void rowAction(index, onDelete)}>✕</button>}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {columns.filter((c) => c.options).map((c) => (
        <datalist key={c.field} id={`opts-${c.field}`}>
          {c.options!.map((o) => <option key={String(o)} value={String(o)} />)}
        </datalist>
      ))}
    </div>
  );
}
