import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RakeplanClient } from '../contract/client';
import { createMemoryPair } from '../contract/memory-transport';
import type { PlanComparison, SolveProgressEvent } from '../contract/api/plans';
import { createHost } from '../host/create-host';
import { tinyInput } from '../optimizer/__fixtures__/tiny';
import { PLAN_LIMITS } from '../optimizer/limits';
import { generateScenario } from '../synth/scenario';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-plans-'));
const host = createHost({ dataDir: dir, mode: 'test' });
afterAll(() => host.close());

describe('plans.* contract', () => {
  it('solves an inline scenario, saves, lists, gets, checks, compares, exports and deletes', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 10, name: 'tiny A' });
    expect(a.plan.format).toBe('rakeplan.plan/1');
    expect(a.plan.solver.method).toBe('milp');
    const edited = tinyInput();
    edited.rakes = [];
    const b = await host.app.invoke('plans.solve', { scenario: edited, timeLimitS: 10, name: 'tiny B (no rakes)' });
    const list = await host.app.invoke('plans.list', {});
    expect(list.map((x) => x.name).sort()).toEqual(['tiny A', 'tiny B (no rakes)']);
    const got = await host.app.invoke('plans.get', { id: a.id });
    expect(got.plan.summary.totalCost).toBe(a.plan.summary.totalCost);
    expect((await host.app.invoke('plans.check', { id: a.id })).ok).toBe(true);
    const cmp: PlanComparison = await host.app.invoke('plans.compare', { a: a.id, b: b.id });
    const unservedRow = cmp.rows.find((r) => r.key === 'unservedT')!;
    expect(unservedRow.diff).toBeCloseTo(b.plan.summary.unservedT - a.plan.summary.unservedT, 3);
    // Judged by what is better for the plant: B (no rakes) costs more and ships no rail tonnes.
    const row = (key: string) => cmp.rows.find((r) => r.key === key)!;
    expect(row('totalCost')).toMatchObject({ better: 'lower', verdict: 'worse' });
    expect(row('railT')).toMatchObject({ better: 'higher', verdict: 'worse' });
    expect(row('roadT').better).toBeNull();
    const reverse: PlanComparison = await host.app.invoke('plans.compare', { a: b.id, b: a.id });
    expect(reverse.rows.find((r) => r.key === 'totalCost')!.verdict).toBe('better');
    expect(reverse.rows.find((r) => r.key === 'railT')!.verdict).toBe('better');
    const xlsx = await host.app.invoke('plans.export', { id: a.id, format: 'xlsx' });
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const csv = await host.app.invoke('plans.export', { id: a.id, format: 'csv', table: 'unserved' });
    expect(Buffer.from(csv.base64, 'base64').toString()).toMatch(/^\uFEFFOrder,Customer,Product,Destination,Priority/);
    const lp = await host.app.invoke('plans.export', { id: a.id, format: 'lp' });
    expect(Buffer.from(lp.base64, 'base64').toString()).toMatch(
      /^\\ RakePlan[\s\S]*Minimize[\s\S]*Subject To[\s\S]*End/,
    );
    await host.app.invoke('plans.delete', { id: b.id });
    await expect(host.app.invoke('plans.get', { id: b.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports the wall-clock time from the request to the saved plan beside the optimizer time', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), ruleBasedOnly: true });
    const { seconds, wallSeconds } = a.plan.solver;
    // The optimizer's time is part of the wall time (rounded to the millisecond).
    expect(wallSeconds).toBeGreaterThanOrEqual(seconds - 0.001);
    expect((await host.app.invoke('plans.get', { id: a.id })).plan.solver.wallSeconds).toBe(wallSeconds);
  });

  it('tells every window when a solve starts and ends and when a plan is saved, issued or deleted', async () => {
    const pair = createMemoryPair();
    host.app.connect(pair.port);
    const other = new RakeplanClient(pair.transport);
    const seen: string[] = [];
    other.on('plans.solving', (e) => seen.push(`solving ${e.solveId} ${e.running}`));
    other.on('plans.changed', (e) => seen.push(`${e.kind} ${e.id}`));
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), ruleBasedOnly: true, solveId: 'told' });
    await host.app.invoke('plans.issue', { id: a.id });
    const b = await host.app.invoke('plans.solve', { scenario: tinyInput(), ruleBasedOnly: true });
    await host.app.invoke('plans.delete', { id: b.id });
    await vi.waitFor(
      () =>
        expect(seen).toEqual([
          'solving told true',
          `saved ${a.id}`,
          'solving told false',
          `issued ${a.id}`,
          expect.stringMatching(/^solving .+ true$/),
          `saved ${b.id}`,
          expect.stringMatching(/^solving .+ false$/),
          `deleted ${b.id}`,
        ]),
      // Events arrive as their writes end: waited for, however long a loaded machine takes.
      { timeout: 30_000 },
    );
  });

  it('records each run for the Monitor page: solved with its gap, failed with its code', async () => {
    const before = (await host.app.invoke('monitoring.overview', { minutes: 60 })).optimizer.runs;
    await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 10, name: 'monitored' });
    const bad = tinyInput();
    bad.orders[0]!.destination = 'NOWHERE';
    await expect(host.app.invoke('plans.solve', { scenario: bad })).rejects.toMatchObject({ code: 'INVALID_DATA' });
    const o = (await host.app.invoke('monitoring.overview', { minutes: 60 })).optimizer;
    // The invalid scenario is refused before any run starts: one more run, and it solved.
    expect(o.runs).toBe(before + 1);
    expect(o.byOutcome.find((x) => x.key === 'solved')!.count).toBeGreaterThanOrEqual(1);
    expect(o.successRate).toBe(1);
  });

  it('refuses a scenario with errors, naming the field', async () => {
    const bad = tinyInput();
    bad.orders[0]!.quantityT = -5;
    await expect(host.app.invoke('plans.solve', { scenario: bad })).rejects.toMatchObject({ code: 'INVALID_DATA' });
    await expect(host.app.invoke('plans.solve', {})).rejects.toMatchObject({ code: 'BAD_PAYLOAD' });
  });

  it('refuses a saved scenario whose rows break a cross-table rule, naming the row, and plans it once fixed', async () => {
    const sc = tinyInput();
    const file = { fileName: 'tiny.json', dataBase64: Buffer.from(JSON.stringify(sc)).toString('base64') };
    const scenarioId = (await host.app.invoke('scenarios.import', file)).scenarioId!;
    const d = await host.app.invoke('scenarios.get', { id: scenarioId });
    const o = d.scenario.orders[0]!;
    await host.app.invoke('scenarios.editRows', {
      id: scenarioId,
      table: 'orders',
      changes: [{ op: 'update', rid: d.rowIds.orders[0]!, values: { destination: 'NOWHERE' } }],
    });
    await expect(host.app.invoke('plans.solve', { scenarioId, timeLimitS: 5 })).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: expect.stringMatching(/cannot be planned: 1 data error/),
      issues: [expect.objectContaining({ path: expect.stringContaining('destination') })],
    });
    await host.app.invoke('scenarios.editRows', {
      id: scenarioId,
      table: 'orders',
      changes: [{ op: 'update', rid: d.rowIds.orders[0]!, values: { destination: o.destination } }],
    });
    expect(
      (await host.app.invoke('plans.solve', { scenarioId, timeLimitS: 5 })).plan.summary.totalCost,
    ).toBeGreaterThan(0);
  });

  it("refuses a scenario above the optimizer's size limit up front, naming it", async () => {
    const huge = tinyInput();
    const o = huge.orders[0]!;
    huge.orders = Array.from({ length: PLAN_LIMITS.orders + 1 }, (_, i) => ({ ...o, id: `H-${i}` }));
    await expect(host.app.invoke('plans.solve', { scenario: huge, timeLimitS: 5 })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringContaining(`at most ${PLAN_LIMITS.orders.toLocaleString('en-US')} orders`),
    });
  });

  it('streams progress, stops and keeps the best plan, and hard-cancels', async () => {
    const pair = createMemoryPair();
    host.app.connect(pair.port);
    const client = new RakeplanClient(pair.transport);
    const scenario = generateScenario({ seed: 1, size: 'day' });
    const phases = new Set<string>();
    let stopped = false;
    let listedWhileRunning: Promise<unknown> | undefined;
    const solving = client.call(
      'plans.solve',
      { scenario, timeLimitS: 120, gap: 0, solveId: 'soft' },
      {
        onProgress: (p: SolveProgressEvent) => {
          phases.add(p.phase);
          if (p.phase === 'solving' && p.incumbent !== null && !stopped) {
            stopped = true;
            // What a window opened now would learn (the start event went by before it opened).
            listedWhileRunning = client.call('plans.running', {});
            void client.call('plans.stop', { solveId: 'soft' });
          }
        },
      },
    );
    const res = await solving;
    expect(await listedWhileRunning).toEqual({ solves: [{ solveId: 'soft', scenarioId: null }] });
    expect(await client.call('plans.running', {})).toEqual({ solves: [] });
    expect(phases.has('rule-based')).toBe(true);
    expect(res.plan.solver.stoppedEarly).toBe(true);
    const ac = new AbortController();
    // Cancelled once the solve worker is in HiGHS, as the planner's cancel usually lands.
    const cancelled = client.call(
      'plans.solve',
      { scenario, timeLimitS: 120, gap: 0 },
      { signal: ac.signal, onProgress: (p: SolveProgressEvent) => p.phase === 'solving' && ac.abort() },
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    // The host still answers after the worker was terminated.
    await expect(client.call('health.get', {})).resolves.toMatchObject({ db: { status: 'ok' } });
    pair.close();
  });
});
