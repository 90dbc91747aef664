import fs from 'node:fs';
import Database from 'better-sqlite3';
import { fileSha256 } from '../ml/file-hash';
import { RegistryStore } from '../registry/store';

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
    return new RegistryStore(db).findByFile(name, sha256)?.version ?? null;
  } finally {
    db.close();
  }
}
