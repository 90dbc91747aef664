import type { Migration } from '../migrate';
import type { DriftReport } from '../../contract/api/monitoring';
import { HISTORY_NOUNS } from '../../contract/model-reasons';

/** Each history table's code by the English noun reports stored before the code was kept. */
const CODE_OF_NOUN = new Map<string, string>(Object.entries(HISTORY_NOUNS).map(([code, noun]) => [noun, code]));

/**
 * Drift reports stored while a reason's `noun` parameter held the history's English words
 * ("daily demand records") rewritten to the table's code ("demand"), which the interface words
 * in its language: an old report otherwise shows no Hindi for it. A noun that is already a code
 * is left as it is, so running it again changes nothing. Runs in its migration's transaction.
 */
export const m064DriftHistoryNouns: Migration = {
  version: 64,
  name: 'drift history nouns',
  up: (db) => {
    const rows = db.prepare(`SELECT id, report FROM drift_reports WHERE report LIKE '%"noun"%'`).all() as {
      id: number;
      report: string;
    }[];
    const write = db.prepare('UPDATE drift_reports SET report = ? WHERE id = ?');
    for (const r of rows) {
      const report = JSON.parse(r.report) as DriftReport;
      let changed = false;
      for (const reason of report.reasons ?? []) {
        const code = CODE_OF_NOUN.get(String(reason.params.noun));
        if (code === undefined || code === reason.params.noun) continue;
        reason.params = { ...reason.params, noun: code };
        changed = true;
      }
      if (changed) write.run(JSON.stringify(report), r.id);
    }
  },
};
