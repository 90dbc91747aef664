import zlib from 'node:zlib';
import { writeXlsx } from '../../core/importexport/xlsx';
import { readZipLayout } from '../../core/importexport/zip-layout';
import { deflatedZeros } from './bad-files';

/**
 * Zips written by hand, so each header can lie the way an attacker's would: a part's sizes, where
 * its compressed size is written (data descriptor), the end record's count, bytes before the zip.
 */
export interface CraftPart {
  name: string;
  method: 0 | 8;
  body: Buffer;
  /** What the body really inflates to. */
  size: number;
  crc: number;
  /** Uncompressed size written in the headers (default: the real one). */
  claimedSize?: number;
  /** Sizes after the body, zeros in the local header (general purpose flag bit 3). */
  descriptor?: boolean;
  /** Compressed size written in the directory and descriptor (default: the body's length). */
  directoryCompressed?: number;
}

export interface CraftOptions {
  /** Bytes before the first local header; offsets are not shifted to match. */
  prepend?: Buffer;
  /** Parts the end record claims (default: all). */
  claimedCount?: number;
}

export function craftZip(parts: readonly CraftPart[], opts: CraftOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const compressed = p.directoryCompressed ?? p.body.length;
    const size = p.claimedSize ?? p.size;
    const flags = p.descriptor ? 0x8 : 0;
    const lfh = Buffer.alloc(30);
    lfh.writeUInt32LE(0x04034b50, 0);
    lfh.writeUInt16LE(20, 4);
    lfh.writeUInt16LE(flags, 6);
    lfh.writeUInt16LE(p.method, 8);
    if (!p.descriptor) {
      lfh.writeUInt32LE(p.crc >>> 0, 14);
      lfh.writeUInt32LE(compressed, 18);
      lfh.writeUInt32LE(size >>> 0, 22);
    }
    lfh.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(p.descriptor ? 16 : 0);
    if (p.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(p.crc >>> 0, 4);
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size >>> 0, 12);
    }
    const cdh = Buffer.alloc(46);
    cdh.writeUInt32LE(0x02014b50, 0);
    cdh.writeUInt16LE(20, 4);
    cdh.writeUInt16LE(20, 6);
    cdh.writeUInt16LE(flags, 8);
    cdh.writeUInt16LE(p.method, 10);
    cdh.writeUInt32LE(p.crc >>> 0, 16);
    cdh.writeUInt32LE(compressed, 20);
    cdh.writeUInt32LE(size >>> 0, 24);
    cdh.writeUInt16LE(name.length, 28);
    cdh.writeUInt32LE(offset, 42);
    locals.push(lfh, name, p.body, descriptor);
    centrals.push(cdh, name);
    offset += 30 + name.length + p.body.length + descriptor.length;
  }
  const cd = Buffer.concat(centrals);
  const count = opts.claimedCount ?? parts.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([opts.prepend ?? Buffer.alloc(0), ...locals, cd, eocd]);
}

/** A part of `mib` MiB of zeros in a few KB: the payload of every bomb here. */
export function zerosPart(name: string, mib: number, extra: Partial<CraftPart> = {}): CraftPart {
  return { name, method: 8, body: deflatedZeros(mib), size: mib << 20, crc: 0, ...extra };
}

/** The parts of a small real workbook (exceljs writes it), to carry a bomb or be read back. */
export async function workbookParts(): Promise<CraftPart[]> {
  const xlsx = await writeXlsx([
    {
      name: 'Orders',
      rows: [
        ['Order id', 'Quantity [t]'],
        ['SO-1', 120],
      ],
    },
  ]);
  return readZipLayout(xlsx, 100)!.map(({ name, method, body }) => {
    const data = method === 8 ? zlib.inflateRawSync(body) : body;
    return { name, method: method as 0 | 8, body, size: data.length, crc: zlib.crc32(data) };
  });
}

/** 1 MB workbooks whose extra sheet inflates to 1 GiB, dressed as each bypass that was tried. */
export const BOMB_VARIANTS = ['honest', 'lying-size', 'count-lie', 'prepended', 'descriptor'] as const;
export type BombVariant = (typeof BOMB_VARIANTS)[number];
export const BOMB_PART = 'xl/worksheets/sheet2.xml';

export async function bombVariant(variant: BombVariant): Promise<Buffer> {
  const parts = await workbookParts();
  const gib = (extra: Partial<CraftPart> = {}) => zerosPart(BOMB_PART, 1024, extra);
  switch (variant) {
    case 'honest':
      return craftZip([...parts, gib()]);
    case 'lying-size':
      return craftZip([...parts, gib({ claimedSize: 1024 })]);
    case 'count-lie':
      return craftZip([...parts, gib()], { claimedCount: parts.length });
    case 'prepended':
      return craftZip([...parts, gib()], { prepend: Buffer.from('junk before the zip') });
    case 'descriptor':
      return craftZip([...parts, gib({ descriptor: true })]);
  }
}
