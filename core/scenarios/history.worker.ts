import type { ExportResult } from '../contract/api/scenarios';
import { serveWorker } from '../workers/serve';
import { runHistoryJob, type HistoryJob } from './history-job';

/** Exports and generates history off the host's thread (see history-job.ts). */
serveWorker<HistoryJob, ExportResult | null>((job) => runHistoryJob(job));
