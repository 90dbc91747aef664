import fs from 'node:fs';
import path from 'node:path';
import { FORMULA_START } from './formula';

/**
 * The one CSV writer, for every CSV the app writes (exports, demo data, batch predictions): comma
 * separated, CRLF line ends, quoted where a cell holds a separator, quote or line break. A text
 * cell a spreadsheet would run as a formula gets a leading `'`.
 */
export type CsvCell = string | number | boolean | null;

function formatCell(v: CsvCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  // `;` and tab too: the reader takes either as the separator when the header holds more of them.
  return /[",;\t\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, without its line end. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(formatCell).join(',');
}

export function writeCsv(rows: Iterable<readonly CsvCell[]>): string {
  let out = '';
  for (const r of rows) out += csvLine(r) + '\r\n';
  return out;
}

/**
 * Write rows to a file atomically (a temporary file renamed over it), streaming, so a large
 * batch's output is never one string in memory and a reader never sees half a file.
 */
export async function writeCsvFile(file: string, rows: Iterable<readonly CsvCell[]>): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const out = fs.createWriteStream(tmp);
  try {
    for (const r of rows) {
      if (!out.write(csvLine(r) + '\r\n')) await new Promise<void>((resolve, reject) => { out.once('drain', resolve); out.once('error', reject); });
    }
    await new Promise<void>((resolve, reject) => { out.once('error', reject); out.end(resolve); });
  } catch (err) {
    out.destroy();
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  await fs.promises.rename(tmp, file);
}
