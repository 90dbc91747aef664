import { t } from '../../i18n';
import { nextSort } from '../table/tableLogic';
import { cellText, type DataColumn } from './cellFormat';
import type { DataTableProps } from './DataTable';
import { ROW_H, type DataTableState } from './useDataTable';

/**
 * The sticky head of the data table: a header per column (click to sort, drag its edge to resize)
 * and, when shown, a filter per column.
 */
export function GridHeader({ grid, columns }: { grid: DataTableState; columns: readonly DataColumn[] }) {
  const { headers, sort, setSort, hasActions, template, showFilters, colFilters, setColFilters } = grid;
  return (
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
  );
}

/** One row of the data table: its cells (edited in place) and, when the table has them, its row actions. */
export function GridRow({
  grid,
  columns,
  row,
  index,
  viewRow,
  rowId,
  top,
  cellMessages,
  onDuplicate,
  onDelete,
}: Pick<DataTableProps, 'cellMessages' | 'onDuplicate' | 'onDelete'> & {
  grid: DataTableState;
  columns: readonly DataColumn[];
  row: Record<string, unknown>;
  /** Index into the table's rows. */
  index: number;
  /** Position in the sorted, filtered view. */
  viewRow: number;
  /** The row's key (`rowKey`), for test ids and messages. */
  rowId: string;
  top: number;
}) {
  const { errors, editing, setEditing, busy, gridId, pos, setActive, hasActions, template, totalWidth } = grid;
  const { startEdit, onCellKey, commit, cancel, rowAction } = grid;
  const cellId = (r: number, c: number) => `${gridId}-r${r}-c${c}`;
  return (
    <div
      role="row"
      aria-rowindex={viewRow + 2}
      className={`absolute left-0 grid border-b border-slate-100 ${viewRow === pos.row ? 'bg-brand-50/40' : 'hover:bg-slate-50'}`}
      style={{ top, height: ROW_H, gridTemplateColumns: template, width: totalWidth }}
    >
      {columns.map((c, colIdx) => {
        const id = `${rowId}|${c.field}`;
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
            data-testid={`cell-${rowId}-${c.field}`}
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
                aria-label={t('table.cellOf', { column: c.label, row: rowId })}
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
              title={t('grid.duplicate', { row: rowId })}
              aria-label={t('grid.duplicate', { row: rowId })}
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
              title={t('grid.delete', { row: rowId })}
              aria-label={t('grid.delete', { row: rowId })}
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
}
