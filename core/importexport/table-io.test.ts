import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_TABLES } from '../domain/scenario-tables';
import { parseCsv } from '../csv/read';
import { readTable } from './table-io';
import { readXlsx } from './xlsx';

const orders = SCENARIO_TABLES.orders;
const HEADER = [
  'Order id',
  'Customer',
  'Destination',
  'Product',
  'Quantity [t]',
  'Due date',
  'Priority',
  'Modes',
  'Splittable',
];
const row = <T>(id: string, qty: T) => [id, 'Acme', 'GZB', 'HRC', qty, '2026-03-20 18:00', 1, 'rail', 'yes'];

describe('readTable', () => {
  it('refuses a column that repeats another, naming both', () => {
    const csv = parseCsv(`${HEADER.join(',')},Qty\r\nSO-1,Acme,GZB,HRC,500,2026-03-20 18:00,1,rail,yes,50\r\n`);
    expect(() => readTable(orders, csv)).toThrow(
      "Orders: column J 'Qty' repeats column E 'Quantity [t]' (both are Quantity [t], line 1); keep one of them.",
    );
    const same = [
      [...HEADER, 'Quantity [t]'],
      [...row('SO-1', 500), 50],
    ];
    expect(() => readTable(orders, same)).toThrow(/column J 'Quantity \[t\]' repeats column E 'Quantity \[t\]'/);
  });

  it('names what a workbook cell holds: a unit from another column, a formula never calculated, an error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(HEADER);
    ws.addRow(row('SO-1', '5 km'));
    ws.addRow(row('SO-2', { formula: 'A1*2' }));
    ws.addRow(row('SO-3', { error: '#DIV/0!' }));
    ws.addRow(row('SO-4', { formula: 'E2/0', result: { error: '#DIV/0!' } }));
    ws.addRow(row('SO-5', '1,250 t'));
    const [sheet] = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    const read = readTable(orders, sheet!.rows);
    expect(read.rows.map((r) => [r.id, r.quantityT])).toEqual([['SO-5', 1250]]);
    expect(read.rejected).toEqual([
      { line: 2, field: 'Quantity [t]', reason: "'5 km' has unit km; this column is in t", key: 'SO-1' },
      {
        line: 3,
        field: 'Quantity [t]',
        reason: 'holds a formula (=A1*2) with no saved result; open the file in Excel and save it again',
        key: 'SO-2',
      },
      { line: 4, field: 'Quantity [t]', reason: 'holds the error #DIV/0!', key: 'SO-3' },
      { line: 5, field: 'Quantity [t]', reason: 'holds the error #DIV/0!', key: 'SO-4' },
    ]);
  });
  it('maps header variants and reads planner-typed cells', () => {
    const matrix = parseCsv(
      [
        'Order No,Party,Station,Item,Qty (MT),Due By,Prio,Mode,Split',
        'SO-1,Acme,GZB,HRC,"1,250 t",26-01-2026 18:00,P1,both,yes',
      ].join('\n'),
    );
    const r = readTable(orders, matrix);
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toEqual({
      id: 'SO-1',
      customer: 'Acme',
      destination: 'GZB',
      product: 'HRC',
      quantityT: 1250,
      dueDate: '2026-01-26T18:00:00+05:30',
      priority: 1,
      modes: 'either',
      splittable: true,
    });
  });

  it('reports every bad row with line, column and reason', () => {
    const matrix = parseCsv(
      [
        'id,customer,destination,product,quantityT,dueDate,priority,modes,splittable',
        'SO-1,A,GZB,HRC,100,2026-01-26,1,rail,no',
        'SO-2,B,GZB,HRC,-5,2026-01-26,1,rail,no',
        'SO-3,C,GZB,HRC,abc,2026-01-26,4,rail,no',
      ].join('\n'),
    );
    const r = readTable(orders, matrix);
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toEqual([
      { line: 3, field: 'Quantity [t]', reason: 'must be > 0', key: 'SO-2' },
      { line: 4, field: 'Quantity [t]', reason: "'abc' is not a number", key: 'SO-3' },
      { line: 4, field: 'Priority', reason: "'4' is not a priority (1, 2 or 3)", key: 'SO-3' },
    ]);
  });

  it('names a missing required column', () => {
    expect(() => readTable(orders, [['id', 'customer']])).toThrow(/missing column\(s\) 'Destination'/);
  });

  it('echoes a header in a message by its first 20 names, each cut short', () => {
    const names = ['x'.repeat(500), ...Array.from({ length: 29 }, (_, i) => `c${i}`)];
    let err: Error | undefined;
    try {
      readTable(orders, [names]);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(new RegExp(`Found: ${'x'.repeat(60)}…, c0, c1, .*, c18, … and 10 more\\.$`));
  });

  it('refuses a header naming more than 1,000 columns with LIMIT_EXCEEDED and a short message', () => {
    const wide = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`);
    let err: unknown;
    try {
      readTable(orders, [wide]);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(
        /^Orders: the header \(line 1\) names 10,00,000 columns; a table has at most 1,000\. Found: c0, c1, .* and 9,99,980 more\.$/,
      ),
    });
    expect((err as Error).message.length).toBeLessThan(400);
    // 1,000 named columns and any number of blank ones are read as before.
    const ok = [...HEADER, ...Array.from({ length: 991 }, (_, i) => `extra ${i}`), ...Array<string>(5000).fill('')];
    expect(readTable(orders, [ok, row('SO-1', 500)]).rows).toHaveLength(1);
  });

  it('lets optional and defaulted columns be absent', () => {
    const r = readTable(SCENARIO_TABLES.inventory, [
      ['Yard', 'Product', 'Stock'],
      ['SY-1', 'HRC', '1200'],
    ]);
    expect(r.rows).toEqual([{ stockyard: 'SY-1', product: 'HRC', onHandT: 1200, safetyStockT: 0 }]);
  });
});
