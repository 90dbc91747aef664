import { BATCH_HISTORY_TABLES, MAX_BATCH_CHUNK_ROWS, type BatchReport } from '../contract/api/registry';
import { CliUsageError, oneOf, str, wholeNumber, type ParsedArgs } from './args';
import { EXIT, type CliEnv } from './command';
import { withCliHost } from './with-host';
import { checkOutFile } from './out-file';

/**
 * `rakeplan predict --batch`: score a CSV or a history table through the registry (production or
 * the consumer's pin, with the fallbacks named), into SQLite and a CSV, reporting skipped rows.
 */
export async function runBatchPredict(args: ParsedArgs, env: CliEnv): Promise<number> {
  const name = str(args, 'model', true)!;
  const csvPath = str(args, 'csv');
  const historyTable = oneOf(args, 'table', BATCH_HISTORY_TABLES);
  if (Boolean(csvPath) === Boolean(historyTable))
    throw new CliUsageError(`give exactly one of --csv FILE or --table NAME (${BATCH_HISTORY_TABLES.join(', ')})`);
  const chunkRows = wholeNumber(args, 'chunk', 1, MAX_BATCH_CHUNK_ROWS, 2000);
  const out = str(args, 'out');
  if (out !== undefined) checkOutFile(out, { '--csv': csvPath });
  return withCliHost(env, async (host) => {
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    try {
      const rep = await host.app.invoke(
        'registry.batch',
        {
          name,
          consumer: str(args, 'consumer'),
          csvPath,
          historyTable,
          outCsv: out,
          chunkRows,
        },
        ac.signal,
      );
      env.out(
        `${rep.scored} of ${rep.rows} rows scored with ${rep.model}${rep.version !== null ? `@${rep.version}` : ''} (source ${rep.source}) in ${(rep.ms / 1000).toFixed(1)} s; job ${rep.jobId}${rep.cancelled ? ' – CANCELLED' : ''}`,
      );
      for (const line of answeredByLines(rep)) env.out(line);
      const engines = Object.entries(rep.engines ?? {})
        .map(([e, n]) => `${e} ${n} rows`)
        .join(', ');
      if (engines) env.out(`engine: ${engines}${rep.engineNote ? ` (onnxruntime because ${rep.engineNote})` : ''}`);
      if (rep.outCsv) env.out(`predictions: ${rep.outCsv} and table batch_predictions`);
      if (rep.skippedCount > 0) {
        env.out(`${rep.skippedCount} row(s) skipped:`);
        for (const s of rep.skipped.slice(0, 20)) env.out(`  row ${s.row}: ${s.reason}`);
        if (rep.skippedCount > 20) env.out(`  … ${rep.skippedCount - 20} more (see the job's detail)`);
      }
      if (rep.cancelled) {
        env.err(
          `interrupted: nothing written${out !== undefined ? ` to ${out}` : ''}; the rows scored so far are in table batch_predictions`,
        );
        return EXIT.interrupted;
      }
      return rep.skippedCount > 0 ? EXIT.failed : EXIT.ok;
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}

/**
 * What answered the rows, when that is more than the one version the first line names: a fallback
 * (with why), or a version promoted or failed mid-batch.
 */
export function answeredByLines(rep: Pick<BatchReport, 'model' | 'answeredBy'>): string[] {
  const by = rep.answeredBy;
  if (by.length <= 1 && !by.some((b) => b.fallbackReason)) return [];
  return [
    'answered by:',
    ...by.map(
      (b) =>
        `  ${b.version !== null ? `${rep.model}@${b.version}` : 'naive baseline'} (source ${b.source}): ${b.rows} rows${b.fallbackReason ? ` – ${b.fallbackReason}` : ''}`,
    ),
  ];
}
