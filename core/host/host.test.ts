import Database from 'better-sqlite3';
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

  it('says a database from a newer RakePlan is unavailable, not corrupt', async () => {
    const t = tempDir();
    const db = new Database(path.join(t.dir, DB_FILE));
    db.pragma('user_version = 999');
    db.close();
    const host = createHost({ dataDir: t.dir, mode: 'test' });
    cleanups.push(() => host.close(), t.cleanup);
    const h = await host.app.invoke('health.get', {});
    expect(h.db.status).toBe('unavailable');
    expect(h.db.message).toMatch(/newer than this RakePlan/);
  });

  it('still starts and explains itself when the data folder cannot be made', async () => {
    const t = tempDir();
    const notAFolder = path.join(t.dir, 'plant');
    fs.writeFileSync(notAFolder, 'a file where the data folder should be');
    const host = createHost({ dataDir: notAFolder, mode: 'test' });
    cleanups.push(() => host.close(), t.cleanup);
    const h = await host.app.invoke('health.get', {});
    expect(h.db.status).toBe('unavailable');
    expect(h.db.message).toMatch(/Cannot create the data folder .*plant/);
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
