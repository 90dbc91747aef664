import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvTable } from './csv';
import { encodeTable, fitFeatures } from './manifest';
import { tableFromRows } from './table';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('CSV datasets', () => {
  it('reads quoted fields, doubled quotes, a BOM, CRLF and blank lines', async () => {
    const t = await readCsvTable(write('q.csv', '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\nz,\n'), {
      a: 'categorical',
      b: 'categorical',
    });
    expect(t.columns.map((c) => c.str)).toEqual([
      ['x, y', 'z'],
      ['say "hi"', null],
    ]);
  });

  it('infers numeric, date and categorical columns, and honours overrides', async () => {
    const f = write(
      't.csv',
      'date,lane,km,grade\n2025-01-02,EAST,820,1\n2025-01-03,WEST,,2\n2025-01-04,EAST,1310.5,3\n',
    );
    const t = await readCsvTable(f);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['date', 'date'],
      ['lane', 'categorical'],
      ['km', 'numeric'],
      ['grade', 'numeric'],
    ]);
    expect(Number.isNaN(t.columns[2]!.num![1]!)).toBe(true);
    const o = await readCsvTable(f, { grade: 'categorical' });
    expect(o.columns[3]!.type).toBe('categorical');
    // A date column becomes month, weekday (0 = Monday) and day of year.
    const feats = fitFeatures(t, ['date'], new Set(), [0, 1, 2], Float64Array.from([1, 2, 3]), true);
    expect(Array.from(encodeTable(feats, t).subarray(0, 3))).toEqual([1, 3, 2]); // 2025-01-02 is a Thursday
  });

  it('reads columns named like Object members as data, not as a type given for them', async () => {
    const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
    const f = write('proto.csv', `${names.join(',')},y\na,b,c,d,1\nb,a,d,c,2\n`);
    for (const t of [await readCsvTable(f), tableFromRows([{ toString: 'a', constructor: 'b', y: 1 }])])
      for (const c of t.columns.filter((x) => x.name !== 'y'))
        expect([c.name, c.type]).toEqual([c.name, 'categorical']);
  });

  it('keeps numbers as numbers while streaming; a column that meets text late is read again as text, as written', async () => {
    const f = write('late.csv', 'code,km\n007,1\n8,\n 9 ,2.5\nX-1,3\n');
    const t = await readCsvTable(f);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['code', 'categorical'],
      ['km', 'numeric'],
    ]);
    expect(t.columns[0]!.str).toEqual(['007', '8', '9', 'X-1']);
    expect(Array.from(t.columns[1]!.num!)).toEqual([1, NaN, 2.5, 3]);
    expect(t.nRows).toBe(4);
  });

  it('reads a quote-free file from its bytes the same way: CR, CRLF and LF ends, a BOM, blank lines, text columns', async () => {
    const f = write(
      'plain.csv',
      "\uFEFFkm,lane,w\r\n820.125,EAST,0.30000001192092896\r\r\n-1e3,'=WEST,\n\n7,EAST, 2 \r",
    );
    const t = await readCsvTable(f);
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['km', 'numeric'],
      ['lane', 'categorical'],
      ['w', 'numeric'],
    ]);
    expect(Array.from(t.columns[0]!.num!)).toEqual([820.125, -1000, 7]);
    expect(t.columns[1]!.str).toEqual(['EAST', '=WEST', 'EAST']);
    expect(Array.from(t.columns[2]!.num!)).toEqual([0.30000001192092896, NaN, 2]);
  });

  it('reads past its 1 MiB read buffer: a CRLF split across two reads is one line end', async () => {
    // 17 header bytes, then 16 per row: row k's CR is byte 17 + 16k + 14, which is 2^20 − 1 for k = 65534.
    const rows = Array.from(
      { length: 100_000 },
      (_, k) => `${String(k).padStart(7, '0')},${String(k % 997).padStart(6, '0')}`,
    );
    const text = ['col_a,col_bbbbb', ...rows, '5'].join('\r\n');
    expect(text.indexOf('\r\n', 17 + 16 * 65534)).toBe(2 ** 20 - 1);
    await expect(readCsvTable(write('big.csv', text))).rejects.toThrow(
      /big\.csv line 100002: 1 fields, the header has 2/,
    );
    const t = await readCsvTable(write('big-ok.csv', ['col_a,col_bbbbb', ...rows, ''].join('\r\n')));
    expect(t.nRows).toBe(100_000);
    expect([t.columns[0]!.num![65534], t.columns[1]!.num![65534], t.columns[0]!.num![99_999]]).toEqual([
      65534,
      65534 % 997,
      99_999,
    ]);
  });

  it('reads a file whose first quote comes late with the general reader, from the start', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i}.5,LANE-${i % 3}`);
    const f = write('late-quote.csv', ['x,lane', ...rows, '7,"WEST, 2"', ''].join('\n'));
    const t = await readCsvTable(f);
    expect(t.nRows).toBe(3001);
    expect(t.columns[0]!.num![2999]).toBe(2999.5);
    expect(t.columns[1]!.str!.at(-1)).toBe('WEST, 2');
    await expect(
      readCsvTable(write('late-short.csv', ['x,lane', ...rows, '7', '"a",b', ''].join('\n'))),
    ).rejects.toThrow(/late-short\.csv line 3002: 1 fields, the header has 2/);
  });

  it('names the file, line and column of bad input', async () => {
    await expect(readCsvTable(write('short.csv', 'a,b\n1,2\n3\n'))).rejects.toThrow(
      /short\.csv line 3: 1 fields, the header has 2/,
    );
    await expect(readCsvTable(write('num.csv', 'a\n1\nx\n'), { a: 'numeric' })).rejects.toThrow(
      /row 2, column 'a': 'x' is not a number/,
    );
    await expect(readCsvTable(write('dup.csv', 'a,a\n1,2\n'))).rejects.toThrow(/dup\.csv: column 'a' appears twice/);
    await expect(readCsvTable(path.join(dir, 'none.csv'))).rejects.toThrow(/CSV file not found/);
  });

  it('refuses an unterminated quote naming its line, rather than reading the rest of the file as one cell', async () => {
    const f = write('open.csv', 'lane,km\nEAST,820\n"WEST,910\nEAST,1310\nEAST,400\n');
    await expect(readCsvTable(f)).rejects.toThrow(/open\.csv line 3: a quoted field is never closed/);
  });
});
