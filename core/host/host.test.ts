import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors';
import { DB_FILE } from '../storage/db';
import { tempDir } from '../../tests/helpers/tmp';
import { createHost } from './create-host';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

describe('host', () => {
  it('reports health: version, schema, database and data directory', async () => {
    const t = tempDir();
    const host = createHost({ dataDir: t.dir, mode: 'test' });
    cleanups.push(() => host.close(), t.cleanup);
    const h = await host.app.invoke('health.get', {});
    expect(h.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(h.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(h.db).toMatchObject({ status: 'ok', journalMode: 'wal' });
    expect(h.dataDir).toBe(t.dir);
  });

  it('still starts and explains itself when the database is corrupt', async () => {
    const t = tempDir();
    fs.writeFileSync(path.join(t.dir, DB_FILE), 'garbage'.repeat(1000));
    const host = createHost({ dataDir: t.dir, mode: 'test' });
    cleanups.push(() => host.close(), t.cleanup);
    const h = await host.app.invoke('health.get', {});
    expect(h.db.status).toBe('corrupt');
    expect(h.db.message).toMatch(/damaged/);
    expect(() => host.services.requireDb()).toThrow(ContractError);
  });

  it('marks jobs left running by a crash as failed at the next start', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = createHost({ dataDir: t.dir, mode: 'test' });
    const job = first.services.requireJobs().create('training', 'transit-delay');
    first.close();
    const second = createHost({ dataDir: t.dir, mode: 'test' });
    cleanups.push(() => second.close());
    const after = second.services.requireJobs().get(job.id)!;
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/Interrupted/);
  });
});
