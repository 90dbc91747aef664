import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** The sha256 of a file's bytes, streamed (training CSVs run to hundreds of MB). */
export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
