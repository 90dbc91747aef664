import type { ImportResult } from '../contract/api/scenarios';
import { serveWorker } from '../workers/serve';
import { runImportJob, type ImportJob } from './import-job';

/** Reads, checks and saves an imported file off the host's thread (see import-job.ts). */
serveWorker<ImportJob, ImportResult>((job) => runImportJob(job));
