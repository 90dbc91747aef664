// Which earlier production versions a rollback may return to, replayed from the alias events the
// store records: the history behind RegistryStore.previousProductions.
import type { Database } from '../storage/db';
import { parse } from './store-rows';
import type { VersionRecord } from './version-record';

/**
 * Production versions before the current one that a rollback may return to, newest first, from
 * the alias history replayed as a stack: a promotion pushes its version; a rollback to v drops
 * everything above v. A version rolled back from is no longer an earlier production, so a second
 * rollback walks further back (3 → 2 → 1) instead of returning to the version just left. A
 * deleted version leaves the stack, and so does one whose model file is not the one that served
 * (a database from before numbers were kept unique may have given a deleted number out again).
 * `current` is the version production holds now; `get` reads a version's record.
 */
export function previousProductions(
  db: Database.Database,
  name: string,
  current: number | null,
  get: (name: string, version: number) => VersionRecord | null,
): number[] {
  const rows = db
    .prepare(
      `SELECT kind, version, detail FROM model_events
        WHERE name = ? AND kind IN ('promote','override','rollback','delete') ORDER BY id`,
    )
    .all(name) as { kind: string; version: number; detail: string | null }[];
  const stack: { version: number; fileSha256?: string }[] = [];
  for (const r of rows) {
    const at = stack.findLastIndex((e) => e.version === r.version);
    if (r.kind === 'delete') {
      if (at >= 0) stack.splice(at, 1);
    } else if (r.kind === 'rollback' && at >= 0) stack.length = at + 1;
    else {
      if (at >= 0) stack.splice(at, 1);
      stack.push({ version: r.version, fileSha256: parse<{ fileSha256?: string }>(r.detail)?.fileSha256 });
    }
  }
  return stack
    .filter((e) => {
      if (e.version === current) return false;
      const rec = get(name, e.version);
      return rec !== null && (e.fileSha256 === undefined || e.fileSha256 === rec.fileSha256);
    })
    .map((e) => e.version)
    .reverse();
}
