import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { t } from '../../i18n';
import { nextSort, rowAfterKey, rowsInView, viewIndices, type SortState } from './tableLogic';
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
 *
 * From the keyboard the rows are one tab stop (the row last focused, else the first in view):
 * arrows, Page keys, Home and End move between rows, scrolling the row into view and below the
 * sticky header even when it was not rendered yet; Tab from an opened row enters its details.
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
  const head = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState(0);
  // The row to focus once it is rendered (after a jump to a row outside the rendered window).
  const pendingFocus = useRef<number | null>(null);
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
  const tabStop = items.some((i) => i.index === active) ? active : items[0]?.index;
  useEffect(() => {
    const index = pendingFocus.current;
    const box = scroller.current;
    const el = index === null ? null : box?.querySelector<HTMLElement>(`[data-focus-index="${index}"]`);
    if (!box || !el) return;
    pendingFocus.current = null;
    el.focus({ preventScroll: true });
    // Scrolled by hand: the browser's own scrolling would leave a row going up under the header.
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top - (head.current?.offsetHeight ?? 0);
    const bottom = el.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom;
    if (top < 0) box.scrollTop += top;
    else if (bottom > 0) box.scrollTop += bottom;
    // Now whole in its box: this scrolls only the page, when the box is partly out of the window.
    el.scrollIntoView({ block: 'nearest' });
  });
  const onRowKey = (e: KeyboardEvent, index: number) => {
    if (!(e.target instanceof HTMLElement) || e.target.dataset.focusIndex === undefined) return;
    // A page: the rows in view now, as measured, in the box below its sticky header.
    const box = scroller.current;
    const page = box ? rowsInView(items, box.scrollTop, box.clientHeight - (head.current?.offsetHeight ?? 0)) : 1;
    const to = rowAfterKey(e.key, index, view.length, page);
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    pendingFocus.current = to;
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };
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
          <thead ref={head} className="sticky top-0 z-10 bg-white text-left text-xs text-slate-600">
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
            const focusable = {
              tabIndex: item.index === tabStop ? 0 : -1,
              'data-focus-index': item.index,
              onFocus: () => setActive(item.index),
            };
            return (
              <tbody key={key} ref={virtualizer.measureElement} data-index={item.index}>
                <tr
                  className={`hover:bg-slate-50 focus:outline focus:outline-2 focus:-outline-offset-2 focus:outline-sky-600 ${expand ? 'cursor-pointer' : ''}`}
                  data-row={key}
                  {...(expand ? {} : focusable)}
                  onKeyDown={(e) => onRowKey(e, item.index)}
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
                          {...focusable}
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
