import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { openDatabase } from '../storage/db';
import { JobStore } from './jobs';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function freshDb() {
  const t = tempDir();
  const { db } = openDatabase(t.dir);
  cleanups.push(() => db.close(), t.cleanup);
  return db;
}

/** A live process standing for another running RakePlan's host. */
async function liveProcess(): Promise<number> {
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  cleanups.push(() => live.kill('SIGKILL'));
  await new Promise((resolve) => live.once('spawn', resolve));
  return live.pid!;
}

describe('jobs interrupted by a crash', () => {
  it('fails only jobs whose process has gone, never those another running RakePlan owns', async () => {
    const db = freshDb();
    // A live process standing for the app's host, and one that has exited standing for a crashed one.
    const live = await liveProcess();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const running = new JobStore(db, live).create('training', 'Train transit-delay');
    const crashed = new JobStore(db, dead).create('training', 'Train loading-rate');
    const previousSelf = new JobStore(db).create('import', 'Import orders');

    expect(new JobStore(db).failInterrupted()).toBe(2);
    const store = new JobStore(db);
    expect(store.get(running.id)).toMatchObject({ status: 'running', error: null });
    for (const job of [crashed, previousSelf])
      expect(store.get(job.id)).toMatchObject({
        status: 'failed',
        error: 'Interrupted: RakePlan stopped while this job was running.',
      });
  });

  it('fails a job not heard from for a day, though its pid now belongs to a live process', async () => {
    const db = freshDb();
    const live = await liveProcess();
    const silent = new JobStore(db, live).create('training', 'Train demand');
    const recent = new JobStore(db, live).create('training', 'Train freight-cost');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
    db.prepare('UPDATE jobs SET updated_at = ? WHERE id = ?').run(dayAgo, silent.id);
    expect(new JobStore(db).failInterrupted()).toBe(1);
    expect(new JobStore(db).get(silent.id)?.status).toBe('failed');
    expect(new JobStore(db).get(recent.id)?.status).toBe('running');
  });

  it('fails a job recorded before owners were kept', () => {
    const db = freshDb();
    const job = new JobStore(db).create('training', 'Train transit-delay');
    db.prepare('UPDATE jobs SET owner_pid = NULL WHERE id = ?').run(job.id);
    new JobStore(db).failInterrupted();
    expect(new JobStore(db).get(job.id)?.status).toBe('failed');
  });
});
