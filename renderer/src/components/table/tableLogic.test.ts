import { describe, expect, it } from 'vitest';
import {
  compareValues,
  matchesFilter,
  nextSort,
  rowAfterKey,
  rowsInView,
  viewIndices,
  type ViewColumn,
} from './tableLogic';

type Row = { id: string; t: number };
const rows: Row[] = [
  { id: 'R10', t: 500 },
  { id: 'R2', t: 1200 },
  { id: 'X1', t: 80 },
  { id: 'R1', t: 1200 },
];
const cols: ViewColumn<Row>[] = [
  { id: 'id', value: (r) => r.id, text: (r) => r.id },
  { id: 't', value: (r) => r.t, text: (r) => `${r.t.toLocaleString('en-IN')} t` },
];

describe('table logic', () => {
  it('sorts text naturally and numbers as numbers, empty last, stable on ties', () => {
    expect(viewIndices(rows, cols, '', {}, { column: 'id', dir: 1 }).map((i) => rows[i]!.id)).toEqual([
      'R1',
      'R2',
      'R10',
      'X1',
    ]);
    expect(viewIndices(rows, cols, '', {}, { column: 't', dir: -1 }).map((i) => rows[i]!.id)).toEqual([
      'R2',
      'R1',
      'R10',
      'X1',
    ]);
    expect(compareValues('', 'a')).toBeGreaterThan(0);
  });
  it('cycles sort ascending, descending, off', () => {
    expect(nextSort(null, 'a')).toEqual({ column: 'a', dir: 1 });
    expect(nextSort({ column: 'a', dir: 1 }, 'a')).toEqual({ column: 'a', dir: -1 });
    expect(nextSort({ column: 'a', dir: -1 }, 'a')).toBeNull();
    expect(nextSort({ column: 'a', dir: -1 }, 'b')).toEqual({ column: 'b', dir: 1 });
  });
  it('filters globally and per column, with number comparisons', () => {
    expect(viewIndices(rows, cols, 'r1', {}, null).map((i) => rows[i]!.id)).toEqual(['R10', 'R1']);
    expect(viewIndices(rows, cols, '', { t: '>=1,200' }, null).map((i) => rows[i]!.id)).toEqual(['R2', 'R1']);
    expect(viewIndices(rows, cols, '', { t: '<100', id: 'x' }, null).map((i) => rows[i]!.id)).toEqual(['X1']);
    expect(matchesFilter('abc', 'abc', '>3')).toBe(false);
    expect(matchesFilter('1,200 t', 1200, '1,200')).toBe(true);
  });
});

describe('rowAfterKey', () => {
  it('moves one row with arrows, a page with Page keys, to the ends with Home/End, within bounds', () => {
    expect(rowAfterKey('ArrowDown', 3, 10, 5)).toBe(4);
    expect(rowAfterKey('ArrowUp', 0, 10, 5)).toBe(0);
    expect(rowAfterKey('ArrowDown', 9, 10, 5)).toBe(9);
    expect(rowAfterKey('PageDown', 7, 10, 5)).toBe(9);
    expect(rowAfterKey('PageUp', 7, 10, 5)).toBe(2);
    expect(rowAfterKey('End', 0, 10, 5)).toBe(9);
    expect(rowAfterKey('Home', 9, 10, 5)).toBe(0);
  });

  it('ignores other keys and empty tables, and clamps a row the filter removed', () => {
    expect(rowAfterKey('Enter', 3, 10, 5)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0, 5)).toBeNull();
    expect(rowAfterKey('ArrowDown', 40, 10, 5)).toBe(9);
  });
});

describe('rowsInView', () => {
  /** Rows laid out one after another from offset 0, with these heights. */
  const laidOut = (heights: number[]) =>
    heights.map((h, i) => {
      const start = heights.slice(0, i).reduce((a, b) => a + b, 0);
      return { start, end: start + h };
    });

  it('pages by the rows wholly in view, as measured, not by a guessed row height', () => {
    // One-line rows of 30 px in 300 px of box: a page is 10 rows (a 40 px guess made it 7).
    const oneLine = laidOut(Array<number>(100).fill(30));
    expect(rowsInView(oneLine, 0, 300)).toBe(10);
    expect(rowAfterKey('PageDown', 0, 100, rowsInView(oneLine, 0, 300))).toBe(10);
    expect(rowAfterKey('PageUp', 50, 100, rowsInView(oneLine, 1500, 300))).toBe(40);
    // Wrapped reasons of 56 px, and one opened row of 200 px: fewer rows fit.
    expect(rowsInView(laidOut(Array<number>(100).fill(56)), 0, 300)).toBe(5);
    expect(rowsInView(laidOut([30, 200, 30, 30, 30]), 0, 300)).toBe(4);
  });

  it('counts only rows wholly in view, scrolled part-way, and at least one', () => {
    const rows = laidOut(Array<number>(100).fill(30));
    // From 15 px down: rows 1–9 are whole, row 0 and row 10 are cut.
    expect(rowsInView(rows, 15, 300)).toBe(9);
    expect(rowsInView(laidOut([500]), 0, 300)).toBe(1);
    expect(rowsInView([], 0, 300)).toBe(1);
  });
});
