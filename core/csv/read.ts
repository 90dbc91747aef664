import fs from 'node:fs';
import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { FORMULA_START } from './formula';

/**
 * The one CSV reader, on csv-parse, for CSV as planners' spreadsheets write it: optional UTF-8
 * BOM, comma, semicolon or tab (whichever the header line uses most), CRLF, LF or CR line ends,
 * quoted fields with doubled quotes. Broken quoting is an error naming its line, never a cell
 * that silently swallows the rest of the file.
 */

/** One record and the file line it starts on (header = line 1), for messages about it. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** The separator used in the header line: the most frequent of , ; and tab. */
export function detectDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const n = header.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Undo the writer's protective quote (core/csv/write.ts) so a round trip is lossless. */
export function unneutralise(v: string): string {
  return v.length > 1 && v[0] === "'" && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

/**
 * csv-parse options for one file. `on_record` tags each record with the line it starts on (the
 * line after the previous record ended), which is also where an unclosed quote's record began.
 */
function options(delimiter: string, where: { start: number }): Options {
  return {
    bom: true,
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: false,
    // csv-parse's types expect a record back from on_record; any value is passed through.
    on_record: ((cells: string[], ctx: { lines: number }): CsvRecord => {
      const line = where.start;
      where.start = ctx.lines + 1;
      return { cells: cells.map(unneutralise), line };
    }) as unknown as Options['on_record'],
  };
}

/** csv-parse's error → one sentence naming the line and what is wrong with the quoting. */
function quotingError(err: unknown, recordStart: number): Error {
  // Not `instanceof CsvError`: csv-parse's sync and stream builds each carry their own class.
  const { code, lines } = err as { code?: unknown; lines?: unknown };
  if (typeof code !== 'string' || typeof lines !== 'number') return err instanceof Error ? err : new Error(String(err));
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new Error(`line ${recordStart}: a quoted field is never closed (the file ends inside it).`);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new Error(
        `line ${lines}: a quoted field is followed by more text before the separator; write a quote inside a quoted field as "".`,
      );
    case 'INVALID_OPENING_QUOTE':
      return new Error(
        `line ${lines}: a quote in the middle of an unquoted field; quote the whole field and write the quote as "".`,
      );
    default:
      return new Error(`line ${lines}: ${(err as Error).message}`);
  }
}

/** Records of CSV text already in memory (an upload's decoded bytes). */
export function parseCsvRecords(text: string): CsvRecord[] {
  const where = { start: 1 };
  try {
    return parseSync(text, options(detectDelimiter(text.replace(/^\uFEFF/, '')), where)) as unknown as CsvRecord[];
  } catch (err) {
    throw quotingError(err, where.start);
  }
}

/** Cells of CSV text already in memory: row i is file line i + 1 unless a quoted field spans lines. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.cells);
}

/** How much of a file's start is read to find its header line's separator. */
const HEAD_BYTES = 64 * 1024;

/** The separator a file's header line uses (see detectDelimiter); only the file's start is read. */
export async function fileDelimiter(file: string): Promise<string> {
  const head = Buffer.alloc(HEAD_BYTES);
  const fd = await fs.promises.open(file, 'r');
  let n: number;
  try {
    ({ bytesRead: n } = await fd.read(head, 0, HEAD_BYTES, 0));
  } finally {
    await fd.close();
  }
  return detectDelimiter(head.toString('utf8', 0, n).replace(/^\uFEFF/, ''));
}

/**
 * Records of a CSV file, streamed: a training set or a batch to score can be larger than is
 * sensible to hold as one string, and reading it this way never blocks the event loop for long.
 */
export async function* readCsvFile(file: string): AsyncGenerator<CsvRecord> {
  const where = { start: 1 };
  const parser = parse(options(await fileDelimiter(file), where));
  // `pipe` does not forward a read error: hand it to the parser so the loop below throws it.
  fs.createReadStream(file)
    .on('error', (err) => parser.destroy(err))
    .pipe(parser);
  try {
    for await (const record of parser) yield record as CsvRecord;
  } catch (err) {
    throw quotingError(err, where.start);
  } finally {
    parser.destroy();
  }
}

/** The header line's names (trimmed) of a CSV file; only the file's start is read. */
export async function readCsvHeader(file: string): Promise<string[]> {
  for await (const { cells } of readCsvFile(file)) if (cells.some((c) => c !== '')) return cells.map((c) => c.trim());
  return [];
}
