import zlib from 'node:zlib';
import { ContractError } from '../contract/errors';
import { readZipLayout } from './zip-layout';

/**
 * An .xlsx file is a zip. exceljs inflates every part into memory, so a few kilobytes crafted to
 * inflate to gigabytes (a zip bomb) would take the host down before any row is read. Every part
 * exceljs's reader will find (see zip-layout.ts) is inflated here first, as a stream whose output
 * is counted and dropped, so a bomb is refused after at most `maxTotalBytes` of work without ever
 * holding its output — whatever sizes its headers claim.
 */
export const XLSX_LIMITS = {
  /** Inflated size of all parts together: a 10,000-order workbook is about 3 MB. */
  maxTotalBytes: 256 * 1024 * 1024,
  /** Parts in the zip: a workbook with a dozen sheets has about 30. */
  maxEntries: 2_000,
};

export async function assertZipWithinLimits(data: Uint8Array, limits = XLSX_LIMITS): Promise<void> {
  const { total, part } = await inflatedTotal(data, limits);
  if (total > limits.maxTotalBytes) throw tooBig(part, limits.maxTotalBytes);
}

/**
 * Whether the workbook inflates to at most `maxBytes` (counted, never held). False sends a small
 * upload that inflates large to the import worker instead of the host's thread; a damaged or
 * unsupported workbook answers true, and the full check refuses it wherever it is read.
 */
export async function zipInflatesWithin(data: Uint8Array, maxBytes: number): Promise<boolean> {
  try {
    return (await inflatedTotal(data, { ...XLSX_LIMITS, maxTotalBytes: maxBytes })).total <= maxBytes;
  } catch {
    return true;
  }
}

/** Bytes all parts inflate to, counted until the total passes the limit (and the part where it did). */
async function inflatedTotal(data: Uint8Array, limits: typeof XLSX_LIMITS): Promise<{ total: number; part: string }> {
  const parts = readZipLayout(Buffer.from(data.buffer, data.byteOffset, data.byteLength), limits.maxEntries);
  // Not a zip at all: exceljs gives its own clear "not a workbook" error.
  if (!parts) return { total: 0, part: '' };
  let total = 0;
  for (const { name, method, body } of parts) {
    const budget = limits.maxTotalBytes - total;
    if (method === 0) total += body.length;
    else if (method === 8) {
      const size = await inflatedSize(body, budget);
      if (size === 'damaged')
        throw new ContractError(
          'INVALID_DATA',
          `The workbook was refused: part '${name}' is damaged (its compressed data does not inflate). Save it again from Excel.`,
        );
      total += size;
    } else throw refuse(`part '${name}' uses zip compression method ${method}; save the workbook again from Excel`);
    if (total > limits.maxTotalBytes) return { total, part: name };
  }
  return { total, part: '' };
}

/**
 * Bytes the body inflates to, stopping as soon as it passes `budget` (then budget + 1 or more).
 * A stream rather than inflateRawSync: the sync call would hold the whole output, up to the cap,
 * in memory at once.
 */
function inflatedSize(body: Buffer, budget: number): Promise<number | 'damaged'> {
  return new Promise((resolve) => {
    const z = zlib.createInflateRaw();
    let n = 0;
    let settled = false;
    const settle = (r: number | 'damaged') => {
      if (settled) return;
      settled = true;
      z.destroy();
      resolve(r);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) settle(n);
    });
    z.on('end', () => settle(n));
    // A truncated or corrupt stream: a lenient reader would still inflate what comes before the fault.
    z.on('error', () => settle('damaged'));
    z.end(body);
  });
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function tooBig(part: string, max: number): ContractError {
  return refuse(
    `its contents inflate to more than ${mb(max)} (part '${part}'); a plant workbook is a few MB — is it a zip bomb?`,
  );
}

function refuse(why: string): ContractError {
  return new ContractError('LIMIT_EXCEEDED', `The workbook was refused: ${why}${why.endsWith('?') ? '' : '.'}`);
}
