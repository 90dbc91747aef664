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
