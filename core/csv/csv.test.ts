import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords, readCsvFile } from './read';
import { writeCsv, writeCsvFile } from './write';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function fileRecords(text: string) {
  const f = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(f, text);
  const out = [];
  for await (const r of readCsvFile(f)) out.push(r);
  return out;
}

describe('csv', () => {
  it('round-trips quotes, separators, newlines and formula-looking text', () => {
    const rows = [['a', 'b,c', 'say "hi"', 'two\nlines', '=SUM(A1:A9)', '+91 98', '-x', '@cmd', 12.5, -3, true, null]];
    const text = writeCsv(rows);
    expect(text).toContain("'=SUM(A1:A9)");
    expect(text).toContain("'+91 98");
    expect(text).toContain("'@cmd");
    expect(text).toContain(',-3,'); // numbers are not neutralised
    expect(parseCsv(text)).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines', '=SUM(A1:A9)', '+91 98', '-x', '@cmd', '12.5', '-3', 'true', ''],
    ]);
  });

  it('reads semicolon and tab files with a BOM, CRLF, LF or CR line ends', () => {
    expect(parseCsv('\uFEFFa;b\r\n1;2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a\tb\n1\t2,3\r4\t5\n')).toEqual([
      ['a', 'b'],
      ['1', '2,3'],
      ['4', '5'],
    ]);
  });

  it('tags each record with the line it starts on', () => {
    expect(parseCsvRecords('a,b\n"x\ny",1\n\nz,2\n').map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it('refuses broken quoting naming the line, instead of reading the rest of the file as one cell', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"oops\n4,5\n6,7\n')).toThrow(/^line 3: a quoted field is never closed/);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/^line 2: a quoted field is followed by more text/);
    expect(() => parseCsv('a,b\n1,2\n1,x"y\n')).toThrow(/^line 3: a quote in the middle of an unquoted field/);
  });

  it('streams a file the same way, errors included', async () => {
    const text = writeCsv([
      ['id', 'note'],
      ['1', '=cmd'],
      ['2', 'two\nlines'],
    ]);
    expect(await fileRecords(`\uFEFF${text}`)).toEqual(parseCsvRecords(text));
    expect((await fileRecords('x;y\n1;2\n')).map((r) => r.cells)).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
    await expect(fileRecords('a,b\n1,2\n3,"oops\n4,5\n')).rejects.toThrow(/^line 3: a quoted field is never closed/);
  });

  it('writes a file through a temporary file, neutralising formulas', async () => {
    const f = path.join(dir, 'out', 'p.csv');
    await writeCsvFile(f, [
      ['row', 'label'],
      [1, '=HYPERLINK("x")'],
      [2, '@SUM(A1)'],
    ]);
    expect(fs.readFileSync(f, 'utf8')).toBe('row,label\r\n1,"\'=HYPERLINK(""x"")"\r\n2,\'@SUM(A1)\r\n');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['p.csv']);
  });
});
