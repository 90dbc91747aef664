import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../domain/plan';
import { createHost } from '../host/create-host';
import { optimize } from '../optimizer/optimize';
import { generateScenario } from '../synth/scenario';
import { tempDir } from '../../tests/helpers/tmp';
import { checkWithOutages } from './outages';
import { loadPlan, savePlan } from './store';

// Every run of the checker on a plan is counted: a saved version is checked once per host.
vi.mock('./outages', async (original) => {
  const real = await original<typeof import('./outages')>();
  return { ...real, checkWithOutages: vi.fn(real.checkWithOutages) };
});
const runs = vi.mocked(checkWithOutages);

describe("a saved plan's verdict", () => {
  const tmp = tempDir('rp-saved-verdicts-');
  const host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  const db = () => host.services.requireDb();
  const sc = generateScenario({ seed: 1, size: 'day' });
  let id = '';
  let plan: Plan;
  beforeAll(async () => {
    plan = (await optimize(sc, { timeLimitS: 10 })).plan;
    id = savePlan(db(), plan, sc, {});
  }, 60_000);
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('is the checker verdict on the version as saved, computed once, and comes with the plan from then on', async () => {
    expect((await host.app.invoke('plans.get', { id })).check).toBeUndefined();
    runs.mockClear();
    const check = await host.app.invoke('plans.check', { id });
    expect(runs).toHaveBeenCalledTimes(1);
    const saved = loadPlan(db(), id);
    expect(check).toEqual(checkWithOutages(saved.scenario, saved.plan));
    runs.mockClear();
    expect(await host.app.invoke('plans.check', { id })).toEqual(check);
    expect((await host.app.invoke('plans.get', { id })).check).toEqual(check);
    expect(runs).not.toHaveBeenCalled();
  });

  it('is computed for every edit and for the version an edit saves, which is checked anew', async () => {
    const rake = plan.rakes[0]!;
    const edits = [{ op: 'move' as const, order: rake.lines[0]!.order, from: `rake:${rake.rakeId}`, to: 'unserved' }];
    runs.mockClear();
    const edited = await host.app.invoke('plans.edit', { id, edits });
    expect(runs).toHaveBeenCalledTimes(1);
    const saved = await host.app.invoke('plans.edit', { id, edits, save: true });
    expect((await host.app.invoke('plans.get', { id: saved.id! })).check).toBeUndefined();
    runs.mockClear();
    const child = await host.app.invoke('plans.check', { id: saved.id! });
    expect(runs).toHaveBeenCalledTimes(1);
    expect(child.recomputedTotalCost).toBe(edited.check.recomputedTotalCost);
    expect(child.recomputedTotalCost).not.toBe((await host.app.invoke('plans.check', { id })).recomputedTotalCost);
  });

  it('is not answered for a deleted plan', async () => {
    const other = savePlan(db(), plan, sc, {});
    await host.app.invoke('plans.check', { id: other });
    await host.app.invoke('plans.delete', { id: other });
    await expect(host.app.invoke('plans.get', { id: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(host.app.invoke('plans.check', { id: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
