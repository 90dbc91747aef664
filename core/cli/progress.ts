import { bool, CliUsageError, type ParsedArgs } from './args';
import type { OptionSpec } from './options';

/** Taken by the commands that report progress (`reportsProgress`): force it on or off. */
export const PROGRESS_OPTIONS: OptionSpec = { progress: 'boolean', 'no-progress': 'boolean' };

/**
 * Progress is shown only to someone watching: by default when stderr is a terminal. Redirected
 * (a cron job, a pipe), stderr carries warnings and errors only, so a run that went well leaves
 * its log empty. `--progress` / `--no-progress` decide it either way.
 */
export function progressWanted(args: ParsedArgs, stderrIsTTY: boolean): boolean {
  const on = bool(args, 'progress');
  const off = bool(args, 'no-progress');
  if (on && off) throw new CliUsageError('give --progress or --no-progress, not both');
  return on || (!off && stderrIsTTY);
}

export interface ProgressStream {
  write(text: string): boolean;
  /** A terminal's width: a line longer than it would wrap, and `\r` would redraw only its last row. */
  columns?: number;
}

/**
 * One status line redrawn in place: each stage or round overwrites the one before (`\r`, then
 * erase to the end of the line). `end()` moves past it, keeping the last state on screen, before
 * any other output is written, so a result or an error never lands in the middle of it.
 */
export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: ProgressStream) {}

  show(line: string): void {
    const width = this.stream.columns;
    const text = width && line.length >= width ? `${line.slice(0, Math.max(1, width - 2))}…` : line;
    this.stream.write(`${this.shown ? '\r' : ''}${text}\x1b[K`);
    this.shown = true;
  }

  end(): void {
    if (!this.shown) return;
    this.stream.write('\n');
    this.shown = false;
  }
}
