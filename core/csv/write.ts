import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, tempSibling } from '../storage/atomic-write';
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

/** Excel on Windows reads a CSV as UTF-8 only when it starts with this byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/** A CSV a spreadsheet opens with every character intact (₹, Devanagari): the BOM, then the rows. */
export function writeCsvForExcel(rows: Iterable<readonly CsvCell[]>): string {
  return UTF8_BOM + writeCsv(rows);
}

/**
 * Write rows to a file atomically and durably (a temporary sibling, fsynced, renamed over the
 * target: core/storage/atomic-write.ts), streaming in chunks, so a large batch's output is never
 * one string in memory and a reader never sees half a file.
 */
export async function writeCsvFile(file: string, rows: Iterable<readonly CsvCell[]>): Promise<void> {
  const target = path.resolve(file);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  const fh = await fs.promises.open(tmp, 'wx');
  try {
    let chunk = '';
    for (const r of rows) {
      chunk += csvLine(r) + '\r\n';
      if (chunk.length >= 1 << 16) {
        await fh.write(chunk);
        chunk = '';
      }
    }
    if (chunk) await fh.write(chunk);
    await fh.sync();
    await fh.close();
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fh.close().catch(() => {});
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(target));
}
