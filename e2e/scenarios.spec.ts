import fs from 'node:fs';
import { expect, test } from './fixtures';
import { rpc } from './rpc';

// The demo scenario is seeded on first launch of `rakeplan serve` (browser mode).
test('edit, import and export the demo scenario', async ({ app }) => {
  const list = app.getByTestId('scenario-list');
  await expect(list).toContainText('Bokaro demo');
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');

  // An invalid quantity is refused with a message beside the table; the fix clears it.
  const cell = app.locator('[data-testid^="cell-"][data-testid$="-quantityT"]').first();
  const testId = (await cell.getAttribute('data-testid'))!;
  const orderId = testId.slice('cell-'.length, -'-quantityT'.length);
  const stored = await cell.textContent();
  await cell.dblclick();
  await app.getByLabel(`Quantity [t] of ${orderId}`).fill('-5');
  await app.getByLabel(`Quantity [t] of ${orderId}`).press('Enter');
  const panel = app.getByRole('tabpanel', { name: 'Orders' });
  await expect(panel.getByRole('alert')).toContainText(`${orderId}, Quantity [t]: must be > 0`);
  await expect(app.getByTestId(testId)).toHaveAttribute('aria-invalid', 'true');
  // Escape drops the refused text and its message: the stored value stands.
  await app.getByLabel(`Quantity [t] of ${orderId}`).press('Escape');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(app.getByTestId(testId)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByTestId(testId)).toHaveText(stored!);
  await cell.dblclick();
  await app.getByLabel(`Quantity [t] of ${orderId}`).fill('750');
  await app.getByLabel(`Quantity [t] of ${orderId}`).press('Enter');
  await expect(app.getByTestId(testId)).toHaveText('750');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // A CSV with two bad rows: both reasons shown, nothing imported.
  const before = await app.getByTestId('row-count').textContent();
  const csv = [
    'Order No,Customer,Destination,Product,Qty (MT),Due by,Priority,Mode,Split',
    'E2E-1,Test Buyer,GZB,HRC,500,2027-01-20 18:00,1,rail,yes',
    'E2E-2,Test Buyer,ATLANTIS,HRC,500,2027-01-20 18:00,1,rail,yes',
    'E2E-3,Test Buyer,GZB,HRC,lots,2027-01-20 18:00,2,rail,yes',
  ].join('\n');
  await app
    .getByTestId('import-table-input')
    .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const report = app.getByTestId('import-report');
  await expect(report).toContainText('2 problem(s) found, nothing was changed');
  await expect(report).toContainText("line 3 (E2E-2), Destination: unknown destination 'ATLANTIS'");
  await expect(report).toContainText("line 4 (E2E-3), Quantity [t]: 'lots' is not a number");
  await expect(app.getByTestId('row-count')).toHaveText(before!);

  // Export the whole scenario as JSON and import it back as a new scenario.
  await app.getByLabel('Export scenario format').selectOption('json');
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('export-scenario').click()]);
  expect(download.suggestedFilename()).toBe('bokaro-demo.json');
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(exported.format).toBe('rakeplan.scenario/1');
  expect(exported.orders.find((o: { id: string }) => o.id === orderId).quantityT).toBe(750);
  // Other specs on the shared server may have left scenarios: one more than before.
  const scenarios = await list.getByRole('listitem').count();
  await app
    .getByTestId('import-scenario-input')
    .setInputFiles({ name: 'bokaro-demo.json', mimeType: 'application/json', buffer: fs.readFileSync(file) });
  await expect(list.getByRole('listitem')).toHaveCount(scenarios + 1);
  await expect(app.getByTestId('import-report')).toContainText('row(s) imported');
});

test('scenario list: create, copy as what-if, rename, delete; rows: duplicate and delete', async ({ app }) => {
  const list = app.getByTestId('scenario-list');
  await expect(list).toContainText('Bokaro demo');
  const count = await list.getByRole('listitem').count();
  await app.getByLabel('New scenario template').selectOption('day');
  await app.getByRole('button', { name: 'New scenario', exact: true }).click();
  await expect(list.getByRole('listitem')).toHaveCount(count + 1);
  await expect(app.getByTestId('row-count')).toHaveText('120 rows');

  await list.getByRole('button', { name: 'Copy as what-if' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(count + 2);
  await expect(app.getByTestId('scenario-title')).toHaveText(/\(what-if\)$/);
  await list.getByRole('button', { name: 'Rename', exact: true }).click();
  await list.getByLabel('New name').fill('Two more BCN rakes');
  await list.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByTestId('scenario-title')).toHaveText('Two more BCN rakes');
  await expect(list).toContainText('what-if');

  // Duplicate the first order, then delete the copy.
  const first = app.locator('[data-testid^="cell-"][data-testid$="-id"]').first();
  const id = (await first.textContent())!;
  await app.getByRole('button', { name: `Duplicate ${id}` }).click();
  await expect(app.getByTestId('row-count')).toHaveText('121 rows');
  await app.getByLabel('Filter Orders').fill(`${id}-2`);
  await expect(app.getByTestId('row-count')).toHaveText('1 of 121 rows');
  await app.getByRole('button', { name: `Delete ${id}-2` }).click();
  await expect(app.getByTestId('row-count')).toHaveText('0 of 120 rows');

  // A cost parameter: an invalid value is refused with its reason.
  await app.getByRole('tab', { name: /Costs/ }).click();
  const demurrage = app.getByLabel('Demurrage [₹/wagon·h]');
  await demurrage.fill('-1');
  await demurrage.blur();
  const costs = app.getByTestId('costs-form');
  await expect(costs.getByRole('alert')).toContainText('must be ≥ 0');
  await demurrage.fill('180');
  await demurrage.blur();
  await expect(costs.getByRole('alert')).toHaveCount(0);
  await expect(demurrage).toHaveValue('180');

  app.once('dialog', (d) => void d.accept());
  await list.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(list.getByRole('listitem')).toHaveCount(count + 1);
  await expect(list).not.toContainText('Two more BCN rakes');
});

test('a scenario file dropped on the scenario list is imported as a new scenario', async ({ app, server }) => {
  const list = app.getByTestId('scenario-list');
  await expect(list).toContainText('Bokaro demo');
  const before = await list.getByRole('listitem').count();
  const demo = (await rpc<{ id: string; name: string }[]>(server, 'scenarios.list', {})).find(
    (x) => x.name === 'Bokaro demo',
  )!;
  const file = await rpc<{ dataBase64: string }>(server, 'scenarios.export', { id: demo.id, format: 'json' });
  const text = Buffer.from(file.dataBase64, 'base64')
    .toString('utf8')
    .replace('"name": "Bokaro demo"', '"name": "Dropped plan week"');
  await app.getByTestId('scenario-drop').evaluate((el, body) => {
    // The page's own DOM classes (the e2e code is typed for Node, without the DOM library).
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: string[], name: string, opts: { type: string }) => unknown;
      DragEvent: new (type: string, init: object) => Event;
    };
    const dt = new dom.DataTransfer();
    dt.items.add(new dom.File([body], 'dropped.json', { type: 'application/json' }));
    el.dispatchEvent(new dom.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(list.getByRole('listitem')).toHaveCount(before + 1);
  await expect(app.getByTestId('scenario-title')).toHaveText('Dropped plan week');
});
