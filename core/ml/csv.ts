import fs from 'node:fs';
import { fileDelimiter, readCsvFile, unneutralise } from '../csv/read';
import { parseDecimal, scanUnquoted, type ScanRecord } from './csv-scan';
import { makeColumn, typeGiven, type Column, type ColumnType, type Table } from './table';

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

/** Where the cells of one pass go: the header, then each row's cells, as text or as bytes. */
interface PassSink {
  header(cells: string[]): void;
  row(cells: string[], line: number): void;
  bytes(r: ScanRecord): void;
}

/**
 * One pass over the file's records. Quote-free files (most training files) are read by the byte
 * scanner; at the first quote the pass starts again on the general reader, with a fresh sink.
 */
async function readPass(file: string, makeSink: () => PassSink): Promise<void> {
  let sink = makeSink();
  let seenHeader = false;
  const headerCells = (r: ScanRecord) =>
    Array.from({ length: r.n }, (_, j) => unneutralise(r.buf.toString('utf8', r.starts[j], r.ends[j])));
  const delimiter = await fileDelimiter(file);
  const whole = await scanUnquoted(file, delimiter.charCodeAt(0), (r) => {
    if (seenHeader) sink.bytes(r);
    else {
      seenHeader = true;
      sink.header(headerCells(r));
    }
  });
  if (whole) return;
  sink = makeSink();
  seenHeader = false;
  try {
    for await (const { cells, line } of readCsvFile(file)) {
      if (cells.length === 1 && cells[0] === '') continue;
      if (!seenHeader) {
        seenHeader = true;
        sink.header(cells);
      } else sink.row(cells, line);
    }
  } catch (err) {
    // The reader's quoting errors name the line; say which file too.
    const msg = (err as Error).message;
    throw /^line \d+:/.test(msg) ? new Error(`${file} ${msg}`) : err;
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
  // A fresh first pass each time readPass starts over.
  let state!: FirstPass;
  await readPass(file, () => (state = new FirstPass(file, types)));
  const { names, nums, texts, demoted, rows } = state;
  if (!names) throw new Error(`${file} is empty: expected a header row.`);
  if (demoted.size > 0) {
    const cols = [...demoted];
    const collect = () => {
      for (const j of cols) texts[j] = [];
      return {
        header: () => {},
        row: (cells: string[]) => {
          for (const j of cols) texts[j]!.push(cells[j]!);
        },
        bytes: (r: ScanRecord) => {
          for (const j of cols) texts[j]!.push(unneutralise(r.buf.toString('utf8', r.starts[j], r.ends[j])));
        },
      };
    };
    await readPass(file, collect);
  }
  const columns: Column[] = names.map((name, j) => {
    const nb = nums[j];
    if (nb) return { name, type: 'numeric', num: nb.done(), str: null };
    return makeColumn(name, texts[j]!, typeGiven(types, name), file);
  });
  return { nRows: rows, columns };
}

/** The first pass: numeric columns kept as numbers, text columns as text, demotions noted. */
class FirstPass implements PassSink {
  names: string[] | null = null;
  nums: (NumBuffer | null)[] = [];
  texts: ((string | null)[] | null)[] = [];
  /** Columns that started as numbers and met text: collected as text in a second pass. */
  readonly demoted = new Set<number>();
  rows = 0;

  constructor(
    private readonly file: string,
    private readonly types: Record<string, ColumnType>,
  ) {}

  header(cells: string[]): void {
    const { file, types } = this;
    const header = cells.map((h) => h.trim());
    this.names = header;
    const dup = header.find((h, i) => header.indexOf(h) !== i);
    if (dup) throw new Error(`${file}: column '${dup}' appears twice in the header.`);
    for (const name of Object.keys(types))
      if (!header.includes(name))
        throw new Error(`${file}: type given for column '${name}', which is not in the header.`);
    const asText = (name: string) => typeGiven(types, name) === 'categorical' || typeGiven(types, name) === 'date';
    this.nums = header.map((name) => (asText(name) ? null : new NumBuffer()));
    this.texts = header.map((name) => (asText(name) ? [] : null));
  }

  private checkCount(n: number, line: number): void {
    const h = this.names!;
    if (n !== h.length) throw new Error(`${this.file} line ${line}: ${n} fields, the header has ${h.length}.`);
  }

  row(cells: string[], line: number): void {
    this.checkCount(cells.length, line);
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j]!;
      if (this.nums[j]) this.numberCell(j, c);
      else if (this.texts[j]) this.texts[j]!.push(c);
    }
    this.rows++;
  }

  bytes(r: ScanRecord): void {
    this.checkCount(r.n, r.line);
    const { buf, starts, ends } = r;
    const nums = this.nums;
    for (let j = 0; j < r.n; j++) {
      const nb = nums[j];
      const s = starts[j]!,
        e = ends[j]!;
      if (nb) {
        const x = s === e ? NaN : parseDecimal(buf, s, e);
        if (x === x || s === e) nb.push(x);
        else this.numberCell(j, unneutralise(buf.toString('utf8', s, e)));
      } else if (this.texts[j]) this.texts[j]!.push(unneutralise(buf.toString('utf8', s, e)));
    }
    this.rows++;
  }

  /** A cell of a column still held as numbers: its number, or the column turns to text. */
  private numberCell(j: number, c: string): void {
    const nb = this.nums[j]!;
    if (c === '') {
      nb.push(NaN);
      return;
    }
    const x = Number(c.trim());
    if (Number.isFinite(x)) {
      nb.push(x);
      return;
    }
    const name = this.names![j]!;
    if (typeGiven(this.types, name) === 'numeric')
      throw new Error(
        `${this.file} row ${this.rows + 1}, column '${name}': '${c}' is not a number (the column is numeric).`,
      );
    this.nums[j] = null;
    this.demoted.add(j);
  }
}
