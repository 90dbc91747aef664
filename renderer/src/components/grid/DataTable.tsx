import type { ClipboardEvent } from 'react';
import { t } from '../../i18n';
import { rowCountText } from '../table/rowCount';
import type { DataColumn } from './cellFormat';
import { parseClipboard, pasteTargets } from './clipboard';
import { GridHeader, GridRow } from './GridRows';
import { useDataTable } from './useDataTable';

/**
 * The scenario grid, Excel-like: one tab stop (roving tabindex), arrow keys between cells,
 * Enter/F2 or typing to edit, Escape to cancel, Ctrl+V to paste a range copied from Excel, a
 * filter per column, resizable columns (drag the header edge, or Alt+←/→ on a cell), an add-row
 * button. Column sizing is TanStack Table's; rows are virtualized with TanStack Virtual, so
 * 10,000 rows scroll like 100. Key handling, paste placement and filtering are plain TS modules
 * (gridKeys, clipboard, table/tableLogic) tested without a DOM. The grid's state, keys and
 * editing are in useDataTable, its header and rows in GridRows, the text of its cells in cellFormat.
 */
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
  const grid = useDataTable({ columns, rows, rowKey, onEdit, onDuplicate, onDelete, height });
  const { filter, setFilter, colFilters, showFilters, setShowFilters, errors, notice, busy, setBusy } = grid;
  const { scroller, gridId, onGridFocus, onGridBlur, view, hasActions, totalWidth, pos, virtualizer } = grid;
  const { editing, setNotice, setError, rowAction } = grid;

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
        onFocus={onGridFocus}
        onBlur={onGridBlur}
      >
        <div style={{ width: totalWidth, minWidth: '100%' }}>
          <GridHeader grid={grid} columns={columns} />
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const viewRow = item.index;
              const index = view[viewRow];
              const row = index === undefined ? undefined : rows[index];
              if (index === undefined || !row) return null;
              const key = rowKey(row, index);
              return (
                <GridRow
                  key={key + ':' + index}
                  grid={grid}
                  columns={columns}
                  row={row}
                  index={index}
                  viewRow={viewRow}
                  rowId={key}
                  top={item.start}
                  cellMessages={cellMessages}
                  onDuplicate={onDuplicate}
                  onDelete={onDelete}
                />
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
