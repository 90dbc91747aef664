import { openWorkerConnection } from '../storage/db';
import { busyAsConflict } from './history-job';
import { readHistoryDir, syntheticMark, type HistoryRowProblem } from './history-import';
import { insertHistory, ownHistoryRows } from './history-store';

/**
 * `rakeplan history import DIR` in the history worker: the CLI's main thread stays free to take
 * Ctrl-C, which terminates the worker; the write is one transaction, so the stored history is
 * then the old one, whole.
 */
export interface HistoryImportJob {
  kind: 'import';
  dbPath: string;
  dir: string;
  /** Over the plant's own stored history too (without it, that history refuses the import). */
  replace: boolean;
}

export type HistoryImportResult =
  | { outcome: 'imported' }
  | { outcome: 'refused'; problems: HistoryRowProblem[] }
  | { outcome: 'own-history'; rows: number };

export type HistoryImportProgress = { stage: 'reading' } | { stage: 'writing'; rows: number };

export async function importHistoryDir(
  job: HistoryImportJob,
  progress: (p: HistoryImportProgress) => void,
): Promise<HistoryImportResult> {
  progress({ stage: 'reading' });
  const { tables, problems } = await readHistoryDir(job.dir);
  if (problems.length > 0) return { outcome: 'refused', problems };
  const db = openWorkerConnection(job.dbPath);
  try {
    // An import replaces every stored table: over the plant's own history only when asked.
    const rows = ownHistoryRows(db);
    if (rows > 0 && !job.replace) return { outcome: 'own-history', rows };
    // Tables `rakeplan demo-data` generated stay synthetic (its mark file beside them).
    const synthetic = syntheticMark(job.dir);
    progress({ stage: 'writing', rows: Object.values(tables).reduce((n, t: unknown[]) => n + t.length, 0) });
    try {
      insertHistory(db, tables, { replace: true, ...(synthetic ? { synthetic } : {}) });
    } catch (err) {
      throw busyAsConflict(err);
    }
    return { outcome: 'imported' };
  } finally {
    db.close();
  }
}
