import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { MAX_OPEN_FILE_BYTES } from '../contract/preload-api';
import { ContractError } from '../contract/errors';
import type { HostServices } from './services';

/**
 * Files a call asks the host to READ. A window (Electron or browser mode) is untrusted: a
 * compromised page must not read the planner's other files, stall the host on a FIFO or feed it
 * /dev/zero. So from a window a path must resolve (symlinks included) inside the data directory,
 * name a regular file (or, for a model, a folder) and stay under a size cap; the bytes are read
 * asynchronously through a non-blocking descriptor. Files the planner picks in the Open dialog
 * arrive as bytes, never as paths. The CLI reads whatever its user typed (`<(cmd)` is a pipe).
 */
export type PayloadFileKind = 'csv' | 'training-csv' | 'onnx' | 'model-dir';

const KINDS: Record<PayloadFileKind, { what: string; maxBytes: number; folder: boolean }> = {
  // The Open dialog's cap: a window can read no more from disk than the planner can pick.
  csv: { what: 'CSV file', maxBytes: MAX_OPEN_FILE_BYTES, folder: false },
  // Training tables are the one input worth more; the trainer reads them in its worker.
  'training-csv': { what: 'training CSV', maxBytes: 256 * 1024 * 1024, folder: false },
  onnx: { what: 'ONNX model', maxBytes: 256 * 1024 * 1024, folder: false },
  'model-dir': { what: 'model folder', maxBytes: 0, folder: true },
};

/** Calls from a window are confined; the CLI's and the tests' are not. */
export function fromWindow(s: Pick<HostServices, 'mode'>): boolean {
  return s.mode === 'electron' || s.mode === 'browser';
}

/**
 * The real path of a file a call wants read: unchanged (resolved) for the CLI; for a window,
 * inside the data directory, of the right type and size, or a ContractError naming `field`.
 */
export async function readablePayloadPath(
  s: Pick<HostServices, 'mode' | 'dataDir'>,
  p: string,
  field: string,
  kind: PayloadFileKind,
): Promise<string> {
  if (!fromWindow(s)) {
    // The CLI's user may name a pipe (`<(cmd)`) or a device; only a missing path or a folder
    // where a file belongs (or the reverse) is answered here, in plain words.
    const resolved = path.resolve(p);
    const st = await fsp.stat(resolved).catch((err: unknown) => {
      throw pathError(err, field, p, kind);
    });
    if (st.isDirectory() !== KINDS[kind].folder) checkType(st, field, p, kind);
    return resolved;
  }
  const root = await fsp.realpath(s.dataDir);
  // Refuse by name first, so a window cannot even learn whether a file outside exists.
  const lexical = path.resolve(root, p);
  if (!inside(root, lexical) && !inside(path.resolve(s.dataDir), path.resolve(s.dataDir, p))) throw outside(field, p);
  let real: string;
  try {
    real = await fsp.realpath(path.resolve(s.dataDir, p));
  } catch (err) {
    throw pathError(err, field, p, kind);
  }
  if (!inside(root, real)) throw outside(field, p);
  const st = await fsp.stat(real).catch((err: unknown) => {
    throw pathError(err, field, p, kind);
  });
  checkType(st, field, p, kind);
  return real;
}

/**
 * The bytes of a file a call names. From a window: confined as above, opened without blocking
 * (a FIFO swapped in after the check still cannot stall the host), checked again on the open
 * descriptor, and read only up to the kind's cap.
 */
export async function readPayloadFile(
  s: Pick<HostServices, 'mode' | 'dataDir'>,
  p: string,
  field: string,
  kind: Exclude<PayloadFileKind, 'model-dir'>,
): Promise<{ path: string; bytes: Buffer }> {
  const real = await readablePayloadPath(s, p, field, kind);
  if (!fromWindow(s)) {
    try {
      return { path: real, bytes: await fsp.readFile(real) };
    } catch (err) {
      throw pathError(err, field, p, kind);
    }
  }
  const { maxBytes } = KINDS[kind];
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);
  const fh = await fsp.open(real, flags).catch((err: unknown) => {
    throw pathError(err, field, p, kind);
  });
  try {
    const st = await fh.stat();
    checkType(st, field, p, kind);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      // The file may have grown since the size check: the cap holds on what is actually read.
      if (total > maxBytes) throw tooLarge(field, p, kind);
    }
    return { path: real, bytes: Buffer.concat(chunks, total) };
  } finally {
    await fh.close();
  }
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function checkType(st: fs.Stats, field: string, p: string, kind: PayloadFileKind): void {
  const k = KINDS[kind];
  if (k.folder) {
    if (st.isDirectory()) return;
    throw new ContractError('BAD_PAYLOAD', `${field}: ${p} is a file, not a model folder.`, [
      { path: field, message: 'must name a model folder' },
    ]);
  }
  if (st.isDirectory())
    throw new ContractError('BAD_PAYLOAD', `${field}: ${p} is a folder, not a file.`, [
      { path: field, message: `must name a ${k.what}, not a folder` },
    ]);
  if (!st.isFile()) {
    const what = st.isFIFO()
      ? 'a pipe (FIFO)'
      : st.isSocket()
        ? 'a socket'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
    throw new ContractError('BAD_PAYLOAD', `${field}: ${p} is ${what}; only a regular file can be read.`, [
      { path: field, message: 'must name a regular file' },
    ]);
  }
  if (st.size > k.maxBytes) throw tooLarge(field, p, kind);
}

function tooLarge(field: string, p: string, kind: PayloadFileKind): ContractError {
  const k = KINDS[kind];
  return new ContractError(
    'LIMIT_EXCEEDED',
    `${field}: ${p} is larger than the ${k.maxBytes / 1048576} MiB a ${k.what} may be.`,
    [{ path: field, message: `larger than ${k.maxBytes / 1048576} MiB` }],
  );
}

/** Names the data folder, not where it is: a refusal needs only the path the window sent. */
function outside(field: string, p: string): ContractError {
  return new ContractError(
    'BAD_PAYLOAD',
    `${field}: '${p}' is outside the data folder; a window may only read files there (paths relative to it) or files picked in the Open dialog.`,
    [{ path: field, message: 'must stay inside the data folder' }],
  );
}

/** A failed file-system call → a code and plain words naming the field (never raw `ENOENT: …`). */
export function pathError(err: unknown, field: string, p: string, kind: PayloadFileKind): ContractError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const issue = (message: string) => [{ path: field, message }];
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ContractError(
        'NOT_FOUND',
        `${field}: no ${KINDS[kind].folder ? 'folder' : 'file'} at ${p}.`,
        issue('does not exist'),
      );
    case 'EISDIR':
      return new ContractError('BAD_PAYLOAD', `${field}: ${p} is a folder, not a file.`, issue('is a folder'));
    case 'EACCES':
    case 'EPERM':
      return new ContractError(
        'UNAVAILABLE',
        `${field}: RakePlan is not allowed to read ${p} (permission denied).`,
        issue('permission denied'),
      );
    case 'ELOOP':
      return new ContractError(
        'BAD_PAYLOAD',
        `${field}: ${p} is a symbolic link that cannot be followed (a loop, or a link where a file must be).`,
        issue('symbolic link'),
      );
    case 'ENAMETOOLONG':
      return new ContractError('BAD_PAYLOAD', `${field}: the path is too long.`, issue('path too long'));
    default:
      if (err instanceof ContractError) return err;
      return new ContractError(
        'UNAVAILABLE',
        `${field}: ${p} could not be read (${code ?? (err as Error).message}).`,
        issue('unreadable'),
      );
  }
}
