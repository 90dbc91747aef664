import fs from 'node:fs';
import { readCsvFile } from '../csv/read';
import { makeColumn, type Column, type ColumnType, type Table } from './table';

/** A growing float64 column: numbers are stored as they stream in, never held as text. */
class NumBuffer {
  buf = new Float64Array(1 << 14);
  n = 0;
  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }
  done(): Float64Array {
    return this.buf.length === this.n ? this.buf : this.buf.slice(0, this.n);
  }
}

/**
 * A CSV file → table, streamed: the header names columns, types are inferred (numbers, ISO dates,
 * else categories) unless `types` overrides them. Blank lines are skipped; a row with the wrong
 * number of fields, or broken quoting, is an error naming the file and line.
 *
 * Columns that hold numbers are kept as numbers while the file streams: a training file is mostly
 * numbers, and holding each cell as text until the end took about twice the memory of the data.
 * A column that turns out not to be numeric (a text cell after numbers) is read again as text in
 * a second pass over the file — the only case that reads it twice.
 */
export async function readCsvTable(file: string, types: Record<string, ColumnType> = {}): Promise<Table> {
  if (!fs.existsSync(file)) throw new Error(`CSV file not found: ${file}`);
  let header: string[] | null = null;
  let nums: (NumBuffer | null)[] = [];
  let texts: ((string | null)[] | null)[] = [];
  /** Columns that started as numbers and met text: collected as text in a second pass. */
  const demoted = new Set<number>();
  let rows = 0;
  const pass = async (onRow: (cells: string[], line: number) => void, onHeader: (cells: string[]) => void) => {
    let seenHeader = false;
    try {
      for await (const { cells, line } of readCsvFile(file)) {
        if (cells.length === 1 && cells[0] === '') continue;
        if (!seenHeader) {
          seenHeader = true;
          onHeader(cells);
          continue;
        }
        onRow(cells, line);
      }
    } catch (err) {
      // The reader's quoting errors name the line; say which file too.
      const msg = (err as Error).message;
      throw /^line \d+:/.test(msg) ? new Error(`${file} ${msg}`) : err;
    }
  };
  await pass(
    (cells, line) => {
      const h = header!;
      if (cells.length !== h.length)
        throw new Error(`${file} line ${line}: ${cells.length} fields, the header has ${h.length}.`);
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        const nb = nums[j];
        if (nb) {
          if (c === '') {
            nb.push(NaN);
            continue;
          }
          const x = Number(c.trim());
          if (Number.isFinite(x)) {
            nb.push(x);
            continue;
          }
          if (types[h[j]!] === 'numeric')
            throw new Error(
              `${file} row ${rows + 1}, column '${h[j]}': '${c}' is not a number (the column is numeric).`,
            );
          nums[j] = null;
          demoted.add(j);
        } else if (texts[j]) texts[j]!.push(c);
      }
      rows++;
    },
    (cells) => {
      header = cells.map((h) => h.trim());
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      if (dup) throw new Error(`${file}: column '${dup}' appears twice in the header.`);
      for (const name of Object.keys(types))
        if (!header.includes(name))
          throw new Error(`${file}: type given for column '${name}', which is not in the header.`);
      const asText = (name: string) => types[name] === 'categorical' || types[name] === 'date';
      nums = header.map((name) => (asText(name) ? null : new NumBuffer()));
      texts = header.map((name) => (asText(name) ? [] : null));
    },
  );
  if (!header) throw new Error(`${file} is empty: expected a header row.`);
  const names: string[] = header;
  if (demoted.size > 0) {
    for (const j of demoted) texts[j] = [];
    await pass(
      (cells) => {
        for (const j of demoted) texts[j]!.push(cells[j]!);
      },
      () => {},
    );
  }
  const columns: Column[] = names.map((name, j) => {
    const nb = nums[j];
    if (nb) return { name, type: 'numeric', num: nb.done(), str: null };
    return makeColumn(name, texts[j]!, types[name], file);
  });
  return { nRows: rows, columns };
}
