import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogOptions {
  /** Rotate when the current file would exceed this size [bytes]. */
  maxBytes?: number;
  /** Rotated files kept: rakeplan.log.1 … .N. */
  keep?: number;
  /** The file in <dataDir>/logs: the host's rakeplan.log, or main.log for the Electron main process. */
  name?: string;
}

/** The one log line format, in the file and on stderr: `{"t":ISO time,"level","msg",…fields}`. */
export function logLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
}

/**
 * Structured JSON logs, one object per line, in <dataDir>/logs/rakeplan.log, rotated by size.
 * Each process writes a file of its own (their sizes and rotations are counted per writer).
 * Lines are buffered and written on the next tick so a burst of calls costs one write; a write
 * failure (disk full, folder removed) never breaks the call that logged.
 */
export class JsonLog {
  readonly file: string;
  private buffer: string[] = [];
  private scheduled = false;
  private size: number;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(dataDir: string, opts: LogOptions = {}) {
    const dir = path.join(dataDir, 'logs');
    this.file = path.join(dir, opts.name ?? 'rakeplan.log');
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.keep = opts.keep ?? 3;
    this.size = 0;
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    } catch {
      // A data folder that cannot be written to must not stop the host: it starts without logs
      // and health.get says why the database is unavailable.
    }
  }

  log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    this.buffer.push(logLine(level, msg, fields) + '\n');
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.buffer.length === 0) return;
    const lines = this.buffer;
    this.buffer = [];
    try {
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
        fs.appendFileSync(this.file, line);
        this.size += bytes;
      }
    } catch {
      // Logging is best effort: the planner's call must not fail because the log cannot be written.
    }
  }

  private rotate(): void {
    for (let i = this.keep; i >= 1; i--) {
      const from = i === 1 ? this.file : `${this.file}.${i - 1}`;
      const to = `${this.file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, to);
    }
    this.size = 0;
  }

  /** The last `n` entries, newest last (the Monitor page's log tail). */
  tail(n: number): Record<string, unknown>[] {
    this.flush();
    if (!fs.existsSync(this.file)) return [];
    const lines = fs.readFileSync(this.file, 'utf8').trimEnd().split('\n').slice(-n);
    return lines.filter(Boolean).map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return { msg: l };
      }
    });
  }
}
