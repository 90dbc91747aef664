import zlib from 'node:zlib';
import fc from 'fast-check';
import { writeXlsx } from '../../core/importexport/xlsx';

/**
 * Generators of broken import files. Every file they make holds at least one fault that must be
 * refused (a bad cell, an unknown reference, a duplicate key, an unreadable encoding, a zip
 * bomb…), so a correct import answers `rejected` or a specific error — never `imported`.
 */

export interface BadFile {
  kind: string;
  fileName: string;
  bytes: Buffer;
  /** Import into a table of the open scenario, or (undefined) as a whole new scenario. */
  table?: 'orders';
  /** What a correct answer looks like beyond "not imported": an error code, or a reason pattern. */
  expect?: { code?: string; reason?: RegExp };
}

/** A row of the orders table as the export writes it: header labels → text. */
export type Row = Record<string, string>;

const QTY = 'Quantity [t]';
const BAD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-5',
  '0',
  '1e308',
  '1e12',
  '=1+2',
  '=SUM(A1:A9)',
  '@A1',
  'ten',
  '0x10',
  '--1',
  '1e',
  '١٢٣',
];
const BAD_DATES = [
  '2026-02-30T10:00:00+05:30',
  '31/31/2026',
  'yesterday',
  '=TODAY()',
  '9999999-01-01',
  '2026-01-01T25:00:00+05:30',
];
const BAD_PRIORITIES = ['0', '4', '-1', 'P9', 'urgent', '=1', '1.5', 'NaN'];

/** One fault applied to a copy of the rows; each returns the rows it made. */
const faults: Record<string, (rows: Row[], pick: number, text: string) => Row[]> = {
  badNumber: (rows, i, t) => set(rows, i, QTY, BAD_NUMBERS[Math.abs(hash(t)) % BAD_NUMBERS.length]!),
  badDate: (rows, i, t) => set(rows, i, 'Due date', BAD_DATES[Math.abs(hash(t)) % BAD_DATES.length]!),
  badPriority: (rows, i, t) => set(rows, i, 'Priority', BAD_PRIORITIES[Math.abs(hash(t)) % BAD_PRIORITIES.length]!),
  hugeCell: (rows, i, t) =>
    set(rows, i, 'Customer', (t || 'x').repeat(Math.ceil(300_000 / Math.max(1, (t || 'x').length)))),
  hugeId: (rows, i) => set(rows, i, 'Order id', 'SO-'.repeat(30_000)),
  unknownDestination: (rows, i, t) =>
    set(rows, i, 'Destination', `NOWHERE-${t.replace(/[^A-Z0-9]/gi, '').slice(0, 10)}`),
  unknownProduct: (rows, i) => set(rows, i, 'Product', 'UNOBTAINIUM'),
  duplicateId: (rows, i) => [...rows, { ...rows[i] }],
  emptyId: (rows, i) => set(rows, i, 'Order id', '   '),
  // .xlsx drops characters XML cannot hold, so the cell stays unreadable with or without them.
  controlChars: (rows, i) => set(rows, i, QTY, '1\u00002\u0007x'),
};
export const FAULTS = Object.keys(faults);

function set(rows: Row[], i: number, col: string, value: string): Row[] {
  return rows.map((r, k) => (k === i ? { ...r, [col]: value } : r));
}

function hash(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

export function toCsv(rows: Row[], header: string[], sep = ','): string {
  const cell = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return (
    [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n'
  );
}

/** A fault list and how to encode the faulty rows: the fast-check description of a bad table file. */
export const faultyTable = fc.record({
  faults: fc.array(fc.record({ fault: fc.constantFrom(...FAULTS), at: fc.nat(), text: fc.string({ maxLength: 12 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  keep: fc.integer({ min: 1, max: 40 }),
  encoding: fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'semicolon', 'tab', 'xlsx', 'json'),
  shuffleColumns: fc.boolean(),
});

export type FaultyTable = typeof faultyTable extends fc.Arbitrary<infer T> ? T : never;

export async function buildFaultyTable(base: Row[], header: string[], spec: FaultyTable): Promise<BadFile> {
  let rows = base.slice(0, Math.min(base.length, spec.keep));
  for (const f of spec.faults) rows = faults[f.fault]!(rows, f.at % rows.length, f.text);
  const cols = spec.shuffleColumns ? [...header].reverse() : header;
  const kind = `${spec.faults.map((f) => f.fault).join('+')}/${spec.encoding}`;
  const csv = (sep = ',') => toCsv(rows, cols, sep);
  switch (spec.encoding) {
    case 'utf8-bom':
      return { kind, fileName: 'orders.csv', table: 'orders', bytes: Buffer.from(`\uFEFF${csv()}`, 'utf8') };
    case 'utf16le-bom':
      return {
        kind,
        fileName: 'orders.csv',
        table: 'orders',
        bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv('\t'), 'utf16le')]),
      };
    case 'utf16be-bom':
      return {
        kind,
        fileName: 'orders.txt',
        table: 'orders',
        bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv(), 'utf16le').swap16()]),
      };
    case 'semicolon':
      return { kind, fileName: 'orders.csv', table: 'orders', bytes: Buffer.from(csv(';'), 'utf8') };
    case 'tab':
      return { kind, fileName: 'orders.csv', table: 'orders', bytes: Buffer.from(csv('\t'), 'utf8') };
    case 'xlsx':
      return {
        kind,
        fileName: 'orders.xlsx',
        table: 'orders',
        bytes: await writeXlsx([{ name: 'Orders', rows: [cols, ...rows.map((r) => cols.map((h) => r[h] ?? null))] }]),
      };
    case 'json': {
      // JSON rows by field name; 1e999 reads as Infinity, the JSON way to smuggle a non-finite number.
      const text = JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((h) => [h, r[h]])))).replace(
        /"Infinity"/g,
        '1e999',
      );
      return { kind, fileName: 'orders.json', table: 'orders', bytes: Buffer.from(text, 'utf8') };
    }
    default:
      return { kind, fileName: 'orders.csv', table: 'orders', bytes: Buffer.from(csv(), 'utf8') };
  }
}

/** Files that are broken as files: wrong encodings, binary, truncated workbooks, renamed zips. */
export function unreadableFiles(csvWithBom: string, validXlsx: Buffer): BadFile[] {
  const validCsv = csvWithBom.replace(/^\uFEFF/, '');
  const latin1 = validCsv.replace(/\r\n([^,]*),([^,]*),/, '\r\n$1,Société Générale Aciers,');
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  return [
    {
      kind: 'latin1',
      fileName: 'orders.csv',
      table: 'orders',
      bytes: Buffer.from(latin1, 'latin1'),
      expect: { code: 'INVALID_DATA', reason: /not UTF-8/ },
    },
    {
      kind: 'utf16-no-bom',
      fileName: 'orders.csv',
      table: 'orders',
      bytes: Buffer.from(validCsv, 'utf16le'),
      expect: { code: 'INVALID_DATA', reason: /NUL byte/ },
    },
    {
      kind: 'binary',
      fileName: 'orders.csv',
      table: 'orders',
      bytes: garbage,
      expect: { code: 'INVALID_DATA', reason: /not a text file/ },
    },
    { kind: 'binary-xlsx', fileName: 'orders.xlsx', table: 'orders', bytes: garbage, expect: { code: 'INVALID_DATA' } },
    {
      kind: 'xlsx-as-csv',
      fileName: 'orders.csv',
      table: 'orders',
      bytes: validXlsx,
      expect: { code: 'INVALID_DATA', reason: /zip file/ },
    },
    {
      kind: 'truncated-xlsx',
      fileName: 'orders.xlsx',
      table: 'orders',
      bytes: validXlsx.subarray(0, Math.floor(validXlsx.length / 2)),
      expect: { code: 'INVALID_DATA' },
    },
    {
      kind: 'empty-csv',
      fileName: 'orders.csv',
      table: 'orders',
      bytes: Buffer.alloc(0),
      expect: { code: 'INVALID_DATA' },
    },
    {
      kind: 'empty-xlsx',
      fileName: 'orders.xlsx',
      table: 'orders',
      bytes: Buffer.alloc(0),
      expect: { code: 'INVALID_DATA' },
    },
    {
      kind: 'header-only-garbage',
      fileName: 'orders.csv',
      table: 'orders',
      bytes: Buffer.from('\uFEFF"unterminated,quote\r\n1,2,3'),
      expect: { code: 'INVALID_DATA' },
    },
    {
      kind: 'json-not-json',
      fileName: 'orders.json',
      table: 'orders',
      bytes: Buffer.from('{"orders": [1,2,'),
      expect: { code: 'INVALID_DATA', reason: /not valid JSON/ },
    },
    {
      kind: 'json-deep',
      fileName: 'orders.json',
      table: 'orders',
      bytes: Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    },
    {
      kind: 'scenario-json-deep',
      fileName: 'scenario.json',
      bytes: Buffer.from(`{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_001)}`),
    },
    { kind: 'scenario-json-array', fileName: 'scenario.json', bytes: Buffer.from('[]') },
    {
      kind: 'scenario-latin1',
      fileName: 'scenario.json',
      bytes: Buffer.from('{"name":"Société"}', 'latin1'),
      expect: { code: 'INVALID_DATA', reason: /not UTF-8/ },
    },
  ];
}

// ---- zip bombs -------------------------------------------------------------------------------

/**
 * Raw deflate of `mb` MiB of zeros without compressing them all: a full flush resets the
 * compressor, so one flushed 4 MiB chunk can be repeated and closed with an empty final block.
 */
export function deflatedZeros(mb: number): Buffer {
  const chunk = zlib.deflateRawSync(Buffer.alloc(4 << 20), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: Math.ceil(mb / 4) }, () => chunk), Buffer.from([0x03, 0x00])]);
}

interface ZipEntry {
  name: string;
  data: Buffer;
  inflated: number;
  method: 0 | 8;
  crc: number;
}

/** A zip written by hand, so sizes in the headers can lie the way an attacker's would. */
export function zipOf(entries: ZipEntry[], declared?: (e: ZipEntry) => number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = declared ? declared(e) : e.inflated;
    const lfh = Buffer.alloc(30);
    lfh.writeUInt32LE(0x04034b50, 0);
    lfh.writeUInt16LE(20, 4);
    lfh.writeUInt16LE(e.method, 8);
    lfh.writeUInt32LE(e.crc >>> 0, 14);
    lfh.writeUInt32LE(e.data.length, 18);
    lfh.writeUInt32LE(size >>> 0, 22);
    lfh.writeUInt16LE(name.length, 26);
    const cdh = Buffer.alloc(46);
    cdh.writeUInt32LE(0x02014b50, 0);
    cdh.writeUInt16LE(20, 4);
    cdh.writeUInt16LE(20, 6);
    cdh.writeUInt16LE(e.method, 10);
    cdh.writeUInt32LE(e.crc >>> 0, 16);
    cdh.writeUInt32LE(e.data.length, 20);
    cdh.writeUInt32LE(size >>> 0, 24);
    cdh.writeUInt16LE(name.length, 28);
    cdh.writeUInt32LE(offset, 42);
    locals.push(lfh, name, e.data);
    centrals.push(cdh, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text, 'utf8');
  return { name, data, inflated: data.length, method: 0, crc: zlib.crc32(data) };
};

/** A small .xlsx whose worksheet inflates to `mb` MiB; `lie` makes its headers claim 1 KB. */
export function zipBomb(mb: number, lie = false): Buffer {
  const sheet: ZipEntry = {
    name: 'xl/worksheets/sheet1.xml',
    data: deflatedZeros(mb),
    inflated: mb << 20,
    method: 8,
    crc: 0,
  };
  const parts = [
    stored(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    stored(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    ),
    sheet,
  ];
  return zipOf(parts, lie ? () => 1024 : undefined);
}

/** Thousands of tiny parts: a bomb by count rather than size. */
export function zipOfManyParts(n: number): Buffer {
  return zipOf(Array.from({ length: n }, (_, i) => stored(`xl/p${i}.xml`, '<a/>')));
}

// ---- whole scenarios -------------------------------------------------------------------------

type Json = Record<string, unknown>;
/** Faults combine: another may already have nulled the first order. */
const firstOrder = (s: Json): Json =>
  (s.orders as (Json | null)[]).find((o): o is Json => o !== null && typeof o === 'object')!;
/** Faults in a whole scenario (JSON): each breaks a schema or a cross-table rule. */
const scenarioFaults: Record<string, (s: Json) => void> = {
  duplicateProduct: (s) => {
    const p = (s.plant as Json).products as unknown[];
    p.push(structuredClone(p[0]));
  },
  unknownStockyardRef: (s) => {
    ((s.plant as Json).loadingPoints as Json[])[0]!.stockyards = ['SY-NOWHERE'];
  },
  negativePcc: (s) => {
    ((s.plant as Json).wagonTypes as Json[])[0]!.pccT = -63;
  },
  enormousQuantity: (s) => {
    firstOrder(s).quantityT = 1e300;
  },
  stringNumber: (s) => {
    firstOrder(s).quantityT = 'NaN';
  },
  nullRow: (s) => {
    (s.orders as unknown[]).push(null);
  },
  extraField: (s) => {
    firstOrder(s).__proto_pollution = { polluted: true };
  },
  wrongFormat: (s) => {
    s.format = 'rakeplan.scenario/99';
  },
  deepField: (s) => {
    let v: unknown = 1;
    for (let i = 0; i < 500; i++) v = { v };
    firstOrder(s).customer = v;
  },
  dueBeforeStart: (s) => {
    firstOrder(s).dueDate = '1999-01-01T00:00:00+05:30';
  },
  hugeWagons: (s) => {
    (s.rakes as Json[])[0]!.wagons = 1e9;
  },
  unknownWagonType: (s) => {
    (s.rakes as Json[])[0]!.wagonType = 'ZZZ';
  },
};
export const SCENARIO_FAULTS = Object.keys(scenarioFaults);

export function faultyScenario(valid: unknown, names: string[]): BadFile {
  const s = structuredClone(valid) as Json;
  for (const n of names) scenarioFaults[n]!(s);
  const text = JSON.stringify(s).replace(/1e\+300/g, '1e999');
  return { kind: `scenario:${names.join('+')}`, fileName: 'scenario.json', bytes: Buffer.from(text, 'utf8') };
}
