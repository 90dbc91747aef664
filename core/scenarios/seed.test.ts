import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp';
import { openDatabase } from '../storage/db';
import { SEEDED_KEY, seedDemoIfEmpty } from './seed';

/** Runs while the demo scenario is generated: another RakePlan's work on the same folder meanwhile. */
const meanwhile: { run?: () => void } = {};
vi.mock('../synth/scenario', async (importOriginal) => {
  const real = await importOriginal<typeof import('../synth/scenario')>();
  return {
    ...real,
    generateScenario: (...args: Parameters<typeof real.generateScenario>) => {
      meanwhile.run?.();
      return real.generateScenario(...args);
    },
  };
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  meanwhile.run = undefined;
  cleanups.splice(0).forEach((fn) => fn());
});

describe('demo seeding', () => {
  it('leaves the demo to another RakePlan that seeded the same new folder first, without failing', () => {
    const t = tempDir();
    const opened = openDatabase(t.dir);
    cleanups.push(() => opened.db.close(), t.cleanup);
    meanwhile.run = () => {
      const other = new Database(opened.path);
      other.prepare(`INSERT INTO app_meta (key, value) VALUES (?, '2026-01-01T00:00:00Z')`).run(SEEDED_KEY);
      other.close();
    };
    expect(seedDemoIfEmpty(opened.db)).toEqual({ seeded: false });
    expect(opened.db.prepare('SELECT COUNT(*) FROM scenarios').pluck().get()).toBe(0);
    expect(opened.db.prepare('SELECT COUNT(*) FROM history_demand').pluck().get()).toBe(0);
  });
});
