import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from './cells';
import type { CsvCell as Cell } from '../csv/write';
import { assertZipWithinLimits } from './zip-limits';

/**
 * Excel workbooks via exceljs. Cells keep their types (numbers, booleans, dates, text); text is
 * written as text, never as a formula, so no neutralising is needed here.
 */
export interface Sheet {
  name: string;
  rows: Cell[][];
  /** Optional presentation for planners: column types and formats, autofilter, a totals row. */
  format?: SheetFormat;
}

export interface ColumnFormat {
  /** `datetime`/`date`: ISO text written as an Excel date on the plant's wall clock. */
  kind?: 'datetime' | 'date';
  /** Excel number format, e.g. one with a unit. */
  numFmt?: string;
  width?: number;
  /** Summed in the totals row (SUBTOTAL, so it follows the autofilter). */
  total?: boolean;
}

export interface SheetFormat {
  columns: ColumnFormat[];
  autoFilter?: boolean;
  /** Label of a totals row under the data (in the first column). */
  totalsLabel?: string;
}

/** Indian digit grouping (1,23,45,678) with a unit, as Excel number formats. */
export const indianFormat = (prefix: string, suffix: string) =>
  `[>=10000000]${prefix}##\\,##\\,##\\,##0${suffix};[>=100000]${prefix}##\\,##\\,##0${suffix};${prefix}##,##0${suffix}`;

/** An ISO timestamp → a Date whose UTC fields are the wall clock at the timestamp's own offset (Excel has no zones). */
export function wallClockDate(iso: string): Date | null {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) return null;
  const m = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  const off = iso.length > 10 && m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(ms + off * 60_000);
}

export async function writeXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RakePlan';
  for (const s of sheets) {
    const ws = wb.addWorksheet(safeSheetName(s.name));
    const cols = s.format?.columns ?? [];
    s.rows.forEach((row, r) =>
      ws.addRow(
        row.map((c, i) => {
          if (c === null) return null;
          const kind = cols[i]?.kind;
          if (r > 0 && kind && typeof c === 'string') return wallClockDate(c) ?? c;
          return c;
        }),
      ),
    );
    const header = s.rows[0];
    if (header) {
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      ws.columns.forEach((col, i) => {
        col.width = cols[i]?.width ?? Math.min(40, Math.max(10, String(header[i] ?? '').length + 2));
      });
    }
    if (s.format && s.rows.length > 0) applyFormat(ws, s.rows, s.format);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * One plain sheet written row by row with exceljs' streaming writer, for tables too long to hold
 * as a workbook model: two years of shipments built whole came near the history worker's 2 GiB
 * heap cap (bench/RESULTS.md, "History export"); streamed, only the output is held.
 */
export async function writeXlsxStreamed(name: string, header: string[], rows: Iterable<Cell[]>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = 'RakePlan';
  const ws = wb.addWorksheet(safeSheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h) => ({ width: Math.min(40, Math.max(10, h.length + 2)) }));
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

function applyFormat(ws: ExcelJS.Worksheet, rows: Cell[][], f: SheetFormat): void {
  const width = rows[0]?.length ?? 0;
  const last = rows.length;
  f.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.numFmt) col.numFmt = c.numFmt;
    else if (c.kind === 'datetime') col.numFmt = 'dd mmm yyyy hh:mm';
    else if (c.kind === 'date') col.numFmt = 'dd mmm yyyy';
  });
  ws.getRow(1).numFmt = '@';
  if (f.autoFilter && width > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: width } };
  if (f.totalsLabel && last > 1) {
    const values: (string | number | null)[] = Array(width).fill(null);
    values[0] = f.totalsLabel;
    const totals = ws.addRow(values);
    f.columns.forEach((c, i) => {
      if (!c.total) return;
      const letter = ws.getColumn(i + 1).letter;
      const sum = rows.slice(1).reduce((a, r) => a + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0);
      totals.getCell(i + 1).value = {
        formula: `SUBTOTAL(109,${letter}2:${letter}${last})`,
        result: Math.round(sum * 100) / 100,
      };
    });
    totals.font = { bold: true };
  }
}

/** Excel limits sheet names to 31 characters without []:*?/\ . */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

export async function readXlsx(data: Uint8Array): Promise<{ name: string; rows: CellValue[][] }[]> {
  // Before exceljs inflates anything: a zip bomb is refused here (LIMIT_EXCEEDED).
  await assertZipWithinLimits(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  } catch (err) {
    throw new Error(`The file is not a readable .xlsx workbook (${(err as Error).message}).`);
  }
  return wb.worksheets.map((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellValue(cell.value);
      });
      rows[n - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: ws.name, rows };
  });
}

/**
 * Formulas give their saved result; rich text its plain text; hyperlinks their text. A formula
 * with no saved result and an error cell become faults, so the row's message can say which.
 */
function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
      return f.result === undefined || f.result === null
        ? { fault: 'formula', formula: f.formula ?? f.sharedFormula ?? '' }
        : cellValue(f.result);
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return { fault: 'error', error: String(v.error) };
  }
  return String(v);
}
