import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ReasonError } from '../contract/reason-error';
import { writeFileAtomic } from '../storage/atomic-write';

/**
 * Content-addressed files under <dataDir>/registry/blobs/<2 hex>/<sha256><ext>. A blob is written
 * to a temporary sibling, fsynced and renamed, so a reader never sees half a model; its name is
 * its hash, so a file damaged on disk is detected when read back.
 */
export class BlobStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'registry', 'blobs');
  }

  pathOf(sha256: string, ext: string): string {
    return path.join(this.root, sha256.slice(0, 2), `${sha256}${ext}`);
  }

  put(bytes: Uint8Array, ext: string): { sha256: string; bytes: number; path: string } {
    const sha256 = sha256Hex(bytes);
    const file = this.pathOf(sha256, ext);
    if (!fs.existsSync(file)) {
      writeFileAtomic(file, bytes);
    }
    return { sha256, bytes: bytes.byteLength, path: file };
  }

  /** Read a blob and check it still hashes to its name. */
  get(sha256: string, ext: string): Buffer {
    const file = this.pathOf(sha256, ext);
    if (!fs.existsSync(file)) throw new ReasonError({ code: 'model-file-missing', params: { file } });
    const bytes = fs.readFileSync(file);
    const actual = sha256Hex(bytes);
    if (actual !== sha256)
      throw new ReasonError({
        code: 'model-file-damaged',
        params: { file, actual: actual.slice(0, 12), expected: sha256.slice(0, 12) },
      });
    return bytes;
  }

  /** Remove a blob no version refers to any more. */
  remove(sha256: string, ext: string): void {
    fs.rmSync(this.pathOf(sha256, ext), { force: true });
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
