import path from 'node:path';
import { afterAll } from 'vitest';
import { createHost } from '../../core/host/create-host';
import { insertHistory } from '../../core/scenarios/history-store';
import type { HistoryTables } from '../../core/synth/history';
import { tempDir } from './tmp';

/** An in-process host on a fresh data directory holding `history` as the plant's own, closed after the file's tests. */
export function hostWithHistory(prefix: string, history: HistoryTables) {
  const tmp = tempDir(prefix);
  const host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  const db = host.services.requireDb();
  insertHistory(db, history, { replace: true });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });
  return { host, db };
}
