import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { IndentResult } from '../contract/api/forecasts';
import type { Plan } from '../domain/plan';
import { addIndentSheets } from '../forecasts/indent-export';
import { knownRakesText } from '../forecasts/indent-known';
import { plantClock } from '../domain/figures';

/**
 * The documents a plant works from once a plan is issued: a loading instruction per loading point
 * (rake, slot, wagons by order, stockyard to draw from, tonnes) and a road dispatch list per
 * stockyard and day, and the rake indent for the next days (what to ask the railway for, with the
 * demand forecast it used named). Both as .xlsx (real dates, number formats, frozen headers,
 * autofilters) and as a printable PDF. Rows come from one place (`documentRows`, the indent's own
 * rows) so the two never disagree.
 */
/** The documents' title: the plan's name and when it was issued, on the plant's clock (IST). */
export function documentsTitle(name: string, issuedAt: string | null | undefined): string {
  if (!issuedAt) return `${name} — NOT ISSUED (draft)`;
  return `${name} — issued ${plantClock(issuedAt)} IST`;
}

export interface LoadingRow {
  loadingPoint: string;
  rake: string;
  wagonType: string;
  slotStart: string;
  slotEnd: string;
  order: string;
  product: string;
  destination: string;
  wagons: number;
  stockyard: string;
  tonnes: number;
}
export interface RoadRow {
  stockyard: string;
  date: string;
  order: string;
  product: string;
  destination: string;
  tonnes: number;
  trucks: number;
  dispatch: string;
}

export function documentRows(plan: Plan): { loading: LoadingRow[]; road: RoadRow[] } {
  const loading: LoadingRow[] = [];
  const rakes = [...plan.rakes].sort(
    (a, b) => a.loadingPoint.localeCompare(b.loadingPoint) || Date.parse(a.loadingStart) - Date.parse(b.loadingStart),
  );
  for (const r of rakes)
    for (const l of r.lines) {
      // A line drawing from two stockyards gets a row per stockyard; its wagons are written on the first.
      l.sources.forEach((s, i) =>
        loading.push({
          loadingPoint: r.loadingPoint,
          rake: r.rakeId,
          wagonType: r.wagonType,
          slotStart: r.loadingStart,
          slotEnd: r.loadingEnd,
          order: l.order,
          product: l.product,
          destination: l.destination,
          wagons: i === 0 ? l.wagons : 0,
          stockyard: s.stockyard,
          tonnes: s.tonnes,
        }),
      );
    }
  const road = [...plan.road]
    .sort(
      (a, b) =>
        a.stockyard.localeCompare(b.stockyard) || a.date.localeCompare(b.date) || a.order.localeCompare(b.order),
    )
    .map((r) => ({
      stockyard: r.stockyard,
      date: r.date,
      order: r.order,
      product: r.product,
      destination: r.destination,
      tonnes: r.tonnes,
      trucks: r.trucks,
      dispatch: r.dispatch,
    }));
  return { loading, road };
}

/** The plan's local wall-clock time as an Excel date (Excel has no zones: the plant reads its own clock). */
export function localDate(iso: string): Date {
  return new Date(`${iso.slice(0, 19)}Z`);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export async function documentsXlsx(plan: Plan, title: string, indent?: IndentResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RakePlan';
  const { loading, road } = documentRows(plan);
  const sheet = (
    name: string,
    cols: Array<{ header: string; key: string; width: number; fmt?: string }>,
    rows: Array<Record<string, unknown>>,
    total: Record<string, unknown>,
  ) => {
    const ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      headerFooter: { oddHeader: `${title} — ${name}` },
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = cols.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.fmt ? { numFmt: c.fmt } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: cols.length } };
    const t = ws.addRow(total);
    t.font = { bold: true };
    return ws;
  };
  const dt = 'dd-mmm-yyyy hh:mm';
  sheet(
    'Loading instructions',
    [
      { header: 'Loading point', key: 'loadingPoint', width: 14 },
      { header: 'Rake', key: 'rake', width: 16 },
      { header: 'Wagon type', key: 'wagonType', width: 11 },
      { header: 'Slot start', key: 'slotStart', width: 18, fmt: dt },
      { header: 'Slot end', key: 'slotEnd', width: 18, fmt: dt },
      { header: 'Order', key: 'order', width: 16 },
      { header: 'Product', key: 'product', width: 10 },
      { header: 'Destination', key: 'destination', width: 12 },
      { header: 'Wagons', key: 'wagons', width: 8, fmt: '0' },
      { header: 'Draw from stockyard', key: 'stockyard', width: 18 },
      { header: 'Tonnes [t]', key: 'tonnes', width: 12, fmt: '#,##0.000' },
    ],
    loading.map((r) => ({ ...r, slotStart: localDate(r.slotStart), slotEnd: localDate(r.slotEnd) })),
    {
      loadingPoint: 'Total',
      wagons: loading.reduce((a, r) => a + r.wagons, 0),
      tonnes: round3(loading.reduce((a, r) => a + r.tonnes, 0)),
    },
  );
  sheet(
    'Road dispatch',
    [
      { header: 'Stockyard', key: 'stockyard', width: 12 },
      { header: 'Date', key: 'date', width: 13, fmt: 'dd-mmm-yyyy' },
      { header: 'Order', key: 'order', width: 16 },
      { header: 'Product', key: 'product', width: 10 },
      { header: 'Destination', key: 'destination', width: 12 },
      { header: 'Tonnes [t]', key: 'tonnes', width: 12, fmt: '#,##0.000' },
      { header: 'Trucks', key: 'trucks', width: 8, fmt: '0' },
      { header: 'Dispatch', key: 'dispatch', width: 18, fmt: dt },
    ],
    road.map((r) => ({ ...r, date: new Date(`${r.date}T00:00:00Z`), dispatch: localDate(r.dispatch) })),
    {
      stockyard: 'Total',
      tonnes: round3(road.reduce((a, r) => a + r.tonnes, 0)),
      trucks: road.reduce((a, r) => a + r.trucks, 0),
    },
  );
  if (indent)
    addIndentSheets(wb, indent, indent.demandSource, { sheet: 'Rake indent', notes: 'Rake indent notes', title });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Standard PDF fonts speak WinAnsi only: ₹ becomes Rs, other symbols their nearest letters. */
const pdfText = (s: string) =>
  s
    .replace(/₹/g, 'Rs ')
    .replace(/[→]/g, '->')
    .replace(/[^\x20-\x7e\u00a0-\u00ff–—]/g, '?');
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export async function documentsPdf(plan: Plan, title: string, indent?: IndentResult): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfText(title));
  doc.setCreator('RakePlan');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const { loading, road } = documentRows(plan);
  const W = 842,
    Hh = 595,
    M = 36,
    LH = 13; // A4 landscape [pt]
  let page: PDFPage = doc.addPage([W, Hh]);
  let y = Hh - M;
  const text = (s: string, x: number, f: PDFFont = font, size = 9) =>
    page.drawText(pdfText(s), { x, y, size, font: f, color: rgb(0, 0, 0) });
  const newPage = (heading: string, cols: Array<[string, number]>, sub?: string) => {
    page = doc.addPage([W, Hh]);
    y = Hh - M;
    text(heading, M, bold, 13);
    y -= 16;
    text(pdfText(title), M, font, 8);
    if (sub) {
      y -= LH;
      text(sub, M, font, 8);
    }
    y -= LH + 4;
    for (const [h, x] of cols) text(h, x, bold);
    y -= LH;
  };
  const row = (cells: Array<[string, number]>, heading: string, cols: Array<[string, number]>) => {
    if (y < M + LH) newPage(`${heading} (continued)`, cols);
    for (const [s, x] of cells) text(s, x);
    y -= LH;
  };
  doc.removePage(0);
  const lpCols: Array<[string, number]> = [
    ['Rake', M],
    ['Type', M + 110],
    ['Slot start', M + 160],
    ['Slot end', M + 260],
    ['Order', M + 360],
    ['Product', M + 460],
    ['Dest.', M + 520],
    ['Wagons', M + 580],
    ['Stockyard', M + 630],
    ['Tonnes [t]', M + 710],
  ];
  for (const lp of [...new Set(loading.map((r) => r.loadingPoint))]) {
    const heading = `Loading instruction — ${lp}`;
    newPage(heading, lpCols);
    const rows = loading.filter((r) => r.loadingPoint === lp);
    for (const r of rows)
      row(
        [
          [r.rake, M],
          [r.wagonType, M + 110],
          [when(r.slotStart), M + 160],
          [when(r.slotEnd), M + 260],
          [r.order, M + 360],
          [r.product, M + 460],
          [r.destination, M + 520],
          [r.wagons ? String(r.wagons) : '', M + 580],
          [r.stockyard, M + 630],
          [r.tonnes.toFixed(3), M + 710],
        ],
        heading,
        lpCols,
      );
    row(
      [
        ['Total', M],
        [String(rows.reduce((a, r) => a + r.wagons, 0)), M + 580],
        [rows.reduce((a, r) => a + r.tonnes, 0).toFixed(3), M + 710],
      ],
      heading,
      lpCols,
    );
  }
  const roadCols: Array<[string, number]> = [
    ['Order', M],
    ['Product', M + 120],
    ['Destination', M + 200],
    ['Tonnes [t]', M + 300],
    ['Trucks', M + 380],
    ['Dispatch', M + 440],
  ];
  for (const k of [...new Set(road.map((r) => `${r.stockyard}|${r.date}`))]) {
    const [yard, date] = k.split('|') as [string, string];
    const heading = `Road dispatch — ${yard}, ${date}`;
    newPage(heading, roadCols);
    const rows = road.filter((r) => r.stockyard === yard && r.date === date);
    for (const r of rows)
      row(
        [
          [r.order, M],
          [r.product, M + 120],
          [r.destination, M + 200],
          [r.tonnes.toFixed(3), M + 300],
          [String(r.trucks), M + 380],
          [when(r.dispatch), M + 440],
        ],
        heading,
        roadCols,
      );
    row(
      [
        ['Total', M],
        [rows.reduce((a, r) => a + r.tonnes, 0).toFixed(3), M + 300],
        [String(rows.reduce((a, r) => a + r.trucks, 0)), M + 380],
      ],
      heading,
      roadCols,
    );
  }
  if (doc.getPageCount() === 0) {
    newPage('Nothing to load or dispatch', []);
  }
  if (indent) {
    const heading = `Rake indent — next ${indent.days} days`;
    const sub = `demand: ${indent.demandSource}`;
    const cols: Array<[string, number]> = [
      ['Date', M],
      ['Loading point', M + 80],
      ['Wagon type', M + 170],
      ['Rakes', M + 250],
      ['Expected load [t]', M + 300],
      ['Open orders [t]', M + 400],
      ['Forecast demand [t]', M + 490],
      ['Placed/expected [t]', M + 590],
      ['Products', M + 690],
    ];
    newPage(heading, cols, sub);
    const sum = (f: (r: IndentResult['rows'][number]) => number) => indent.rows.reduce((a, r) => a + f(r), 0);
    const t0 = (x: number) => x.toFixed(0);
    for (const r of indent.rows)
      row(
        [
          [r.date, M],
          [r.loadingPoint, M + 80],
          [r.wagonType, M + 170],
          [String(r.rakes), M + 250],
          [t0(r.expectedT), M + 300],
          [t0(r.openOrdersT), M + 400],
          [t0(r.forecastT), M + 490],
          [t0(r.coveredT), M + 590],
          [r.products.join(' '), M + 690],
        ],
        heading,
        cols,
      );
    row(
      [
        ['Total', M],
        [String(sum((r) => r.rakes)), M + 250],
        [t0(sum((r) => r.expectedT)), M + 300],
        [t0(sum((r) => r.openOrdersT)), M + 400],
        [t0(sum((r) => r.forecastT)), M + 490],
        [t0(sum((r) => r.coveredT)), M + 590],
      ],
      heading,
      cols,
    );
    y -= LH / 2;
    row(
      [
        [
          `Tonnes wanting rail: ${t0(indent.demandT)} t; on suggested rakes: ${t0(indent.indentedT)} t; on rakes placed or expected: ${t0(indent.known.coveredT)} t; on no rake (see the notes): ${t0(indent.leftT)} t`,
          M,
        ],
      ],
      heading,
      cols,
    );
    // Notes can be longer than the page is wide: wrap them rather than cut them.
    for (const n of [knownRakesText(indent.known), ...indent.notes].filter(Boolean))
      (`Note: ${n}`.match(/.{1,150}/g) ?? []).forEach((c, i) => row([[i ? `    ${c}` : c, M]], heading, cols));
  }
  return Buffer.from(await doc.save());
}
