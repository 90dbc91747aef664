import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { t } from '../../i18n';
import { nextSort, viewIndices, type SortState } from './tableLogic';
import { rowCountText } from './rowCount';

/**
 * A read-only table that sorts by any column (click its header) and filters like the order
 * table: one box over all columns plus a filter per column (`>500` compares numbers). Cells never
 * wrap ids; wide tables scroll sideways instead of running columns together.
 *
 * Rows are virtualized (TanStack Virtual) in a scroll box under a sticky header: a plan at plant
 * scale has a thousand unserved lines with wrapped reasons, and laying all of them out took the
 * browser over a second on every sort or filter. Each row and its opened details form one
 * `<tbody>`, measured as it renders, so rows of any height scroll in place.
 */
export interface ListColumn<R> {
  id: string;
  header: string;
  /** What sorting compares (defaults to the text). */
  value?: (row: R) => unknown;
  /** What is shown and filtered. */
  text: (row: R) => string;
  render?: (row: R) => ReactNode;
  align?: 'right';
  mono?: boolean;
  /** Long free text (reasons) may wrap; everything else stays on one line. */
  wrap?: boolean;
  title?: string;
}

export function ListTable<R>({
  rows,
  columns,
  label,
  rowKey,
  testId,
  expand,
}: {
  rows: readonly R[];
  columns: readonly ListColumn<R>[];
  label: string;
  rowKey: (row: R) => string;
  testId?: string;
  /** Details shown under a row when it is opened (Enter or click on the row's first cell). */
  expand?: (row: R) => ReactNode;
}) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [global, setGlobal] = useState('');
  const [perColumn, setPerColumn] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const view = useMemo(
    () =>
      viewIndices(
        rows,
        columns.map((c) => ({ id: c.id, text: c.text, value: c.value ?? c.text })),
        global,
        perColumn,
        sort,
      ),
    [rows, columns, global, perColumn, sort],
  );
  const virtualizer = useVirtualizer({
    count: view.length,
    getScrollElement: () => scroller.current,
    // A first guess only: each rendered row is measured.
    estimateSize: () => (columns.some((c) => c.wrap) ? 56 : 30),
    getItemKey: (i) => {
      const r = rows[view[i]!];
      return r === undefined ? i : rowKey(r);
    },
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const spacer = (height: number) =>
    height > 0 && (
      <tbody aria-hidden="true">
        <tr>
          <td colSpan={columns.length} style={{ height, padding: 0 }} />
        </tr>
      </tbody>
    );
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <input
          aria-label={t('table.filter', { table: label })}
          placeholder={t('grid.filterAll')}
          value={global}
          onChange={(e) => setGlobal(e.target.value)}
          className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        />
        <span className="tabular text-xs text-slate-600">{rowCountText(view.length, rows.length)}</span>
      </div>
      <div ref={scroller} className="max-h-[70vh] overflow-auto">
        <table className="w-full border-separate border-spacing-0 text-sm" data-testid={testId} aria-label={label}>
          <thead className="sticky top-0 z-10 bg-white text-left text-xs text-slate-600">
            <tr>
              {columns.map((c) => (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={sort?.column === c.id ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                  className={`whitespace-nowrap border-b border-slate-200 px-2 py-1 font-semibold ${c.align === 'right' ? 'text-right' : ''}`}
                >
                  <button
                    type="button"
                    title={c.title ?? t('grid.sortBy', { column: c.header })}
                    onClick={() => setSort((s) => nextSort(s, c.id))}
                    className="hover:underline"
                  >
                    {c.header}
                    {sort?.column === c.id ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
            <tr>
              {columns.map((c) => (
                <th key={c.id} className="border-b border-slate-200 px-1 py-1 font-normal">
                  <input
                    aria-label={t('grid.filterColumn', { column: c.header })}
                    value={perColumn[c.id] ?? ''}
                    onChange={(e) => setPerColumn((p) => ({ ...p, [c.id]: e.target.value }))}
                    className="w-full min-w-12 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                  />
                </th>
              ))}
            </tr>
          </thead>
          {spacer(padTop)}
          {items.map((item) => {
            const r = rows[view[item.index]!];
            if (r === undefined) return null;
            const key = rowKey(r);
            const isOpen = open === key;
            return (
              <tbody key={key} ref={virtualizer.measureElement} data-index={item.index}>
                <tr
                  className={`hover:bg-slate-50 ${expand ? 'cursor-pointer' : ''}`}
                  data-row={key}
                  onClick={expand ? () => setOpen(isOpen ? null : key) : undefined}
                >
                  {columns.map((c, k) => (
                    <td
                      key={c.id}
                      className={`border-b border-slate-100 px-2 py-1 align-top ${c.wrap ? 'min-w-48' : 'whitespace-nowrap'} ${c.align === 'right' ? 'tabular text-right' : ''} ${c.mono ? 'font-mono text-xs' : ''}`}
                    >
                      {k === 0 && expand ? (
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpen(isOpen ? null : key);
                          }}
                          className="whitespace-nowrap text-left"
                        >
                          <span aria-hidden="true">{isOpen ? '▾ ' : '▸ '}</span>
                          {c.render ? c.render(r) : c.text(r)}
                        </button>
                      ) : c.render ? (
                        c.render(r)
                      ) : (
                        c.text(r)
                      )}
                    </td>
                  ))}
                </tr>
                {isOpen && expand && (
                  <tr>
                    <td colSpan={columns.length} className="bg-slate-50 p-2">
                      {expand(r)}
                    </td>
                  </tr>
                )}
              </tbody>
            );
          })}
          {spacer(padBottom)}
        </table>
        {view.length === 0 && <p className="p-2 text-sm text-slate-600">{t('table.noRows')}</p>}
      </div>
    </div>
  );
}
