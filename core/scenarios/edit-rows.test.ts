import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type Contract } from '../contract';
import { ContractError } from '../contract/errors';
import { SCENARIO_TABLES } from '../domain/scenario-tables';
import { scenarioSchema } from '../domain/scenario';
import { validateScenario } from '../domain/validate';
import { HostApp } from '../host/app';
import { createServices, type HostServices } from '../host/services';
import { generateScenario } from '../synth/scenario';
import { registerScenarios } from './handlers';

let dir: string;
let s: HostServices;
let app: HostApp<Contract>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-edit-'));
  s = createServices({ dataDir: dir, mode: 'test' });
  app = new HostApp(contract);
  registerScenarios(app, s);
});
afterEach(() => {
  vi.restoreAllMocks();
  s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function saved() {
  const r = await app.invoke('scenarios.import', {
    fileName: 'x.json',
    dataBase64: Buffer.from(JSON.stringify(generateScenario({ seed: 8, size: 'day' }))).toString('base64'),
  });
  const id = r.scenarioId!;
  return { id, before: await app.invoke('scenarios.get', { id }) };
}

describe('scenarios.editRows', () => {
  it('saves what the whole-scenario path saved: updates typed as text, an insert and a delete', async () => {
    const { id, before } = await saved();
    const rids = before.rowIds.orders;
    const o = before.scenario.orders;
    const r = await app.invoke('scenarios.editRows', {
      id,
      table: 'orders',
      changes: [
        { op: 'update', rid: rids[3]!, values: { quantityT: '1,250', priority: '1', splittable: 'yes' } },
        { op: 'update', rid: rids[5]!, values: { customer: 'Bhilai Rolling Mill', quantityT: 410 } },
        { op: 'delete', rid: rids[7]! },
        { op: 'insert', values: { ...o[0], id: 'SO-NEW-1', quantityT: '900' } },
      ],
    });
    // The same edit applied to the scenario in memory, each row read by its schema.
    const row = SCENARIO_TABLES.orders.schema;
    const orders = o.map((x, i) =>
      i === 3
        ? row.parse({ ...x, quantityT: 1250, priority: 1, splittable: true })
        : i === 5
          ? row.parse({ ...x, customer: 'Bhilai Rolling Mill', quantityT: 410 })
          : x,
    );
    orders.splice(7, 1);
    orders.push(row.parse({ ...o[0], id: 'SO-NEW-1', quantityT: 900 }));
    const expected = scenarioSchema.parse({ ...before.scenario, orders });
    const after = await app.invoke('scenarios.get', { id });
    expect(after.scenario).toEqual(expected);
    expect(after.rowIds.orders).toEqual([...rids.filter((_, i) => i !== 7), ...r.insertedRids]);
    expect(r.summary).toEqual(after.summary);
    expect(r.issues).toEqual(validateScenario(expected));
  });

  it('refuses a paste with bad cells naming each row and field, and changes nothing', async () => {
    const { id, before } = await saved();
    const rids = before.rowIds.orders;
    const n = rids.length;
    const err = await app
      .invoke('scenarios.editRows', {
        id,
        table: 'orders',
        changes: [
          { op: 'update', rid: rids[2]!, values: { quantityT: '1,100' } },
          { op: 'update', rid: rids[4]!, values: { quantityT: '-40', dueDate: 'soon' } },
          { op: 'insert', values: { ...before.scenario.orders[0], id: 'SO-OK' } },
          { op: 'insert', values: { ...before.scenario.orders[0], id: 'SO-BAD', colour: 'red' } },
          { op: 'update', rid: 999_999, values: { quantityT: '5' } },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('INVALID_DATA');
    expect((err as ContractError).issues).toEqual([
      // A cell that does not read comes first; the row schema then names the value it refuses.
      { path: 'orders[4].dueDate', message: expect.stringMatching(/^'soon' is not a date\/time/) },
      { path: 'orders[4].quantityT', message: 'must be > 0' },
      // The second insert is the table's row n + 1: the first one's index n is taken.
      { path: `orders[${n + 1}].colour`, message: "unknown field 'colour' in Orders" },
      { path: 'changes[4]', message: 'Orders: there is no row 999999 (it may have been deleted)' },
    ]);
    expect(await app.invoke('scenarios.get', { id })).toEqual(before);
  });

  it('reads and checks the whole scenario once for a one-cell edit, for the issues it answers', async () => {
    const { id, before } = await saved();
    const parses = vi.spyOn(scenarioSchema, 'safeParse');
    await app.invoke('scenarios.editRows', {
      id,
      table: 'orders',
      changes: [{ op: 'update', rid: before.rowIds.orders[1]!, values: { quantityT: '777' } }],
    });
    expect(parses).toHaveBeenCalledTimes(1);
  });

  it('rolls the edit back when the scenario does not read back after it', async () => {
    const { id, before } = await saved();
    // Another row already broken in storage (written around the row schema): the edit is not kept.
    s.requireDb().prepare('UPDATE sc_orders SET "quantityT" = -5 WHERE rid = ?').run(before.rowIds.orders[9]!);
    await expect(
      app.invoke('scenarios.editRows', {
        id,
        table: 'orders',
        changes: [{ op: 'update', rid: before.rowIds.orders[1]!, values: { quantityT: '777' } }],
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    const q = s.requireDb().prepare('SELECT "quantityT" FROM sc_orders WHERE rid = ?').pluck();
    expect(q.get(before.rowIds.orders[1]!)).toBe(before.scenario.orders[1]!.quantityT);
  });
});
