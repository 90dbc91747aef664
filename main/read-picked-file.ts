import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_OPEN_FILE_BYTES, type PickedFile } from '../core/contract/preload-api';

/** A file main reads for the renderer (dialog pick, file association, Recent menu), size-capped. */
export async function readPickedFile(file: string): Promise<PickedFile> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_OPEN_FILE_BYTES) {
    throw new Error(
      `${path.basename(file)} is ${(stat.size / 1048576).toFixed(1)} MiB; the largest import is ${MAX_OPEN_FILE_BYTES / 1048576} MiB.`,
    );
  }
  return { name: path.basename(file), base64: (await fs.readFile(file)).toString('base64') };
}
