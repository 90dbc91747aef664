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
  const db = openWorkerConnection(job.dbPath);
  try {
    // An import replaces every stored table: over the plant's own history only when asked. Asked
    // before reading years of CSV that would be refused, and again before writing, for another
    // RakePlan may have imported the plant's history meanwhile.
    const own = () => {
      const rows = ownHistoryRows(db);
      return rows > 0 && !job.replace ? { outcome: 'own-history' as const, rows } : null;
    };
    const before = own();
    if (before) return before;
    progress({ stage: 'reading' });
    const { tables, problems } = await readHistoryDir(job.dir);
    if (problems.length > 0) return { outcome: 'refused', problems };
    const meanwhile = own();
    if (meanwhile) return meanwhile;
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
