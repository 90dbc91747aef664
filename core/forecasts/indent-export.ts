import ExcelJS from 'exceljs';
import { writeCsv } from '../csv/write';
import type { Indent } from './indent';
import { knownRakesText } from './indent-known';

const HEADER = [
  'Date',
  'Loading point',
  'Wagon type',
  'Rakes',
  'Expected load [t]',
  'From open orders [t]',
  'From forecast demand [t]',
  'On rakes placed or expected [t]',
  'Products',
];

/** A row's cells after the date, in HEADER's order: the CSV and the sheet differ only in the date cell. */
function rowCells(r: Indent['rows'][number]): (string | number)[] {
  return [
    r.loadingPoint,
    r.wagonType,
    r.rakes,
    r.expectedT,
    r.openOrdersT,
    r.forecastT,
    r.coveredT,
    r.products.join(' '),
  ];
}

/** CSV with a UTF-8 byte-order mark, so Excel reads the ₹ and other non-ASCII text right. */
export function indentCsv(ind: Indent): Buffer {
  const body = writeCsv([HEADER, ...ind.rows.map((r) => [r.date, ...rowCells(r)])]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/**
 * Write the indent into `wb`: a sheet whose Date column holds real dates (sortable, filterable),
 * with number formats, a frozen header, an autofilter over the rows and a bold total row, plus a
 * notes sheet naming the demand forecast used. Shared by the indent export and the issued plan's
 * documents so both print the same sheet.
 */
export function addIndentSheets(
  wb: ExcelJS.Workbook,
  ind: Indent,
  basis: string,
  opts: { sheet?: string; notes?: string; title?: string } = {},
): ExcelJS.Worksheet {
  const name = opts.sheet ?? 'Rake indent';
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    headerFooter: { oddHeader: `${opts.title ? `${opts.title} — ` : ''}${name} — demand: ${basis}` },
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow(HEADER).font = { bold: true };
  for (const r of ind.rows) {
    // Midnight UTC of the local date: Excel stores dates without a zone, so the day is exact.
    ws.addRow([new Date(`${r.date}T00:00:00Z`), ...rowCells(r)]);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: ind.rows.length + 1, column: HEADER.length } };
  const sum = (f: (r: Indent['rows'][number]) => number) => ind.rows.reduce((a, r) => a + f(r), 0);
  ws.addRow([
    'Total',
    null,
    null,
    sum((r) => r.rakes),
    sum((r) => r.expectedT),
    sum((r) => r.openOrdersT),
    sum((r) => r.forecastT),
    sum((r) => r.coveredT),
    null,
  ]).font = { bold: true };
  ws.getColumn(1).numFmt = 'yyyy-mm-dd';
  ws.getColumn(4).numFmt = '0';
  for (const c of [5, 6, 7, 8]) ws.getColumn(c).numFmt = '#,##0';
  ws.columns.forEach((c, i) => {
    c.width = Math.max(12, HEADER[i]!.length + 2);
  });
  const notes = wb.addWorksheet(opts.notes ?? 'Notes');
  notes.addRow(['Demand forecast', basis]);
  notes.addRow(['Tonnes wanting rail [t]', ind.demandT]);
  notes.addRow(['Tonnes on suggested rakes [t]', ind.indentedT]);
  notes.addRow(['Tonnes on rakes placed or expected [t]', ind.known.coveredT]);
  notes.addRow(['Tonnes on no rake (see the notes) [t]', ind.leftT]);
  notes.addRow(['Rakes placed or expected', knownRakesText(ind.known) || 'none in these days']);
  for (const n of ind.notes) notes.addRow(['Note', n]);
  notes.getColumn(1).width = 30;
  notes.getColumn(2).width = 100;
  return ws;
}

/** The indent on its own as a workbook (the indent export). */
export async function indentXlsx(ind: Indent, basis: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RakePlan';
  addIndentSheets(wb, ind, basis);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
