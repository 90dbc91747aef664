import { ContractError } from '../contract/errors';

/**
 * The parts of a zip as exceljs's reader (JSZip) will find them — or a refusal. JSZip takes the
 * last end-of-directory record in the file, reads every directory record it finds there (whatever
 * count the end record claims), shifts all offsets when data is prepended, and reads each body
 * with the directory's compressed size. A guard that reads the zip any other way can be walked
 * around, so this one accepts only archives that every reading agrees on: the local parts tile
 * the file from byte 0 up to the directory, the directory ends exactly at the end record, the
 * record's count is the number of directory records, and each record points at a local header
 * with the same name, method and size. Anything else is refused as ambiguous.
 */
export interface ZipPart {
  name: string;
  method: number;
  /** The compressed bytes exactly as the reader will take them. */
  body: Buffer;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
/** General purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor after the body. */
const ENCRYPTED = 0x1;
const HAS_DESCRIPTOR = 0x8;

interface Directory {
  name: string;
  rawName: Buffer;
  flags: number;
  method: number;
  compressed: number;
  local: number;
}

/** Null when the bytes hold no end record at all: not a zip, which exceljs reports itself. */
export function readZipLayout(buf: Buffer, maxEntries: number): ZipPart[] | null {
  const eocd = lastIndexOf(buf, EOCD_SIG);
  if (eocd < 0) return null;
  if (eocd + 22 > buf.length) throw malformed('its end-of-directory record is cut off');
  if (eocd + 22 + buf.readUInt16LE(eocd + 20) !== buf.length) throw malformed('it has data after the end of the zip');
  const u16 = (o: number) => buf.readUInt16LE(eocd + o);
  const [disk, cdDisk, onDisk, count] = [u16(4), u16(6), u16(8), u16(10)];
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if ([disk, cdDisk, onDisk, count].includes(MAX16) || cdSize === MAX32 || cdOffset === MAX32) throw zip64();
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw malformed('it claims to span several disks');
  if (count > maxEntries) throw tooMany(count, maxEntries);
  if (cdOffset + cdSize !== eocd) {
    throw malformed(
      `its directory ends at byte ${cdOffset + cdSize} but its end record is at byte ${eocd}: bytes were prepended or inserted`,
    );
  }

  const dir = readDirectory(buf, cdOffset, eocd, maxEntries);
  if (dir.length !== count)
    throw malformed(`its end record lists ${count} parts but the directory holds ${dir.length}`);

  const parts: { at: number; end: number; part: ZipPart }[] = dir.map((d) => readLocal(buf, d, cdOffset));
  parts.sort((a, b) => a.at - b.at);
  let expected = 0;
  for (const p of parts) {
    if (p.at !== expected) {
      throw malformed(
        p.at > expected
          ? `bytes ${expected}–${p.at} belong to no part`
          : `part '${p.part.name}' overlaps the part before it`,
      );
    }
    expected = p.end;
  }
  if (expected !== cdOffset) throw malformed(`bytes ${expected}–${cdOffset} before the directory belong to no part`);
  return parts.map((p) => p.part);
}

function readDirectory(buf: Buffer, from: number, to: number, maxEntries: number): Directory[] {
  const out: Directory[] = [];
  const names = new Set<string>();
  for (let at = from; at < to;) {
    if (at + 46 > to || buf.readUInt32LE(at) !== CDH_SIG)
      throw malformed(`its directory holds something other than part records at byte ${at}`);
    if (out.length === maxEntries) throw tooMany(out.length + 1, maxEntries);
    const nameLen = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (next > to) throw malformed('its last directory record runs into the end record');
    const rawName = buf.subarray(at + 46, at + 46 + nameLen);
    const d: Directory = {
      name: rawName.toString('utf8'),
      rawName,
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      local: buf.readUInt32LE(at + 42),
    };
    if (d.compressed === MAX32 || buf.readUInt32LE(at + 24) === MAX32 || d.local === MAX32) throw zip64();
    if (d.flags & ENCRYPTED) throw malformed(`part '${d.name}' is encrypted`);
    if (names.has(d.name)) throw malformed(`part '${d.name}' appears twice`);
    names.add(d.name);
    out.push(d);
    at = next;
  }
  return out;
}

/** The local header a directory record points at, its body, and where the part ends. */
function readLocal(buf: Buffer, d: Directory, limit: number): { at: number; end: number; part: ZipPart } {
  const at = d.local;
  if (at + 30 > limit || buf.readUInt32LE(at) !== LFH_SIG)
    throw malformed(`part '${d.name}' has no local header where the directory points`);
  const nameLen = buf.readUInt16LE(at + 26);
  const start = at + 30 + nameLen + buf.readUInt16LE(at + 28);
  if (!buf.subarray(at + 30, at + 30 + nameLen).equals(d.rawName))
    throw malformed(`part '${d.name}' has another name in its local header`);
  if (buf.readUInt16LE(at + 8) !== d.method)
    throw malformed(`part '${d.name}' has another compression method in its local header`);
  const flags = buf.readUInt16LE(at + 6);
  if ((flags & HAS_DESCRIPTOR) !== (d.flags & HAS_DESCRIPTOR))
    throw malformed(`part '${d.name}' disagrees with itself about its data descriptor`);
  const bodyEnd = start + d.compressed;
  if (bodyEnd > limit) throw malformed(`part '${d.name}' runs into the directory`);
  let end = bodyEnd;
  if (flags & HAS_DESCRIPTOR) {
    // Sizes follow the body (12 bytes, or 16 with the optional signature); the directory's
    // compressed size, which the reader uses, must be the one written there.
    const signed = bodyEnd + 4 <= limit && buf.readUInt32LE(bodyEnd) === DESCRIPTOR_SIG;
    end = bodyEnd + (signed ? 16 : 12);
    if (end > limit || buf.readUInt32LE(bodyEnd + (signed ? 8 : 4)) !== d.compressed) {
      throw malformed(`part '${d.name}' has a data descriptor that disagrees with the directory`);
    }
  } else if (buf.readUInt32LE(at + 18) !== d.compressed) {
    throw malformed(`part '${d.name}' has another compressed size in its local header than in the directory`);
  }
  return { at, end, part: { name: d.name, method: d.method, body: buf.subarray(start, bodyEnd) } };
}

function lastIndexOf(buf: Buffer, sig: number): number {
  const needle = Buffer.alloc(4);
  needle.writeUInt32LE(sig);
  return buf.lastIndexOf(needle);
}

function zip64(): ContractError {
  return new ContractError(
    'LIMIT_EXCEEDED',
    'The workbook was refused: it uses the zip64 format, which no spreadsheet needs for a plant workbook.',
  );
}

function tooMany(count: number, max: number): ContractError {
  return new ContractError(
    'LIMIT_EXCEEDED',
    `The workbook was refused: it holds ${count} parts (a workbook has at most ${max}).`,
  );
}

function malformed(why: string): ContractError {
  return new ContractError(
    'INVALID_DATA',
    `The workbook was refused: its zip structure is inconsistent (${why}), so it could be read in more than one way. Save it again from Excel.`,
  );
}
