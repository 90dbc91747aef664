import type { ParsedArgs } from './args';

export interface CliEnv {
  /** Resolved data directory (RAKEPLAN_DATA_DIR > --data-dir > ~/.rakeplan). */
  dataDir: string;
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Exit code: 0 success, 1 the work found a problem (e.g. plan violations), 2 usage error. */
  run(args: ParsedArgs, env: CliEnv): Promise<number>;
}
