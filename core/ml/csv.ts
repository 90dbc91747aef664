import fs from 'node:fs';
import { readCsvFile } from '../csv/read';
import { makeColumn, type Cell, type ColumnType, type Table } from './table';

/**
 * A CSV file → table, streamed: the header names columns, types are inferred (numbers, ISO dates,
 * else categories) unless `types` overrides them. Blank lines are skipped; a row with the wrong
 * number of fields, or broken quoting, is an error naming the file and line.
 */
export async function readCsvTable(file: string, types: Record<string, ColumnType> = {}): Promise<Table> {
  if (!fs.existsSync(file)) throw new Error(`CSV file not found: ${file}`);
  let header: string[] | null = null;
  let columns: Cell[][] = [];
  try {
    for await (const { cells, line } of readCsvFile(file)) {
      if (cells.length === 1 && cells[0] === '') continue;
      if (!header) {
        header = cells.map((h) => h.trim());
        const dup = header.find((h, i) => header!.indexOf(h) !== i);
        if (dup) throw new Error(`${file}: column '${dup}' appears twice in the header.`);
        for (const name of Object.keys(types)) if (!header.includes(name)) throw new Error(`${file}: type given for column '${name}', which is not in the header.`);
        columns = header.map(() => []);
        continue;
      }
      if (cells.length !== header.length) throw new Error(`${file} line ${line}: ${cells.length} fields, the header has ${header.length}.`);
      cells.forEach((c, j) => columns[j]!.push(c));
    }
  } catch (err) {
    // The reader's quoting errors name the line; say which file too.
    const msg = (err as Error).message;
    throw /^line \d+:/.test(msg) ? new Error(`${file} ${msg}`) : err;
  }
  if (!header) throw new Error(`${file} is empty: expected a header row.`);
  return { nRows: columns[0]?.length ?? 0, columns: header.map((name, j) => makeColumn(name, columns[j]!, types[name], file)) };
}
