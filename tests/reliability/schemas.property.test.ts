import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_TABLES, TABLE_NAMES, tableRows, type TableName } from '../../core/domain/scenario-tables';
import { checkScenario, hasErrors } from '../../core/domain/validate';
import { parseCsv } from '../../core/csv/read';
import { writeCsv } from '../../core/csv/write';
import { readTable, writeTable } from '../../core/importexport/table-io';
import { generateScenario } from '../../core/synth/scenario';

/**
 * Properties of the domain schemas (core/domain), over generated scenarios and rows:
 * valid data survives parsing and a CSV round trip unchanged; any single field made hostile
 * (non-finite, negative, enormous, wrong type, unknown key) is refused with an issue naming that
 * field; a broken reference is refused naming the row that holds it.
 */
const scenarioArb = fc
  .record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), size: fc.constantFrom('day' as const, 'week' as const) })
  .map(({ seed, size }) => generateScenario({ seed, size }));
const RUNS = 40;

const HOSTILE_NUMBERS: unknown[] = [NaN, Infinity, -Infinity, -1, 1e308, '12', null, true, [], {}];

describe('domain schema properties', () => {
  it('a generated scenario parses to itself and has no errors', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = checkScenario(structuredClone(s));
        expect(hasErrors(r.issues)).toBe(false);
        expect(r.scenario).toEqual(s);
      }),
      { numRuns: 15 },
    );
  });

  it('every table survives writeTable → CSV → readTable unchanged', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...TABLE_NAMES), (s, table) => {
        const spec = SCENARIO_TABLES[table];
        const rows = tableRows(s, table) as Record<string, unknown>[];
        const read = readTable(spec, parseCsv(writeCsv(writeTable(spec, rows))));
        expect(read.rejected).toEqual([]);
        expect(read.rows).toEqual(rows);
      }),
      { numRuns: RUNS },
    );
  });

  it('a hostile value in any numeric field is refused naming that field', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom(...TABLE_NAMES),
        fc.nat(),
        fc.constantFrom(...HOSTILE_NUMBERS),
        (s, table, pick, hostile) => {
          const spec = SCENARIO_TABLES[table];
          const rows = tableRows(s, table) as Record<string, unknown>[];
          const numeric = spec.columns.filter(
            (c) => ['number', 'int'].includes(c.kind) && rows.some((r) => typeof r[c.field] === 'number'),
          );
          fc.pre(rows.length > 0 && numeric.length > 0);
          const col = numeric[pick % numeric.length]!;
          const row = { ...rows[pick % rows.length], [col.field]: hostile };
          const res = spec.schema.safeParse(row);
          // -1 is allowed nowhere; 1e308 is beyond every bound; NaN/Infinity/wrong types fail `number`.
          expect(res.success).toBe(false);
          if (!res.success) expect(res.error.issues.map((i) => i.path[0])).toContain(col.field);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('an unknown key in any row is refused (rows are strict)', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom(...TABLE_NAMES),
        fc.string({ minLength: 1, maxLength: 12 }),
        (s, table, key) => {
          const spec = SCENARIO_TABLES[table];
          const rows = tableRows(s, table) as Record<string, unknown>[];
          fc.pre(rows.length > 0 && !(key in rows[0]!) && !spec.columns.some((c) => c.field === key));
          const res = spec.schema.safeParse({ ...rows[0], [key]: 1 });
          expect(res.success).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a broken reference is reported on the row and field that hold it', () => {
    const refs: {
      table: TableName;
      field: string;
      set: (s: ReturnType<typeof generateScenario>, i: number) => number;
    }[] = [
      {
        table: 'orders',
        field: 'destination',
        set: (s, i) => {
          const k = i % s.orders.length;
          s.orders[k]!.destination = 'ZZ-NOWHERE';
          return k;
        },
      },
      {
        table: 'orders',
        field: 'product',
        set: (s, i) => {
          const k = i % s.orders.length;
          s.orders[k]!.product = 'ZZ-NONE';
          return k;
        },
      },
      {
        table: 'rakes',
        field: 'wagonType',
        set: (s, i) => {
          const k = i % s.rakes.length;
          s.rakes[k]!.wagonType = 'ZZ';
          return k;
        },
      },
      {
        table: 'inventory',
        field: 'stockyard',
        set: (s, i) => {
          const k = i % s.inventory.length;
          s.inventory[k]!.stockyard = 'SY-ZZ';
          return k;
        },
      },
    ];
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...refs), fc.nat(), (s, ref, pick) => {
        const broken = structuredClone(s);
        const row = ref.set(broken, pick);
        const issue = checkScenario(broken).issues.find(
          (i) => i.severity === 'error' && i.row === row && i.field === ref.field,
        );
        expect(issue?.table).toBe(ref.table);
      }),
      { numRuns: RUNS },
    );
  });

  it('a duplicated key is reported as a duplicate', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom<TableName>('orders', 'rakes', 'inventory'),
        fc.nat(),
        (s, table, pick) => {
          const broken = structuredClone(s) as unknown as Record<string, unknown[]>;
          const rows = broken[table]!;
          rows.push(structuredClone(rows[pick % rows.length]));
          const issues = checkScenario(broken).issues.filter((i) => i.severity === 'error');
          expect(issues.some((i) => i.table === table && /duplicate/.test(i.message))).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
