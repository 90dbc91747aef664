import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../domain/scenario-tables';
import { parseCell } from './cells';

const col = (kind: ColumnSpec['kind'], options?: (string | number)[]): ColumnSpec => ({
  field: 'f',
  label: 'F',
  kind,
  options,
});
const inUnit = (unit: string): ColumnSpec => ({ field: 'f', label: `F [${unit}]`, kind: 'number', unit });

describe('parseCell', () => {
  it('reads date-times the ways planners write them, as IST', () => {
    const ts = col('timestamp');
    expect(parseCell(ts, '2026-01-26T18:00:00+05:30')).toEqual({ ok: true, value: '2026-01-26T18:00:00+05:30' });
    expect(parseCell(ts, '2026-01-26T12:30Z')).toEqual({ ok: true, value: '2026-01-26T12:30:00Z' });
    expect(parseCell(ts, '2026-01-26 18:00')).toEqual({ ok: true, value: '2026-01-26T18:00:00+05:30' });
    expect(parseCell(ts, '26/01/2026')).toEqual({ ok: true, value: '2026-01-26T00:00:00+05:30' });
    expect(parseCell(ts, '26-01-2026 7:05')).toEqual({ ok: true, value: '2026-01-26T07:05:00+05:30' });
    // Excel hands over a Date whose UTC reading is the cell's wall-clock time.
    expect(parseCell(ts, new Date(Date.UTC(2026, 0, 26, 18, 0)))).toEqual({
      ok: true,
      value: '2026-01-26T18:00:00+05:30',
    });
  });

  it('refuses impossible or unreadable dates with the value in the message', () => {
    expect(parseCell(col('timestamp'), '31-02-2026')).toEqual({
      ok: false,
      reason: "'31-02-2026' is not a real date/time",
    });
    expect(parseCell(col('timestamp'), 'next week')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^'next week' is not a date\/time/),
    });
    expect(parseCell(col('date'), '2026-03-05 10:00')).toEqual({ ok: true, value: '2026-03-05' });
  });

  it('reads numbers with separators and units, and whole numbers strictly', () => {
    expect(parseCell(inUnit('t'), '1,250.5 t')).toEqual({ ok: true, value: 1250.5 });
    expect(parseCell(inUnit('₹'), '₹ 3,000')).toEqual({ ok: true, value: 3000 });
    expect(parseCell(col('number'), '12abc')).toEqual({ ok: false, reason: "'12abc' is not a number" });
    expect(parseCell(inUnit('t'), '12,50,000 t')).toEqual({ ok: true, value: 1250000 }); // Indian grouping
    expect(parseCell(col('number'), '1,250,000')).toEqual({ ok: true, value: 1250000 });
    expect(parseCell(col('number'), '1,2,3')).toEqual({ ok: false, reason: "'1,2,3' is not a number" });
    expect(parseCell(col('number'), '12,5')).toEqual({ ok: false, reason: "'12,5' is not a number" });
    expect(parseCell(col('int'), '42.5')).toEqual({ ok: false, reason: "'42.5' is not a whole number" });
    expect(parseCell(col('number'), '  ')).toEqual({ ok: true, value: undefined });
  });

  it('reads yes/no, priorities, enums with synonyms and lists', () => {
    expect(parseCell(col('bool'), 'Y')).toEqual({ ok: true, value: true });
    expect(parseCell(col('bool'), 'maybe')).toEqual({ ok: false, reason: "'maybe' is not yes/no" });
    expect(parseCell(col('priority'), 'P2')).toEqual({ ok: true, value: 2 });
    expect(parseCell(col('priority'), 'High')).toEqual({ ok: true, value: 1 });
    expect(parseCell(col('enum', ['rail', 'road', 'either']), 'Both')).toEqual({ ok: true, value: 'either' });
    expect(parseCell(col('enum', ['rail', 'road', 'either']), 'ship')).toEqual({
      ok: false,
      reason: "'ship' must be one of rail, road, either",
    });
    expect(parseCell(col('list'), 'BFNS; BRN|BOST')).toEqual({ ok: true, value: ['BFNS', 'BRN', 'BOST'] });
  });

  it("accepts a number in the column's own unit, however spelled", () => {
    const spelled: [string, string, number][] = [
      ['t', '20 tonnes', 20],
      ['t', '20 MT', 20],
      ['t', '1 ton', 1],
      ['km', '1,180 kms', 1180],
      ['h', '36 hrs', 36],
      ['h', '2 hours', 2],
      ['t/h', '400 tph', 400],
      ['t/h', '400 t/h', 400],
      ['₹/t', 'Rs 450/t', 450],
      ['₹/t', '450 INR/t', 450],
      ['₹/t', '₹ 450', 450],
      ['₹', 'Rs. 3,000', 3000],
      ['₹', 'INR 3000', 3000],
      ['t/day', '2,500 t/day', 2500],
    ];
    for (const [unit, cell, value] of spelled)
      expect(parseCell(inUnit(unit), cell), `${cell} in ${unit}`).toEqual({ ok: true, value });
  });

  it('refuses a number in another unit, naming both units', () => {
    expect(parseCell(inUnit('t'), '5 km')).toEqual({ ok: false, reason: "'5 km' has unit km; this column is in t" });
    expect(parseCell(inUnit('t'), '7 h')).toEqual({ ok: false, reason: "'7 h' has unit h; this column is in t" });
    expect(parseCell(inUnit('t'), '9 t/h')).toEqual({ ok: false, reason: "'9 t/h' has unit t/h; this column is in t" });
    expect(parseCell(inUnit('t'), '13 ₹/t')).toEqual({
      ok: false,
      reason: "'13 ₹/t' has unit ₹/t; this column is in t",
    });
    expect(parseCell(inUnit('km'), '36 hrs')).toEqual({
      ok: false,
      reason: "'36 hrs' has unit h; this column is in km",
    });
    expect(parseCell(inUnit('₹/t'), '450 t')).toEqual({
      ok: false,
      reason: "'450 t' has unit t; this column is in ₹/t",
    });
    expect(parseCell({ field: 'wagons', label: 'Wagons', kind: 'int' }, '42 t')).toEqual({
      ok: false,
      reason: "'42 t' has unit t; this column has no unit",
    });
  });

  it('says when a cell holds a formula with no saved result, or an Excel error', () => {
    expect(parseCell(inUnit('t'), { fault: 'formula', formula: 'A1*2' })).toEqual({
      ok: false,
      reason: 'holds a formula (=A1*2) with no saved result; open the file in Excel and save it again',
    });
    expect(parseCell(col('text'), { fault: 'error', error: '#DIV/0!' })).toEqual({
      ok: false,
      reason: 'holds the error #DIV/0!',
    });
  });
});
