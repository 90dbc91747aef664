import { historyInfo, insertHistory, ownHistoryRows, syntheticHistoryText } from '../../scenarios/history-store';
import { readHistoryDir, syntheticMark } from '../../scenarios/history-import';
import { bool, CliUsageError } from '../args';
import type { CliCommand } from '../command';
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
        const { tables, problems } = await readHistoryDir(dir);
        if (problems.length > 0) {
          env.err(
            `${dir}: refused, nothing changed — ${problems.length}${problems.length >= 200 ? '+' : ''} problem(s):`,
          );
          for (const p of problems.slice(0, 50))
            env.err(`  ${p.table}.csv line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.reason}`);
          return 1;
        }
        // An import replaces every stored table: over the plant's own history only when asked.
        const rows = ownHistoryRows(db);
        if (rows > 0 && !bool(args, 'replace')) {
          env.err(
            `The data directory holds the plant's own history (${grouped(rows)} rows); importing ${dir} replaces all of it. Run again with --replace to do so; nothing changed.`,
          );
          return 1;
        }
        // One transaction: the stored history is the old one or the new one, never a mix. Tables
        // `rakeplan demo-data` generated stay synthetic (its mark file beside them).
        const synthetic = syntheticMark(dir);
        insertHistory(db, tables, { replace: true, ...(synthetic ? { synthetic } : {}) });
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
