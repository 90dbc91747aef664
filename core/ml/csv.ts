import fs from 'node:fs';
import { makeColumn, type Cell, type ColumnType, type Table } from './table';

/** Split CSV text into records (RFC 4180: quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') out.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); out.push(row); }
  return out;
}

/**
 * A CSV file → table: the header names columns, types are inferred (numbers, ISO dates, else
 * categories) unless `types` overrides them. A row with the wrong number of fields is an error
 * naming the file and line.
 */
export function readCsvTable(file: string, types: Record<string, ColumnType> = {}): Table {
  if (!fs.existsSync(file)) throw new Error(`CSV file not found: ${file}`);
  const records = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  if (records.length === 0) throw new Error(`${file} is empty: expected a header row.`);
  const header = records[0]!.map((h) => h.trim());
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new Error(`${file}: column '${dup}' appears twice in the header.`);
  for (const name of Object.keys(types)) if (!header.includes(name)) throw new Error(`${file}: type given for column '${name}', which is not in the header.`);
  const body = records.slice(1);
  body.forEach((r, i) => {
    if (r.length !== header.length) throw new Error(`${file} line ${i + 2}: ${r.length} fields, the header has ${header.length}.`);
  });
  return {
    nRows: body.length,
    columns: header.map((name, j) => makeColumn(name, body.map((r) => r[j] as Cell), types[name], file)),
  };
}

/** Quote a CSV field when it needs it. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
