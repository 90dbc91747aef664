import type Database from 'better-sqlite3';
import { HISTORY_CHANGED_KEY } from '../../core/scenarios/history-store';

/** Telemetry is written by every call, by design; every other table is the planner's saved data. */
const TELEMETRY = /^(metric|metrics|call_|series|log|alert|drift_sample|input_sample|jobs$)/;

/** Every saved row of every non-telemetry table, as comparable text. */
export function snapshotSaved(db: Database.Database): Map<string, string[]> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  const out = new Map<string, string[]>();
  for (const t of tables.filter((t) => !TELEMETRY.test(t))) {
    out.set(
      t,
      (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][])
        // When the history tables last changed: a stamp any valid history write moves, like telemetry.
        .filter((r) => !(t === 'app_meta' && r[0] === HISTORY_CHANGED_KEY))
        .map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v))),
    );
  }
  return out;
}

/** Rows present before and missing or changed after, by table (empty when nothing saved changed). */
export function diffSnapshots(
  before: Map<string, string[]>,
  after: Map<string, string[]>,
  opts: { allowAdded?: boolean } = { allowAdded: false },
): string[] {
  const problems: string[] = [];
  for (const [table, rows] of before) {
    const now = new Set(after.get(table) ?? []);
    const lost = rows.filter((r) => !now.has(r));
    if (lost.length) problems.push(`${table}: ${lost.length} row(s) changed or lost, e.g. ${lost[0]!.slice(0, 160)}`);
    if (!opts.allowAdded && (after.get(table)?.length ?? 0) !== rows.length)
      problems.push(`${table}: ${rows.length} → ${after.get(table)?.length ?? 0} rows`);
  }
  return problems;
}
