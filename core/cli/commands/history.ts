import { historyChangedAt, historyInfo, syntheticHistoryText } from '../../scenarios/history-store';
import type { HistoryImportJob, HistoryImportProgress, HistoryImportResult } from '../../scenarios/history-import-job';
import type { HostServices } from '../../host/services';
import { runInterruptible } from '../interruptible-worker';
import { bool, CliUsageError } from '../args';
import { EXIT, type CliCommand, type CliEnv } from '../command';
import { withCliHost } from '../with-host';
import { grouped } from '../../domain/figures';

const USAGE = `rakeplan history import DIR [--replace] [--json]   (demand.csv, rake_placements.csv, trips.csv, loading_events.csv, shipments.csv; --replace: over the plant's own stored history)
  rakeplan history info [--json]`;

/** The plant's history in the data directory, which `rakeplan train --spec` learns from. */
export const historyCommand: CliCommand = {
  name: 'history',
  summary:
    "The plant's history the forecasting models learn from: import a folder of CSV tables, or show what is stored",
  usage: USAGE,
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
        const code = await importHistory(host.services, dir, bool(args, 'replace'), env);
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
async function importHistory(s: HostServices, dir: string, replace: boolean, env: CliEnv): Promise<number> {
  const db = s.requireDb();
  const before = historyChangedAt(db);
  const res = await runInterruptible<HistoryImportJob, HistoryImportResult, HistoryImportProgress>(
    'history',
    { kind: 'import', dbPath: s.dbPath, dir, replace },
    (p) => env.err(p.stage === 'reading' ? `reading ${dir}` : `writing ${grouped(p.rows)} rows (one transaction)`),
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
    const { problems } = res;
    env.err(`${dir}: refused, nothing changed — ${problems.length}${problems.length >= 200 ? '+' : ''} problem(s):`);
    for (const p of problems.slice(0, 50))
      env.err(`  ${p.table}.csv line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.reason}`);
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
