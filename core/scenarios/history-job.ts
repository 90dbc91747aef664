import type { ExportResult } from '../contract/api/scenarios';
import { writeCsv } from '../csv/write';
import type { HistoryTable } from '../domain/history';
import { writeXlsxStreamed } from '../importexport/xlsx';
import { ContractError } from '../contract/errors';
import { openWorkerConnection } from '../storage/db';
import { generateHistory } from '../synth/history';
import { historyColumns, insertHistory, iterateHistory } from './history-store';

/**
 * The history calls that take seconds — a year of trips written as a workbook, three years of
 * history generated and stored — run in the history worker on its own connection, so the host's
 * thread keeps answering other windows (4–12 s held it before).
 */
export type HistoryJob =
  | { kind: 'export'; dbPath: string; table: HistoryTable; format: 'csv' | 'xlsx' }
  | { kind: 'generate'; dbPath: string; seed: number; days: number; replace: boolean };

export async function runHistoryJob(job: HistoryJob): Promise<ExportResult | null> {
  const db = openWorkerConnection(job.dbPath);
  try {
    if (job.kind === 'generate') {
      const history = generateHistory({ seed: job.seed, days: job.days });
      try {
        insertHistory(db, history, { replace: job.replace, synthetic: { seed: job.seed, days: job.days } });
      } catch (err) {
        throw busyAsConflict(err);
      }
      return null;
    }
    const cols = historyColumns(job.table);
    const rows = iterateHistory(db, job.table) as IterableIterator<(string | number | null)[]>;
    const data =
      job.format === 'csv'
        ? Buffer.from(writeCsv([cols, ...rows]), 'utf8')
        : await writeXlsxStreamed(job.table, cols, rows);
    return {
      fileName: `history-${job.table}.${job.format}`,
      mimeType: job.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      dataBase64: data.toString('base64'),
    };
  } finally {
    db.close();
  }
}

/**
 * The host runs one history job at a time, but `rakeplan history import` or another RakePlan on
 * the same data folder can hold the write lock past the connection's 5 s wait: the planner is told
 * so rather than shown the driver's "database is locked".
 */
export function busyAsConflict(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) return err;
  return new ContractError(
    'CONFLICT',
    'The history is being written by another request (another window, or `rakeplan history` on the same data folder); nothing was changed. Try again when it has finished.',
  );
}
