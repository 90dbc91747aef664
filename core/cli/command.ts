import type { ParsedArgs } from './args';

export interface CliEnv {
  /** Resolved data directory (RAKEPLAN_DATA_DIR > --data-dir > ~/.rakeplan). */
  dataDir: string;
  out(line: string): void;
  err(line: string): void;
  /**
   * A long command's stage or round, redrawn in place where progress is wanted (progress.ts);
   * absent where it is not. Never a warning or an error: those go to `err`, always.
   */
  progress?(line: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Long work that reports its stages through `env.progress`: takes --progress / --no-progress. */
  reportsProgress?: boolean;
  /** Exit code, one of EXIT. */
  run(args: ParsedArgs, env: CliEnv): Promise<number>;
}

/**
 * The exit codes every command keeps, as `rakeplan --help` and the README list them: a script
 * tells a refused command line from a failed run, and an interrupted run from both.
 */
export const EXIT = {
  ok: 0,
  /** The work failed or found a problem: a check's violations, a refused import, a failed gate. */
  failed: 1,
  /** The command line is wrong: an unknown option, a missing or bad value, an `--out` that cannot be written. */
  usage: 2,
  /** Stopped by Ctrl-C (SIGINT), as a shell reports a process the signal ended (128 + 2). */
  interrupted: 130,
} as const;
