import type { ImportResult } from '../contract/api/scenarios';
import type { TableName } from '../domain/scenario-tables';
import { SCENARIO_TABLES } from '../domain/scenario-tables';
import { openWorkerConnection, type Database } from '../storage/db';
import { readScenarioFile, readTableFile, type FileFormat } from './files';
import { applyTableImport, planScenarioImport, planTableImport } from './import';
import { zipInflatesWithin } from '../importexport/zip-limits';
import { planLimitError } from '../optimizer/limits';
import { insertScenario, loadScenario } from './store';

/**
 * All of `scenarios.import` but the call itself: decoding, parsing, reading cells, schema and
 * cross-table checks, and the write. Each takes seconds on a 200,000-row file, so the import
 * worker (import.worker.ts) runs it on its own database connection and the host's thread keeps
 * answering other windows. A small file is read on the host (see INLINE_IMPORT_MAX).
 */

/**
 * Uploads up to this much base64 (about 380 KB of file, 5,000 order rows) are read on the host:
 * that costs its thread up to about 0.3 s (200,000 rows took 10 s), while starting the worker
 * takes 1–2 s (0.4 s of it loading exceljs), too long to wait for every small file.
 */
export const INLINE_IMPORT_MAX = 512 * 1024;

/**
 * What a small workbook may inflate to and still be read on the host [bytes]: a 5,000-row
 * workbook is about 2 MB inflated, while 500 KB crafted to inflate to 256 MB held the host's
 * thread for 16 s.
 */
const INLINE_INFLATED_MAX = 16 * 1024 * 1024;

/** Read on the host's thread (small, and for a workbook small inflated too), else in the import worker. */
export async function readsInline(format: string, dataBase64: string): Promise<boolean> {
  if (dataBase64.length > INLINE_IMPORT_MAX) return false;
  return format !== 'xlsx' || zipInflatesWithin(Buffer.from(dataBase64, 'base64'), INLINE_INFLATED_MAX);
}
export type ImportJob = {
  dbPath: string;
  fileName: string;
  format: FileFormat;
  dataBase64: string;
  skipInvalid: boolean;
} & ({ kind: 'table'; scenarioId: string; table: TableName; mode: 'merge' | 'replace' } | { kind: 'scenario' });

/** Run the job; with `hostDb` (a small file, read on the host) it uses that connection. */
export async function runImportJob(job: ImportJob, hostDb?: Database.Database): Promise<ImportResult> {
  // Decoded here: 30 MB of base64 takes the host's thread half a second.
  const bytes = Buffer.from(job.dataBase64, 'base64');
  // The file first: a broken file is refused before the database is opened.
  const read =
    job.kind === 'table'
      ? { table: await readTableFile(SCENARIO_TABLES[job.table], job.format, bytes, job.fileName) }
      : { scenario: await readScenarioFile(job.format, bytes, job.fileName) };
  // Too many orders or rakes to plan: refused before any row is checked or the database opened.
  const over = read.scenario ? planLimitError(read.scenario.scenario) : null;
  if (over) throw over;
  const db = hostDb ?? openWorkerConnection(job.dbPath);
  try {
    if (job.kind === 'table') {
      const base = loadScenario(db, job.scenarioId);
      const planned = planTableImport(base, job.scenarioId, job.table, read.table!, {
        mode: job.mode,
        skipInvalid: job.skipInvalid,
      });
      if (planned.writes) applyTableImport(db, job.scenarioId, job.table, planned.writes, base.summary.updatedAt);
      return planned.result;
    }
    const planned = planScenarioImport(read.scenario!, { skipInvalid: job.skipInvalid });
    const scenario = planned.scenario;
    if (!scenario) return planned.result;
    const scenarioId = db.transaction(() => insertScenario(db, scenario, { source: 'import', name: scenario.name }))();
    return { ...planned.result, scenarioId };
  } finally {
    if (!hostDb) db.close();
  }
}
