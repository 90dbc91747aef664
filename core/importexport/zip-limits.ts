import zlib from 'node:zlib';
import { ContractError } from '../contract/errors';

/**
 * An .xlsx file is a zip. exceljs inflates every part into memory, so a few kilobytes crafted to
 * inflate to gigabytes (a zip bomb) would take the host down before any row is read. Walk the
 * zip's central directory first and inflate each part here, with Node's output cap, so a bomb is
 * refused after at most `maxTotalBytes` of work — whatever sizes its headers claim.
 */
export const XLSX_LIMITS = {
  /** Inflated size of all parts together: a 10,000-order workbook is about 3 MB. */
  maxTotalBytes: 256 * 1024 * 1024,
  /** Parts in the zip: a workbook with a dozen sheets has about 30. */
  maxEntries: 2_000,
};

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

export function assertZipWithinLimits(data: Uint8Array, limits = XLSX_LIMITS): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  // Not a zip at all: exceljs gives its own clear "not a workbook" error.
  if (eocd < 0) return;
  const entries = buf.readUInt16LE(eocd + 10);
  if (entries === 0xffff) throw refuse('it uses the zip64 format, which no spreadsheet needs for a plant workbook');
  if (entries > limits.maxEntries) throw refuse(`it holds ${entries} parts (a workbook has at most ${limits.maxEntries})`);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CDH_SIG) return; // damaged: let exceljs report it
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LFH_SIG) return;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(start, Math.min(buf.length, start + compressed));
    const budget = limits.maxTotalBytes - total;
    if (method === 0) total += body.length;
    else if (method === 8) total += inflatedSize(body, budget, name, limits.maxTotalBytes);
    else throw refuse(`part '${name}' uses zip compression method ${method}; save the workbook again from Excel`);
    if (total > limits.maxTotalBytes) throw tooBig(name, limits.maxTotalBytes);
  }
}

/** Inflate with a hard output cap; the cap, not the header's claim, decides. */
function inflatedSize(body: Buffer, budget: number, name: string, max: number): number {
  try {
    return zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, budget + 1) }).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooBig(name, max);
    return 0; // corrupt data: exceljs reports the unreadable workbook
  }
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the end of the file.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function tooBig(part: string, max: number): ContractError {
  return refuse(`its contents inflate to more than ${mb(max)} (part '${part}'); a plant workbook is a few MB — is it a zip bomb?`);
}

function refuse(why: string): ContractError {
  return new ContractError('LIMIT_EXCEEDED', `The workbook was refused: ${why}.`);
}
