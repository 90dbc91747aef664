import { describe, expect, it } from 'vitest';
import { cellText, compareCells, editText, nextSort, visibleRows, type DataColumn } from './table-view';

const columns: DataColumn[] = [
  { field: 'id', label: 'Order', kind: 'text' },
  { field: 'quantityT', label: 'Quantity', kind: 'number' },
  { field: 'splittable', label: 'Splittable', kind: 'bool' },
  { field: 'due', label: 'Due', kind: 'timestamp' },
];
const rows = [
  { id: 'O-10', quantityT: 1200.5, splittable: true, due: '2026-11-24T18:00:00+05:30' },
  { id: 'O-2', quantityT: 300, splittable: false, due: '2026-11-23T06:00:00+05:30' },
  { id: 'O-1', quantityT: 1200.5, splittable: false, due: '2026-11-25T00:00:00Z' },
];

describe('scenario table: how cells read', () => {
  it('shows lists with ;, booleans as yes/no, numbers grouped the Indian way, plant time without its zone', () => {
    expect(cellText(['BCN', 'BOXN'], 'list')).toBe('BCN;BOXN');
    expect(cellText(false, 'bool')).toBe('no');
    expect(cellText(1234567.891, 'number')).toBe('12,34,567.89');
    expect(cellText('2026-11-24T18:00:00+05:30', 'timestamp')).toBe('2026-11-24 18:00');
    expect(cellText('2026-11-25T00:00:00Z', 'timestamp')).toBe('2026-11-25T00:00:00Z');
    expect(cellText(null, 'text')).toBe('');
  });

  it('an edit starts from the number as typed, not as grouped for reading', () => {
    expect(editText(1234567.5, 'number')).toBe('1234567.5');
    expect(editText(['A', 'B'], 'list')).toBe('A;B');
  });
});

describe('scenario table: filter and sort', () => {
  it('the filter keeps rows whose shown text contains it, case-blind, in any column', () => {
    expect(visibleRows(rows, columns, 'o-1', null)).toEqual([0, 2]);
    expect(visibleRows(rows, columns, '  YES ', null)).toEqual([0]);
    // Matched against the text shown (18:00 in plant time), not the stored ISO string.
    expect(visibleRows(rows, columns, '24 18:00', null)).toEqual([0]);
    expect(visibleRows(rows, columns, 'nothing like it', null)).toEqual([]);
  });

  it('sorts text naturally, numbers by value and stably, both ways', () => {
    expect(visibleRows(rows, columns, '', { field: 'id', dir: 1 })).toEqual([2, 1, 0]);
    expect(visibleRows(rows, columns, '', { field: 'quantityT', dir: 1 })).toEqual([1, 0, 2]);
    // Equal quantities keep their order whichever the direction.
    expect(visibleRows(rows, columns, '', { field: 'quantityT', dir: -1 })).toEqual([0, 2, 1]);
    expect(visibleRows(rows, columns, '', { field: 'splittable', dir: 1 })).toEqual([1, 2, 0]);
  });

  it('filters, then sorts what is left', () => {
    expect(visibleRows(rows, columns, 'o-', { field: 'id', dir: -1 })).toEqual([0, 1, 2]);
    expect(visibleRows(rows, columns, 'no', { field: 'id', dir: 1 })).toEqual([2, 1]);
  });

  it('compares missing cells as empty text, before any other text', () => {
    expect(compareCells(undefined, 'A')).toBeLessThan(0);
    expect(compareCells('R-2', 'R-10')).toBeLessThan(0);
  });

  it('a header click sorts ascending, then descending, then not at all; another header starts ascending', () => {
    const first = nextSort(null, 'id');
    expect(first).toEqual({ field: 'id', dir: 1 });
    const second = nextSort(first, 'id');
    expect(second).toEqual({ field: 'id', dir: -1 });
    expect(nextSort(second, 'id')).toBeNull();
    expect(nextSort(second, 'quantityT')).toEqual({ field: 'quantityT', dir: 1 });
  });
});
