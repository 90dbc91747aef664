import {
  columnResizingFeature,
  columnSizingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
} from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { viewIndices, type SortState } from '../table/tableLogic';
import { cellText, editText, type DataColumn } from './cellFormat';
import type { DataTableProps } from './DataTable';
import { cellKeyAction, clampPos, type Pos } from './gridKeys';

export const ROW_H = 30;

const features = tableFeatures({ columnSizingFeature, columnResizingFeature });
const NO_ROWS: Record<string, unknown>[] = [];
const defaultWidth = (c: DataColumn) =>
  c.width ?? (c.kind === 'timestamp' ? 150 : c.kind === 'text' || c.kind === 'list' ? 150 : 110);

/**
 * The state and behaviour of the data table: sorting and filtering, column sizing, the virtual
 * rows, the active cell and its focus, keys, editing, row actions and the messages they leave.
 */
export function useDataTable({
  columns,
  rows,
  rowKey,
  onEdit,
  onDuplicate,
  onDelete,
  height,
}: Pick<DataTableProps, 'columns' | 'rows' | 'rowKey' | 'onEdit' | 'onDuplicate' | 'onDelete'> & {
  height: number;
}) {
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

  useEffect(() => {
    if (!focusInGrid.current || editing) return;
    document.getElementById(`${gridId}-r${pos.row}-c${pos.col}`)?.focus({ preventScroll: false });
  }, [gridId, pos.row, pos.col, editing]);

  function onGridFocus() {
    focusInGrid.current = true;
  }

  function onGridBlur(e: FocusEvent) {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focusInGrid.current = false;
  }

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

  async function rowAction(index: number, fn: (index: number) => Promise<string | null>) {
    const key = `${keyOf(index)}|`;
    setBusy(true);
    const message = await fn(index);
    setBusy(false);
    setError(key, message);
  }

  return {
    sort,
    setSort,
    filter,
    setFilter,
    colFilters,
    setColFilters,
    showFilters,
    setShowFilters,
    setActive,
    editing,
    setEditing,
    errors,
    notice,
    setNotice,
    busy,
    setBusy,
    scroller,
    gridId,
    onGridFocus,
    onGridBlur,
    view,
    headers,
    hasActions,
    template,
    totalWidth,
    pos,
    virtualizer,
    setError,
    startEdit,
    commit,
    cancel,
    onCellKey,
    rowAction,
  };
}

/** What `useDataTable` gives the table's parts. */
export type DataTableState = ReturnType<typeof useDataTable>;
