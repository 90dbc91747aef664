import { randomUUID } from 'node:crypto';
import type { Database } from '../storage/db';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  title: string;
  progress: number | null;
  detail: unknown;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A job not updated for this long is taken as interrupted, even under a live pid [ms]. */
const SILENT_JOB_MS = 24 * 3_600_000;

/** Durable records of long work, so a job interrupted by a crash shows as failed after restart. */
export class JobStore {
  /** `pid`: this process, recorded as the owner of the jobs it creates. */
  constructor(
    private readonly db: Database.Database,
    private readonly pid = process.pid,
  ) {}

  create(kind: string, title: string, detail: unknown = null): JobRow {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, status, title, progress, detail, error, created_at, updated_at, owner_pid)
      VALUES (?, ?, 'running', ?, 0, ?, NULL, ?, ?, ?)`,
      )
      .run(id, kind, title, JSON.stringify(detail), now, now, this.pid);
    return this.get(id)!;
  }

  update(id: string, patch: { status?: JobStatus; progress?: number; detail?: unknown; error?: string | null }): void {
    const cur = this.get(id);
    if (!cur) return;
    this.db
      .prepare(`UPDATE jobs SET status = ?, progress = ?, detail = ?, error = ?, updated_at = ? WHERE id = ?`)
      .run(
        patch.status ?? cur.status,
        patch.progress ?? cur.progress,
        JSON.stringify(patch.detail !== undefined ? patch.detail : cur.detail),
        patch.error !== undefined ? patch.error : cur.error,
        new Date().toISOString(),
        id,
      );
  }

  get(id: string): JobRow | undefined {
    const row = this.db.prepare(`SELECT * FROM jobs WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    return row ? toJob(row) : undefined;
  }

  list(kind?: string, limit = 100): JobRow[] {
    const rows = kind
      ? this.db.prepare(`SELECT * FROM jobs WHERE kind = ? ORDER BY created_at DESC LIMIT ?`).all(kind, limit)
      : this.db.prepare(`SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?`).all(limit);
    return (rows as Record<string, unknown>[]).map(toJob);
  }

  /**
   * At start-up: a job marked running whose process has gone was interrupted. One that another
   * live process runs (the app, while the CLI starts on the same data folder) is left alone. A job
   * owned by this very pid was a dead predecessor's that had the same pid, and one without an
   * owner predates owners being recorded: both were interrupted. So was one not heard from for a
   * day, whoever holds its pid now: the system gives a dead host's pid to other programs (Windows
   * soon), and no solve or training runs that long.
   */
  failInterrupted(alive: (pid: number) => boolean = processAlive): number {
    const open = this.db
      .prepare(`SELECT id, owner_pid, updated_at FROM jobs WHERE status IN ('running', 'queued')`)
      .all() as { id: string; owner_pid: number | null; updated_at: string }[];
    const staleBefore = Date.now() - SILENT_JOB_MS;
    const gone = open.filter(
      (j) =>
        j.owner_pid === null ||
        j.owner_pid === this.pid ||
        !alive(j.owner_pid) ||
        Date.parse(j.updated_at) < staleBefore,
    );
    const fail = this.db.prepare(
      `UPDATE jobs SET status = 'failed', error = 'Interrupted: RakePlan stopped while this job was running.', updated_at = ?
      WHERE id = ? AND status IN ('running', 'queued')`,
    );
    const now = new Date().toISOString();
    return this.db.transaction(() => gone.reduce((n, j) => n + fail.run(now, j.id).changes, 0))();
  }
}

function toJob(r: Record<string, unknown>): JobRow {
  return {
    id: r.id as string,
    kind: r.kind as string,
    status: r.status as JobStatus,
    title: r.title as string,
    progress: r.progress as number | null,
    detail: r.detail ? JSON.parse(r.detail as string) : null,
    error: r.error as string | null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** Signal 0 checks a process exists without touching it; EPERM means it exists under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
