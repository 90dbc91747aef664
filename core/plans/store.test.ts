import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createHost } from '../host/create-host';
import { tiny } from '../optimizer/__fixtures__/tiny';
import { ruleBasedPlan } from '../optimizer/rule-based-plan';
import { tempDir } from '../../tests/helpers/tmp';
import { savePlan } from './store';

const t = tempDir();
const host = createHost({ dataDir: t.dir, mode: 'test' });
afterAll(() => {
  vi.restoreAllMocks();
  host.close();
  t.cleanup();
});

describe('plans.get', () => {
  it('answers the saved plan and its listing, reading only the plan and not the scenarios saved with it', async () => {
    const db = host.services.requireDb();
    const plan = ruleBasedPlan(tiny());
    const id = savePlan(db, plan, tiny(), { name: 'tiny' });
    const stored = db.prepare('SELECT plan_json FROM plans WHERE id = ?').pluck().get(id) as string;
    const parse = vi.spyOn(JSON, 'parse');
    const got = await host.app.invoke('plans.get', { id });
    expect(parse.mock.calls.map(([text]) => text)).toEqual([stored]);
    parse.mockRestore();
    expect(got.plan).toEqual(JSON.parse(stored));
    expect(got.item).toEqual((await host.app.invoke('plans.list', {})).find((p) => p.id === id));
    await expect(host.app.invoke('plans.get', { id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "There is no saved plan with id 'nope'.",
    });
  });
});

describe('saving a version', () => {
  it('names it apart from a version of the same parent another process saved meanwhile', async () => {
    const db = host.services.requireDb();
    const plan = ruleBasedPlan(tiny());
    const parentId = savePlan(db, plan, tiny(), { name: 'race' });
    const rake = plan.rakes[0]!;
    // Another RakePlan on the same folder saves its version of the parent after this one has
    // loaded and edited the parent, just before this one's save starts writing.
    const transaction = db.transaction.bind(db);
    const spy = vi.spyOn(db, 'transaction').mockImplementationOnce((fn) => {
      const other = new Database(db.name);
      try {
        savePlan(other, plan, tiny(), { parentId, kind: 'edit', name: 'race · v2' });
      } finally {
        other.close();
      }
      return transaction(fn);
    });
    const saved = await host.app.invoke('plans.edit', {
      id: parentId,
      edits: [{ op: 'lock', target: `rake:${rake.rakeId}`, locked: true }],
      save: true,
    });
    spy.mockRestore();
    const versions = db
      .prepare('SELECT id, name, version FROM plans WHERE parent_id = ? ORDER BY name')
      .all(parentId) as { id: string; name: string; version: number }[];
    expect(versions.map((v) => [v.name, v.version])).toEqual([
      ['race · v2', 2],
      ['race · v2 (2)', 2],
    ]);
    expect(versions[1]!.id).toBe(saved.id);
  });
});
