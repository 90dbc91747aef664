import { describe, expect, it } from 'vitest';
import { compareValues, matchesFilter, nextSort, viewIndices, type ViewColumn } from './tableLogic';

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
