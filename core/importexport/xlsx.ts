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
}

export async function writeXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RakePlan';
  for (const s of sheets) {
    const ws = wb.addWorksheet(safeSheetName(s.name));
    for (const row of s.rows) ws.addRow(row.map((c) => (c === null ? null : c)));
    const header = s.rows[0];
    if (header) {
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      ws.columns.forEach((col, i) => { col.width = Math.min(40, Math.max(10, String(header[i] ?? '').length + 2)); });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
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
      row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = cellValue(cell.value); });
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
      return f.result === undefined || f.result === null ? { fault: 'formula', formula: f.formula ?? f.sharedFormula ?? '' } : cellValue(f.result);
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return { fault: 'error', error: String(v.error) };
  }
  return String(v);
}
