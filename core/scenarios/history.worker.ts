import type { ExportResult } from '../contract/api/scenarios';
import { serveWorker } from '../workers/serve';
import { runHistoryJob, type HistoryJob } from './history-job';
import {
  importHistoryDir,
  type HistoryImportJob,
  type HistoryImportProgress,
  type HistoryImportResult,
} from './history-import-job';

/** Exports, generates and imports history off the calling thread (see history-job.ts, history-import-job.ts). */
serveWorker<HistoryJob | HistoryImportJob, ExportResult | HistoryImportResult | null, HistoryImportProgress>(
  (job, progress) => (job.kind === 'import' ? importHistoryDir(job, progress) : runHistoryJob(job)),
);
