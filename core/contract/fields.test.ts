import { describe, expect, it } from 'vitest';
import { contract } from '.';
import { zodIssues } from './errors';

/** The issues a payload earns from a call's schema, as the host sends them. */
function issuesOf(name: keyof typeof contract, payload: unknown) {
  const parsed = contract[name].input.safeParse(payload);
  if (parsed.success) throw new Error(`${name} accepted the payload`);
  return zodIssues(parsed.error);
}

/** A row of `n` cells, each a value no cell may hold. */
const badRow = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, true]));

describe('records in payloads', () => {
  it('answers rows full of bad cells with one issue a row, naming its first bad cell', () => {
    // Every bad cell an issue made a 60 MB call of such rows exhaust the host's heap.
    const rows = new Array(200).fill(badRow(300));
    for (const [name, payload] of [
      ['predict.rows', { model: 'm', rows }],
      ['registry.predict', { name: 'm', rows }],
      ['registry.evaluate', { name: 'm', version: 1, rows }],
    ] as const) {
      const issues = issuesOf(name, payload);
      expect(issues).toHaveLength(200);
      expect(issues[7]).toEqual({
        path: 'rows[7].c0',
        message: 'must be a number, text of at most 10,000 characters, or null',
      });
    }
  });

  it('names a row with too many columns, a long column name or a long text once', () => {
    const wide = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`c${i}`, 1]));
    const longName = { ['x'.repeat(5000)]: 1, ['y'.repeat(5000)]: 1 };
    const issues = issuesOf('predict.rows', {
      model: 'm',
      rows: [wide, longName, { a: 'z'.repeat(10_001) }, { a: 1 }],
    });
    expect(issues).toEqual([
      { path: 'rows[0]', message: 'at most 1,000 columns' },
      { path: `rows[1].${'x'.repeat(60)}`, message: 'must be ≤ 200' },
      { path: 'rows[2].a', message: 'must be ≤ 10000' },
    ]);
  });

  it('still reads good rows, numbers, text and empty cells as they are', () => {
    const parsed = contract['predict.rows'].input.parse({ model: 'm', rows: [{ a: 1.5, b: 'x', c: null }] });
    expect(parsed.rows).toEqual([{ a: 1.5, b: 'x', c: null }]);
  });

  it('answers edited rows with bad field names, and column types, with one issue each', () => {
    const values = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`${'f'.repeat(101)}${i}`, 1]));
    const edit = issuesOf('scenarios.editRows', {
      id: 's',
      table: 'orders',
      changes: new Array(300).fill({ op: 'insert', values }),
    });
    expect(edit).toHaveLength(300);
    expect(edit[0]!.path).toBe(`changes[0].values.${'f'.repeat(60)}`);
    const types = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`c${i}`, 'nope']));
    const training = issuesOf('training.start', { csv: 'a.csv', name: 'a', target: 't', task: 'regression', types });
    expect(training.filter((i) => i.path.startsWith('types'))).toEqual([
      { path: 'types.c0', message: 'must be one of "numeric", "categorical", "date"' },
    ]);
  });
});
