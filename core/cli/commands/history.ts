import { historyChangedAt, historyInfo, syntheticHistoryText } from '../../scenarios/history-store';
import type { HistoryImportJob, HistoryImportProgress, HistoryImportResult } from '../../scenarios/history-import-job';
import type { HostServices } from '../../host/services';
import { runInterruptible } from '../interruptible-worker';
import { bool, CliUsageError } from '../args';
import { EXIT, type CliCommand, type CliEnv } from '../command';
import { withCliHost } from '../with-host';
import { grouped } from '../../domain/figures';
import { printRejectedRows } from '../import-report';
import { MAX_HISTORY_PROBLEMS } from '../../scenarios/history-import';

const USAGE = `rakeplan history import DIR [--replace] [--json] [--progress|--no-progress]   (demand.csv, rake_placements.csv, trips.csv, loading_events.csv, shipments.csv; --replace: over the plant's own stored history; progress: reading and writing on stderr, by default only when it is a terminal)
  rakeplan history info [--json]`;

/** The plant's history in the data directory, which `rakeplan train --spec` learns from. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary:
    "The plant's history the forecasting models learn from: import a folder of CSV tables, or show what is stored",
  usage: USAGE,
  reportsProgress: true,
  async run(args, env) {
    const [sub, dir] = args.positionals;
    if (sub !== 'import' && sub !== 'info')
      throw new CliUsageError(
        sub ? `unknown subcommand '${sub}' (import or info)` : 'a subcommand is required: import or info',
      );
    return withCliHost(env, async (host) => {
      const db = host.services.requireDb();
      if (sub === 'import') {
        if (!dir) throw new CliUsageError('give the folder holding the history CSV files');
        const code = await importHistory(
          host.services,
          dir,
          { replace: bool(args, 'replace'), json: bool(args, 'json') },
          env,
        );
        if (code !== EXIT.ok) return code;
      }
      const info = historyInfo(db);
      if (bool(args, 'json')) env.out(JSON.stringify(info, null, 2));
      else {
        for (const [t, i] of Object.entries(info.tables))
          env.out(`${t.padEnd(16)} ${String(i.rows).padStart(8)} rows  ${i.from ?? '–'} … ${i.to ?? '–'}`);
        if (info.synthetic)
          env.out(
            `This is ${syntheticHistoryText(info.synthetic)}: models trained on it feed only the demo. Import the plant's history to replace it.`,
          );
      }
      return 0;
    });
  },
};

/**
 * Reads and stores DIR in the history worker, so Ctrl-C is taken at once, while reading or
 * writing: the worker is terminated, its transaction never commits, and the command exits 130.
 */
async function importHistory(
  s: HostServices,
  dir: string,
  { replace, json }: { replace: boolean; json: boolean },
  env: CliEnv,
): Promise<number> {
  const db = s.requireDb();
  const before = historyChangedAt(db);
  const res = await runInterruptible<HistoryImportJob, HistoryImportResult, HistoryImportProgress>(
    'history',
    { kind: 'import', dbPath: s.dbPath, dir, replace },
    (p) =>
      env.progress?.(p.stage === 'reading' ? `reading ${dir}` : `writing ${grouped(p.rows)} rows (one transaction)`),
  );
  if (res === null) {
    // Ctrl-C just after the commit, before its answer came: said as it is.
    env.err(
      historyChangedAt(db) === before
        ? `interrupted: nothing imported from ${dir}; the stored history is as it was`
        : `interrupted after ${dir} was stored: the stored history is the imported one`,
    );
    return EXIT.interrupted;
  }
  if (res.outcome === 'refused') {
    // The same rows as `scenario import` rejects, the file in DIR for its table.
    const rejected = res.problems.map(({ table, ...p }) => ({ table: `${table}.csv`, ...p }));
    const truncated = rejected.length >= MAX_HISTORY_PROBLEMS;
    if (json) env.out(JSON.stringify({ status: 'rejected', rejected, truncated }, null, 2));
    else printRejectedRows(env, `${dir}: refused, nothing changed`, rejected, truncated);
    return EXIT.failed;
  }
  if (res.outcome === 'own-history') {
    env.err(
      `The data directory holds the plant's own history (${grouped(res.rows)} rows); importing ${dir} replaces all of it. Run again with --replace to do so; nothing changed.`,
    );
    return EXIT.failed;
  }
  return EXIT.ok;
}
