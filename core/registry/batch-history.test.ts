import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { HISTORY_CHANGED_KEY, insertHistory } from '../scenarios/history-store';
import { generateHistory } from '../synth/history';
import { tempDir } from '../../tests/helpers/tmp';
import { readHistoryRows } from './batch';

describe('batch scoring from a history table', () => {
  const tmp = tempDir('rp-batch-history-');
  let host: Host;
  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    insertHistory(host.services.requireDb(), generateHistory({ seed: 1, days: 120 }), { replace: true });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('refuses an unknown model before reading the table or starting a job', async () => {
    const jobs = host.services.requireJobs().list().length;
    await expect(
      host.app.invoke('registry.batch', { name: 'no-such-model', historyTable: 'demand' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no model named no-such-model in the registry.' });
    expect(host.services.requireJobs().list()).toHaveLength(jobs);
  });

  it('reads the whole table in pages, the same rows as one read', async () => {
    const db = host.services.requireDb();
    const whole = (db.prepare('SELECT * FROM history_demand ORDER BY rid').all() as Record<string, unknown>[]).map(
      ({ rid: _rid, ...r }) => r,
    );
    expect(whole.length).toBeGreaterThan(10_000); // several pages
    expect(await readHistoryRows(db, 'demand')).toEqual(whole);
  });

  it('refuses a read the history was replaced in the middle of', async () => {
    const db = host.services.requireDb();
    db.prepare('UPDATE app_meta SET value = ? WHERE key = ?').run('2000-01-01T00:00:00.000Z', HISTORY_CHANGED_KEY);
    // The first page is read at once; the replace lands before the second.
    const reading = readHistoryRows(db, 'demand');
    insertHistory(db, generateHistory({ seed: 2, days: 120 }), { replace: true });
    await expect(reading).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The history was replaced while history_demand was being read/),
    });
  });
});
