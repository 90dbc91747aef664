import fs from 'node:fs';
import path from 'node:path';
import type { ImportResult } from '../../contract/api/scenarios';
import { TABLE_NAMES, type TableName } from '../../domain/scenario-tables';
import { writeFileAtomic } from '../../storage/atomic-write';
import { bool, CliUsageError, oneOf, str, type ParsedArgs } from '../args';
import type { CliCommand, CliEnv } from '../command';
import { APPLY_FORECASTS_USAGE, runApplyForecasts } from './apply-forecasts';
import { withCliHost } from '../with-host';
import { checkOutFile } from '../out-file';
import { tonnes } from '../../domain/figures';
import { printRejectedRows } from '../import-report';

const USAGE = `rakeplan scenario list [--json]
  rakeplan scenario import FILE [--into ID --table TABLE [--replace]] [--skip-invalid] [--json]   (.xlsx, .csv or .json)
  rakeplan scenario export ID --out FILE [--table TABLE]   (format from the file's extension: .json, .xlsx or .csv)
  ${APPLY_FORECASTS_USAGE}`;

const SUBCOMMANDS = 'list, import, export or apply-forecasts';

/** Largest file a planner imports; the same cap as the app's uploads. */
const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

const tableArg = (args: ParsedArgs): TableName | undefined => oneOf(args, 'table', TABLE_NAMES);

function formatOf(file: string): 'json' | 'xlsx' | 'csv' {
  const ext = path.extname(file).toLowerCase().slice(1);
  if (ext === 'json' || ext === 'xlsx' || ext === 'csv') return ext;
  throw new CliUsageError(`cannot tell the format of '${file}': name it .json, .xlsx or .csv`);
}

/** The import's row report: what was saved, and every rejected row (skipped, or refusing the import). */
function printImport(r: ImportResult, file: string, env: CliEnv): void {
  const saved = `${file}: ${r.imported} row(s) imported into scenario ${r.scenarioId}`;
  if (r.status === 'rejected') printRejectedRows(env, `${file}: refused, nothing changed`, r.rejected);
  else if (r.rejected.length) printRejectedRows(env, `${saved}; rejected rows skipped`, r.rejected);
  else env.out(saved);
  if (r.ignoredColumns.length) env.out(`  ignored columns: ${r.ignoredColumns.join(', ')}`);
  for (const w of r.warnings)
    env.out(`  warning: ${w.table} ${w.rowKey ?? ''} ${w.field ?? ''}: ${w.message}`.replace(/\s+/g, ' '));
}

export const scenarioCommand: CliCommand = {
  name: 'scenario',
  summary:
    'Scenarios in the data directory: list, import a workbook/CSV/JSON (with the row report), export, update from forecasts',
  usage: USAGE,
  async run(args, env) {
    const [sub, target] = args.positionals;
    if (!sub) throw new CliUsageError(`a subcommand is required: ${SUBCOMMANDS}`);
    return withCliHost(env, async (host) => {
      switch (sub) {
        case 'list': {
          const list = await host.app.invoke('scenarios.list', {});
          if (bool(args, 'json')) env.out(JSON.stringify(list, null, 2));
          else if (list.length === 0) env.out('No scenarios yet: import one (rakeplan scenario import FILE).');
          for (const s of bool(args, 'json') ? [] : list) {
            env.out(
              `${s.id}  ${s.name}  ${s.counts.orders} orders, ${tonnes(s.orderedT)}, ${s.counts.rakes} rakes, ${s.horizonDays} d from ${s.horizonStart.slice(0, 10)}`,
            );
          }
          return 0;
        }
        case 'import': {
          if (!target) throw new CliUsageError('give the file to import');
          const into = str(args, 'into');
          const table = tableArg(args);
          if (Boolean(into) !== Boolean(table))
            throw new CliUsageError(
              '--into ID and --table TABLE go together (import one table into a scenario); give neither to import a whole scenario',
            );
          const st = fs.statSync(target, { throwIfNoEntry: false });
          if (!st) throw new CliUsageError(`${target}: no such file`);
          if (st.isDirectory()) throw new CliUsageError(`${target} is a folder; give the file to import`);
          const size = st.size;
          if (size > MAX_IMPORT_BYTES)
            throw new CliUsageError(
              `${target} is ${(size / 1048576).toFixed(1)} MiB; the largest import is ${MAX_IMPORT_BYTES / 1048576} MiB`,
            );
          const r = await host.app.invoke('scenarios.import', {
            id: into,
            table,
            fileName: path.basename(target),
            format: formatOf(target),
            dataBase64: fs.readFileSync(target).toString('base64'),
            mode: bool(args, 'replace') ? 'replace' : 'merge',
            skipInvalid: bool(args, 'skip-invalid'),
          });
          if (bool(args, 'json')) env.out(JSON.stringify(r, null, 2));
          else printImport(r, target, env);
          return r.status === 'imported' ? 0 : 1;
        }
        case 'export': {
          if (!target) throw new CliUsageError('give the scenario id (rakeplan scenario list)');
          const out = str(args, 'out', true)!;
          const format = formatOf(out);
          checkOutFile(out, {});
          const f = await host.app.invoke('scenarios.export', { id: target, table: tableArg(args), format });
          writeFileAtomic(out, Buffer.from(f.dataBase64, 'base64'));
          env.out(`wrote ${out}`);
          return 0;
        }
        case 'apply-forecasts':
          return await runApplyForecasts(args, env, host.app, target);
        default:
          throw new CliUsageError(`unknown subcommand '${sub}' (${SUBCOMMANDS})`);
      }
    });
  },
};
