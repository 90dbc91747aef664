import ExcelJS from 'exceljs';
import { writeCsv } from '../csv/write';
import type { Indent } from './indent';

const HEADER = ['Date', 'Loading point', 'Wagon type', 'Rakes', 'Expected load [t]', 'From open orders [t]', 'From forecast demand [t]', 'Products'];

/** CSV with a UTF-8 byte-order mark, so Excel reads the ₹ and other non-ASCII text right. */
export function indentCsv(ind: Indent): Buffer {
  const body = writeCsv([HEADER, ...ind.rows.map((r) => [r.date, r.loadingPoint, r.wagonType, r.rakes, r.expectedT, r.openOrdersT, r.forecastT, r.products.join(' ')])]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/** A workbook whose Date column holds real dates (sortable, filterable), plus the notes. */
export async function indentXlsx(ind: Indent, basis: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RakePlan';
  const ws = wb.addWorksheet('Rake indent');
  ws.addRow(HEADER).font = { bold: true };
  for (const r of ind.rows) {
    // Midnight UTC of the local date: Excel stores dates without a zone, so the day is exact.
    ws.addRow([new Date(`${r.date}T00:00:00Z`), r.loadingPoint, r.wagonType, r.rakes, r.expectedT, r.openOrdersT, r.forecastT, r.products.join(' ')]);
  }
  ws.getColumn(1).numFmt = 'yyyy-mm-dd';
  ws.columns.forEach((c, i) => { c.width = Math.max(12, HEADER[i]!.length + 2); });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Demand forecast', basis]);
  notes.addRow(['Tonnes wanting rail [t]', ind.demandT]);
  notes.addRow(['Tonnes on suggested rakes [t]', ind.indentedT]);
  for (const n of ind.notes) notes.addRow(['Note', n]);
  notes.getColumn(1).width = 30;
  notes.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
