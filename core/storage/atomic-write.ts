import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Replace a file so that a reader (or the planner after a crash, a kill or a power cut) finds the
 * whole old file or the whole new one, never a 0-byte or half-written one: the bytes go to a
 * temporary sibling in the same folder (a rename is only atomic within one file system), are
 * fsynced, and the sibling is renamed over the target; the folder is then fsynced so the rename
 * itself survives a power cut. A failed write removes its temporary file.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(target));
}

/** The same, without blocking the thread (the Electron main process saves this way). */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array): Promise<void> {
  const target = path.resolve(file);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const tmp = tempSibling(target);
  try {
    const fh = await fsp.open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, target);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(target));
}

/** `.<name>.tmp-<pid>-<random>` beside the target: hidden, and unique per writer. */
export function tempSibling(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** Make a rename durable. Best effort: Windows cannot open a folder to fsync it. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // The file's own fsync still holds; only the rename's durability is left to the OS.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
