import fs from 'node:fs';
import Database from 'better-sqlite3';
import { fileSha256 } from '../ml/file-hash';

/**
 * The registry version of `name` whose model file is byte-identical to `file` (training again on
 * the same history and settings), or null: none, or no registry in that database yet.
 */
export async function registeredIdentical(dbPath: string, name: string, file: string): Promise<number | null> {
  if (!fs.existsSync(dbPath)) return null;
  const sha256 = await fileSha256(file);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const hasRegistry = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'model_versions'")
      .get();
    if (!hasRegistry) return null;
    const r = db
      .prepare('SELECT version FROM model_versions WHERE name = ? AND file_sha256 = ? ORDER BY version LIMIT 1')
      .get(name, sha256) as { version: number } | undefined;
    return r?.version ?? null;
  } finally {
    db.close();
  }
}
