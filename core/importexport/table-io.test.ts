import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/read';
import { SCENARIO_TABLES } from '../domain/scenario-tables';
import { readTable } from './table-io';

describe('readTable', () => {
  const spec = SCENARIO_TABLES.orders;
  it('maps header variants and reads planner-typed cells', () => {
    const matrix = parseCsv([
      'Order No,Party,Station,Item,Qty (MT),Due By,Prio,Mode,Split',
      'SO-1,Acme,GZB,HRC,"1,250 t",26-01-2026 18:00,P1,both,yes',
    ].join('\n'));
    const r = readTable(spec, matrix);
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]).toEqual({ id: 'SO-1', customer: 'Acme', destination: 'GZB', product: 'HRC', quantityT: 1250, dueDate: '2026-01-26T18:00:00+05:30', priority: 1, modes: 'either', splittable: true });
  });

  it('reports every bad row with line, column and reason', () => {
    const matrix = parseCsv([
      'id,customer,destination,product,quantityT,dueDate,priority,modes,splittable',
      'SO-1,A,GZB,HRC,100,2026-01-26,1,rail,no',
      'SO-2,B,GZB,HRC,-5,2026-01-26,1,rail,no',
      'SO-3,C,GZB,HRC,abc,2026-01-26,4,rail,no',
    ].join('\n'));
    const r = readTable(spec, matrix);
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toEqual([
      { line: 3, field: 'Quantity [t]', reason: 'must be > 0', key: 'SO-2' },
      { line: 4, field: 'Quantity [t]', reason: "'abc' is not a number", key: 'SO-3' },
      { line: 4, field: 'Priority', reason: "'4' is not a priority (1, 2 or 3)", key: 'SO-3' },
    ]);
  });

  it('names a missing required column', () => {
    expect(() => readTable(spec, [['id', 'customer']])).toThrow(/missing column\(s\) 'Destination'/);
  });

  it('lets optional and defaulted columns be absent', () => {
    const r = readTable(SCENARIO_TABLES.inventory, [['Yard', 'Product', 'Stock'], ['SY-1', 'HRC', '1200']]);
    expect(r.rows).toEqual([{ stockyard: 'SY-1', product: 'HRC', onHandT: 1200, safetyStockT: 0 }]);
  });
});
