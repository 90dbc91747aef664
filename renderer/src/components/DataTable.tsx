import {
  columnResizingFeature,
  columnSizingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
} from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react';
import { t } from '../i18n';
import { formatDate, formatDateTime } from '../lib/dates';
import { parseClipboard, pasteTargets } from './grid/clipboard';
import { enumWord } from './grid/enumWords';
import { cellKeyAction, clampPos, type Pos } from './grid/gridKeys';
import { nextSort, viewIndices, type SortState } from './table/tableLogic';
import { rowCountText } from './table/rowCount';

/**
 * The scenario grid, Excel-like: one tab stop (roving tabindex), arrow keys between cells,
 * Enter/F2 or typing to edit, Escape to cancel, Ctrl+V to paste a range copied from Excel, a
 * filter per column, resizable columns (drag the header edge, or Alt+←/→ on a cell), an add-row
 * button. Column sizing is TanStack Table's; rows are virtualized with TanStack Virtual, so
 * 10,000 rows scroll like 100. Key handling, paste placement and filtering are plain TS modules
 * (grid/, table/) tested without a DOM.
 */
export interface DataColumn {
  field: string;
  label: string;
  kind: 'text' | 'number' | 'int' | 'bool' | 'list' | 'timestamp' | 'date' | 'enum' | 'priority';
  options?: readonly (string | number)[];
  width?: number;
}

export interface CellChange {
  index: number;
  field: string;
  text: string;
}

export interface DataTableProps {
  columns: readonly DataColumn[];
  rows: readonly Record<string, unknown>[];
  /** A stable key per row (e.g. the order id), used for test ids and messages. */
  rowKey: (row: Record<string, unknown>, index: number) => string;
  /** Commit an edit of `row` (index into `rows`): resolve to an error message, or null when saved. */
  onEdit?: (index: number, field: string, text: string) => Promise<string | null>;
  /** Commit several cells at once (a paste): all or nothing; resolve to an error message or null. */
  onEditMany?: (changes: CellChange[]) => Promise<string | null>;
  /** Messages to show on cells, by `${rowKey}|${field}` (cross-table issues). */
  cellMessages?: ReadonlyMap<string, string>;
  /** Row actions shown in a last column (e.g. duplicate, delete); errors come back as messages. */
  onDuplicate?: (index: number) => Promise<string | null>;
  onDelete?: (index: number) => Promise<string | null>;
  /** Add a row (the grid then shows it); resolves to an error message or null. */
  onAdd?: () => Promise<string | null>;
  height?: number;
  label: string;
}

const ROW_H = 30;

export function cellText(v: unknown, kind: DataColumn['kind'], field = ''): string {
  if (v === undefined || v === null) return '';
  if (kind === 'list' && Array.isArray(v)) return v.join(';');
  if (kind === 'bool') return v ? t('table.yes') : t('table.no');
  if (kind === 'enum' && typeof v === 'string') return enumWord(field, v);
  if (kind === 'number' && typeof v === 'number') return v.toLocaleString('en-IN', { maximumFractionDigits: 2 });
  // One date format everywhere, with the year, on the stored clock (plant time).
  if ((kind === 'timestamp' || kind === 'date') && typeof v === 'string')
    return kind === 'date' ? formatDate(v) : formatDateTime(v);
  return String(v);
}

/**
 * The text an edit starts from: numbers without grouping and plant times as `YYYY-MM-DD HH:MM`,
 * so they parse back as typed.
 */
function editText(v: unknown, kind: DataColumn['kind']): string {
  if (kind === 'timestamp' && typeof v === 'string' && v.endsWith('+05:30')) return v.slice(0, 16).replace('T', ' ');
  if (kind === 'timestamp' || kind === 'date') return v == null ? '' : String(v);
  // The words the import parses, whatever the interface language.
  if (kind === 'bool') return v == null ? '' : v ? 'yes' : 'no';
  if (kind === 'enum') return v == null ? '' : String(v);
  return cellText(v, kind === 'number' ? 'text' : kind);
}

const features = tableFeatures({ columnSizingFeature, columnResizingFeature });
const NO_ROWS: Record<string, unknown>[] = [];
const defaultWidth = (c: DataColumn) =>
  c.width ?? (c.kind === 'timestamp' ? 150 : c.kind === 'text' || c.kind === 'list' ? 150 : 110);

export function DataTable({
  columns,
  rows,
  rowKey,
  onEdit,
  onEditMany,
  cellMessages,
  onDuplicate,
  onDelete,
  onAdd,
  height = 460,
  label,
}: DataTableProps) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [filter, setFilter] = useState('');
  const [colFilters, setColFilters] = useState<Record<string, string>>({});
  const [showFilters, setShowFilters] = useState(false);
  const [active, setActive] = useState<Pos>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ index: number; field: string; text: string } | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const gridId = `grid${useId().replace(/[^\w-]/g, '')}`;
  /** Focus follows the active cell only while the planner is working in the grid. */
  const focusInGrid = useRef(false);

  const viewCols = useMemo(
    () =>
      columns.map((c) => ({
        id: c.field,
        value: (r: Record<string, unknown>) => r[c.field],
        text: (r: Record<string, unknown>) => cellText(r[c.field], c.kind, c.field),
      })),
    [columns],
  );
  // Indices into `rows` after filtering and sorting: rows themselves are never copied.
  const view = useMemo(
    () => viewIndices(rows, viewCols, filter, colFilters, sort),
    [rows, viewCols, filter, colFilters, sort],
  );

  const columnDefs = useMemo<ColumnDef<typeof features, Record<string, unknown>>[]>(
    () => columns.map((c) => ({ id: c.field, header: c.label, size: defaultWidth(c), minSize: 50, maxSize: 800 })),
    [columns],
  );
  const table = useTable({ features, columns: columnDefs, data: NO_ROWS, columnResizeMode: 'onChange' });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const hasActions = Boolean(onDuplicate || onDelete);
  const widths = [...headers.map((h) => h.getSize()), ...(hasActions ? [90] : [])];
  const template = widths.map((w) => `${w}px`).join(' ');
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  const pos = clampPos(active, { rows: view.length, cols: columns.length });
  const activeRow = pos.row;
  const virtualizer = useVirtualizer({
    count: view.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    // The active row stays rendered even when scrolled away, so the grid never loses its tab stop.
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => {
        const idx = defaultRangeExtractor(range);
        if (activeRow < range.count && !idx.includes(activeRow)) idx.push(activeRow);
        return idx.sort((x, y) => x - y);
      },
      [activeRow],
    ),
  });

  const cellId = (r: number, c: number) => `${gridId}-r${r}-c${c}`;
  useEffect(() => {
    if (!focusInGrid.current || editing) return;
    document.getElementById(`${gridId}-r${pos.row}-c${pos.col}`)?.focus({ preventScroll: false });
  }, [gridId, pos.row, pos.col, editing]);

  function moveTo(p: Pos) {
    setActive(p);
    virtualizer.scrollToIndex(p.row, { align: 'auto' });
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

  /** The key of `rows[index]`; a row no longer there (removed meanwhile) is named by its index. */
  function keyOf(index: number): string {
    const row = rows[index];
    return row ? rowKey(row, index) : String(index);
  }

  async function commit() {
    if (!editing || !onEdit) return;
    const key = `${keyOf(editing.index)}|${editing.field}`;
    setBusy(true);
    const message = await onEdit(editing.index, editing.field, editing.text);
    setBusy(false);
    setError(key, message);
    if (!message) {
      focusInGrid.current = true;
      setEditing(null);
    }
  }

  /** Escape: the refused text was never saved, so its message goes with it; the stored value stands. */
  function cancel() {
    if (!editing) return;
    setError(`${keyOf(editing.index)}|${editing.field}`, null);
    focusInGrid.current = true;
    setEditing(null);
  }

  function startEdit(index: number, c: DataColumn, initial?: string) {
    if (!onEdit) return;
    setEditing({ index, field: c.field, text: initial ?? editText(rows[index]?.[c.field], c.kind) });
  }

  function onCellKey(e: KeyboardEvent, viewRow: number, colIdx: number) {
    if (editing) return;
    const c = columns[colIdx];
    if (!c) return;
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      const h = headers[colIdx];
      if (!h) return;
      table.setColumnSizing((s) => ({
        ...s,
        [c.field]: Math.max(50, Math.min(800, h.getSize() + (e.key === 'ArrowRight' ? 20 : -20))),
      }));
      return;
    }
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      setSort({ column: c.field, dir: e.key === 'ArrowUp' ? 1 : -1 });
      return;
    }
    const page = Math.max(1, Math.floor(height / ROW_H) - 1);
    const action = cellKeyAction(
      e,
      { row: viewRow, col: colIdx },
      { rows: view.length, cols: columns.length, page },
      Boolean(onEdit),
    );
    if (action.kind === 'none') return;
    e.preventDefault();
    const index = view[viewRow];
    if (action.kind === 'move') moveTo(action.to);
    else if (action.kind === 'edit' && index !== undefined) startEdit(index, c, action.initial);
    else if (action.kind === 'clear' && index !== undefined) startEdit(index, c, '');
  }

  async function onPaste(e: ClipboardEvent) {
    if (editing || !(onEditMany || onEdit)) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const { targets, outside } = pasteTargets(pos, parseClipboard(text), view.length, columns.length);
    const changes = targets.flatMap((tg) => {
      const index = view[tg.row];
      const col = columns[tg.col];
      return index === undefined || !col ? [] : [{ index, field: col.field, text: tg.text }];
    });
    setBusy(true);
    let message: string | null = null;
    if (onEditMany) message = await onEditMany(changes);
    else
      for (const ch of changes) {
        message = await onEdit!(ch.index, ch.field, ch.text);
        if (message) break;
      }
    setBusy(false);
    setError(`${t('grid.row')}|`, message);
    setNotice(
      message
        ? null
        : `${t('grid.pasted', { n: changes.length })}${outside ? ` ${t('grid.outside', { n: outside })}` : ''}`,
    );
  }

  async function rowAction(index: number, fn: (index: number) => Promise<string | null>) {
    const key = `${keyOf(index)}|`;
    setBusy(true);
    const message = await fn(index);
    setBusy(false);
    setError(key, message);
  }

  const errorList = [...errors.entries()];
  const items = virtualizer.getVirtualItems();
  const activeIndex = view[pos.row];
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <input
          aria-label={t('table.filter', { table: label })}
          placeholder={t('grid.filterAll')}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            scroller.current?.scrollTo({ top: 0 });
          }}
          className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        />
        <button
          type="button"
          aria-pressed={showFilters}
          onClick={() => setShowFilters((v) => !v)}
          className={`rounded-md border border-slate-300 px-2 py-1 text-sm ${showFilters ? 'bg-brand-50 text-brand-700' : 'bg-white'}`}
        >
          {t('grid.columnFilters')}
          {Object.values(colFilters).some((v) => v.trim()) ? ' •' : ''}
        </button>
        <span className="tabular text-xs text-slate-600" data-testid="row-count">
          {rowCountText(view.length, rows.length)}
        </span>
        {onAdd && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void (async () => {
                setBusy(true);
                const m = await onAdd();
                setBusy(false);
                setError(`${t('grid.addRow')}|`, m);
              })()
            }
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
          >
            + {t('grid.addRow')}
          </button>
        )}
        {hasActions && activeIndex !== undefined && (
          <span className="flex items-center gap-1 text-sm">
            {onDuplicate && (
              <button
                type="button"
                disabled={busy}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
                onClick={() => void rowAction(activeIndex, onDuplicate)}
              >
                {t('grid.duplicateSelected')}
              </button>
            )}
            {onDelete && (
              <button
                type="button"
                disabled={busy}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-red-700 hover:bg-red-50"
                onClick={() => void rowAction(activeIndex, onDelete)}
              >
                {t('grid.deleteSelected')}
              </button>
            )}
          </span>
        )}
      </div>
      <p id={`${gridId}-help`} className="text-xs text-slate-600">
        {t('grid.help')}
      </p>
      {notice && (
        <p role="status" className="text-sm text-emerald-700" data-testid="grid-notice">
          {notice}
        </p>
      )}
      {errorList.length > 0 && (
        <ul role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          {errorList.map(([key, msg]) => {
            const [row, field] = key.split('|');
            const col = columns.find((c) => c.field === field);
            return (
              <li key={key}>
                {row}
                {field ? `, ${col?.label ?? field}` : ''}: {msg}
              </li>
            );
          })}
        </ul>
      )}
      <div
        ref={scroller}
        role="grid"
        aria-label={label}
        aria-describedby={`${gridId}-help`}
        aria-rowcount={view.length + 1}
        aria-colcount={columns.length + (hasActions ? 1 : 0)}
        aria-busy={busy || undefined}
        className="overflow-auto rounded-md border border-slate-200 bg-white text-sm"
        style={{ height }}
        onPaste={(e) => void onPaste(e)}
        onFocus={() => {
          focusInGrid.current = true;
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focusInGrid.current = false;
        }}
      >
        <div style={{ width: totalWidth, minWidth: '100%' }}>
          <div className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 font-medium text-slate-700">
            <div role="row" aria-rowindex={1} className="grid" style={{ gridTemplateColumns: template }}>
              {headers.map((h, i) => {
                const c = columns[i];
                if (!c) return null;
                return (
                  <div
                    key={h.id}
                    role="columnheader"
                    aria-sort={sort?.column === c.field ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                    className="relative flex min-w-0 items-center"
                  >
                    <button
                      type="button"
                      tabIndex={-1}
                      className="min-w-0 flex-1 truncate px-2 py-1.5 text-left hover:bg-slate-100"
                      title={t('grid.sortBy', { column: c.label })}
                      onClick={() => setSort((s) => nextSort(s, c.field))}
                    >
                      {c.label}
                      {sort?.column === c.field ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                    </button>
                    <span
                      aria-hidden="true"
                      title={t('grid.resize', { column: c.label })}
                      onMouseDown={h.getResizeHandler()}
                      onTouchStart={h.getResizeHandler()}
                      className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize select-none hover:bg-brand-500 ${h.column.getIsResizing() ? 'bg-brand-600' : ''}`}
                    />
                  </div>
                );
              })}
              {hasActions && (
                <span role="columnheader" className="px-2 py-1.5 text-slate-600">
                  {t('grid.row')}
                </span>
              )}
            </div>
            {showFilters && (
              <div className="grid border-t border-slate-200 py-1" style={{ gridTemplateColumns: template }}>
                {columns.map((c) => (
                  <input
                    key={c.field}
                    aria-label={t('grid.filterColumn', { column: c.label })}
                    placeholder={c.kind === 'number' || c.kind === 'int' ? '>100' : '…'}
                    value={colFilters[c.field] ?? ''}
                    onChange={(e) => setColFilters((f) => ({ ...f, [c.field]: e.target.value }))}
                    className="mx-1 min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs font-normal"
                  />
                ))}
              </div>
            )}
          </div>
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const viewRow = item.index;
              const index = view[viewRow];
              const row = index === undefined ? undefined : rows[index];
              if (index === undefined || !row) return null;
              const key = rowKey(row, index);
              return (
                <div
                  key={key + ':' + index}
                  role="row"
                  aria-rowindex={viewRow + 2}
                  className={`absolute left-0 grid border-b border-slate-100 ${viewRow === pos.row ? 'bg-brand-50/40' : 'hover:bg-slate-50'}`}
                  style={{ top: item.start, height: ROW_H, gridTemplateColumns: template, width: totalWidth }}
                >
                  {columns.map((c, colIdx) => {
                    const id = `${key}|${c.field}`;
                    const message = errors.get(id) ?? cellMessages?.get(id);
                    const isEditing = editing?.index === index && editing.field === c.field;
                    const isActive = viewRow === pos.row && colIdx === pos.col;
                    return (
                      <div
                        key={c.field}
                        id={cellId(viewRow, colIdx)}
                        role="gridcell"
                        aria-colindex={colIdx + 1}
                        aria-selected={isActive}
                        tabIndex={isActive ? 0 : -1}
                        data-testid={`cell-${key}-${c.field}`}
                        title={message}
                        aria-invalid={message ? true : undefined}
                        className={`truncate px-2 leading-[30px] ${isActive ? 'ring-2 ring-inset ring-brand-600' : ''} ${c.kind === 'number' || c.kind === 'int' ? 'tabular text-right' : ''} ${message ? 'bg-red-50 text-red-800' : ''} ${message && !isActive ? 'ring-1 ring-inset ring-red-300' : ''}`}
                        onClick={() => setActive({ row: viewRow, col: colIdx })}
                        onDoubleClick={() => {
                          setActive({ row: viewRow, col: colIdx });
                          startEdit(index, c);
                        }}
                        onKeyDown={(e) => onCellKey(e, viewRow, colIdx)}
                      >
                        {isEditing ? (
                          <input
                            autoFocus
                            aria-label={t('table.cellOf', { column: c.label, row: key })}
                            disabled={busy}
                            value={editing.text}
                            list={c.options ? `${gridId}-opts-${c.field}` : undefined}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') void commit();
                              if (e.key === 'Escape') cancel();
                              e.stopPropagation();
                            }}
                            className="h-[26px] w-full rounded border border-brand-600 bg-white px-1 text-sm"
                          />
                        ) : (
                          cellText(row[c.field], c.kind, c.field)
                        )}
                      </div>
                    );
                  })}
                  {hasActions && (
                    <div role="gridcell" className="flex items-center gap-1 px-2">
                      {onDuplicate && (
                        <button
                          type="button"
                          tabIndex={-1}
                          disabled={busy}
                          title={t('grid.duplicate', { row: key })}
                          aria-label={t('grid.duplicate', { row: key })}
                          className="rounded px-1 text-slate-600 hover:bg-slate-200"
                          onClick={() => void rowAction(index, onDuplicate)}
                        >
                          ⧉
                        </button>
                      )}
                      {onDelete && (
                        <button
                          type="button"
                          tabIndex={-1}
                          disabled={busy}
                          title={t('grid.delete', { row: key })}
                          aria-label={t('grid.delete', { row: key })}
                          className="rounded px-1 text-red-700 hover:bg-red-100"
                          onClick={() => void rowAction(index, onDelete)}
                        >
                          ✕
                        </button>
                      )}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {columns
        .filter((c) => c.options)
        .map((c) => (
          <datalist key={c.field} id={`${gridId}-opts-${c.field}`}>
            {c.options!.map((o) => (
              <option key={String(o)} value={String(o)} />
            ))}
          </datalist>
        ))}
    </div>
  );
}
