import type { RejectedImportRow } from '../contract/api/scenarios';
import type { CliEnv } from './command';

/** Rows listed in the text report; `--json` lists every one. */
const ROWS_SHOWN = 50;

/**
 * The rows an import rejected, as `scenario import` and `history import` both report them: on
 * stdout, for they are the command's result (as `check`'s violations are), one line per row
 * naming where it is, its line, key, column and why. Only errors that stop the work go to stderr.
 */
export function printRejectedRows(
  env: CliEnv,
  heading: string,
  rows: readonly RejectedImportRow[],
  atLeast = false,
): void {
  env.out(`${heading} — ${rows.length}${atLeast ? '+' : ''} problem(s):`);
  for (const x of rows.slice(0, ROWS_SHOWN))
    env.out(
      `  ${x.table ? `${x.table} ` : ''}line ${x.line}${x.key ? ` (${x.key})` : ''}${x.field ? `, ${x.field}` : ''}: ${x.reason}`,
    );
  if (rows.length > ROWS_SHOWN) env.out(`  … ${rows.length - ROWS_SHOWN} more (--json lists them all)`);
}
