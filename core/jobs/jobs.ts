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

/** Durable records of long work, so a job interrupted by a crash shows as failed after restart. */
export class JobStore {
  constructor(private readonly db: Database.Database) {}

  create(kind: string, title: string, detail: unknown = null): JobRow {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, status, title, progress, detail, error, created_at, updated_at)
      VALUES (?, ?, 'running', ?, 0, ?, NULL, ?, ?)`,
      )
      .run(id, kind, title, JSON.stringify(detail), now, now);
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

  /** At start-up: nothing can still be running, so anything marked running was interrupted. */
  failInterrupted(): number {
    return this.db
      .prepare(
        `UPDATE jobs SET status = 'failed', error = 'Interrupted: RakePlan stopped while this job was running.', updated_at = ?
      WHERE status IN ('running', 'queued')`,
      )
      .run(new Date().toISOString()).changes;
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
