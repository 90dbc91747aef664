import type { Page } from '@playwright/test';
import type { Plan } from '../core/domain/plan';
import { expect, test } from './fixtures';
import { rpc } from './rpc';
import type { RunningServer } from './server';

interface ScenarioSummary {
  id: string;
  name: string;
}

/** A 2,000-order scenario named `name`, its rule-based plan opened on the Plan page. */
async function openScalePlan(app: Page, server: RunningServer, name: string): Promise<Plan> {
  const scenario = await rpc<ScenarioSummary>(server, 'scenarios.create', { template: 'large', name });
  await rpc(server, 'plans.solve', { scenarioId: scenario.id, ruleBasedOnly: true, name: `${name} plan` });
  await app.reload();
  await app.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await app
    .getByTestId('plan-list')
    .getByRole('button', { name: `${name} plan` })
    .click();
  const [plan] = await rpc<{ id: string }[]>(server, 'plans.list', { scenarioId: scenario.id });
  return (await rpc<{ plan: Plan }>(server, 'plans.get', { id: plan!.id })).plan;
}

// A plan at plant scale: 2,000 orders, a rule-based plan with hundreds of unserved lines. The
// tables stay quick because only the rows in view are in the page, and every count is written
// with Indian digit grouping like the tonnes beside it.
test('a plant-scale plan lists its unserved lines in view only, and counts carry digit grouping', async ({
  app,
  server,
}) => {
  const plan = await openScalePlan(app, server, 'Scale check');
  await expect(app.getByRole('tab', { name: /^Orders/ })).toHaveText('Orders2,000');

  const view = app.getByTestId('plan-view');
  const tab = view.getByRole('tab', { name: /^Unserved/ });
  const total = Number(/\(([\d,]+)\)/.exec(await tab.innerText())![1]!.replaceAll(',', ''));
  expect(total).toBeGreaterThan(300);
  await expect(tab).toHaveText(`Unserved (${total.toLocaleString('en-IN')})`);
  await tab.click();
  const table = view.getByTestId('plan-unserved');
  await expect(view.getByText(`${total.toLocaleString('en-IN')} rows`)).toBeVisible();
  await expect(table.locator('tr[data-row]').first()).toBeVisible();
  expect(await table.locator('tr[data-row]').count()).toBeLessThan(total / 3);

  // Sorted by order id, descending: the last order of the list is the first row, and scrolled to
  // the end of the box, the list's first order comes into view.
  const ids = plan.unserved.map((u) => u.order).sort();
  const byOrder = table.getByRole('columnheader', { name: /^Order/ }).getByRole('button');
  await byOrder.click();
  await byOrder.click();
  await expect(table.locator('tr[data-row]').first()).toHaveAttribute('data-row', ids[ids.length - 1]!);
  await table.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
  await expect(table.locator(`tr[data-row="${ids[0]}"]`)).toBeVisible();
});

// The move control lists every rake line, road lot and unserved line (over a thousand here): it
// renders a window of matches, and an order is found by typing its id, destination or product.
test('a planner finds an order among a thousand by typing in the move control and moves it', async ({
  app,
  server,
}) => {
  const plan = await openScalePlan(app, server, 'Scale move');
  const editor = app.getByTestId('plan-editor');
  const box = editor.getByRole('combobox', { name: 'Order to move' });
  const list = editor.getByRole('listbox', { name: 'Order to move: matches' });
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  expect(await list.getByRole('option').count()).toBeLessThanOrEqual(50);
  await expect(editor.getByText(/more: type to narrow$/)).toBeVisible();

  // The last unserved line, far past the rendered window: typed, picked with the keyboard.
  const lot = plan.unserved[plan.unserved.length - 1]!;
  await box.fill(`${lot.order} unserved ${lot.destination}`);
  await expect(list.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', (await list.getByRole('option').getAttribute('id'))!);
  await app.keyboard.press('Enter');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue(new RegExp(`^${lot.order} unserved`));

  const rake = plan.rakes[0]!.rakeId;
  await editor.getByLabel('Move to').selectOption(`rake:${rake}`);
  await editor.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(editor.getByTestId('edit-count')).toHaveText('1 edit');
  await box.fill(`${lot.order} on ${rake}`);
  await expect(list.getByRole('option', { name: new RegExp(`^${lot.order} on ${rake} `) })).toBeVisible();
  await app.keyboard.press('Escape');

  // A road lot's order, among every order the plan names, is found the same way.
  const road = editor.getByRole('combobox', { name: 'Road lot order' });
  await road.fill(`${lot.order} ${lot.destination}`);
  const roadList = editor.getByRole('listbox', { name: 'Road lot order: matches' });
  await expect(roadList.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(road).toHaveValue(lot.order);
});

// The plan tables are one tab stop each; arrows, Home and End reach any row, scrolled into view,
// and an opened rake's details are there when the keyboard comes back to it.
test('keyboard navigation reaches rows beyond the first screen and back to an opened rake', async ({ app, server }) => {
  const plan = await openScalePlan(app, server, 'Scale keys');
  const view = app.getByTestId('plan-view');
  const rakes = view.getByTestId('plan-rakes');
  const rakeButton = (id: string) => rakes.locator(`tr[data-row="${id}"] button[aria-expanded]`);
  const ids = plan.rakes.map((r) => r.rakeId);
  expect(ids.length).toBeGreaterThan(60);

  await rakeButton(ids[0]!).focus();
  await app.keyboard.press('Enter');
  await expect(rakeButton(ids[0]!)).toHaveAttribute('aria-expanded', 'true');
  for (let i = 0; i < 40; i++) await app.keyboard.press('ArrowDown');
  await expect(rakeButton(ids[40]!)).toBeFocused();
  await expect(rakeButton(ids[40]!)).toBeInViewport();
  await app.keyboard.press('End');
  await expect(rakeButton(ids[ids.length - 1]!)).toBeFocused();
  await expect(rakeButton(ids[ids.length - 1]!)).toBeInViewport();
  await app.keyboard.press('Home');
  await expect(rakeButton(ids[0]!)).toBeFocused();
  await expect(rakeButton(ids[0]!)).toHaveAttribute('aria-expanded', 'true');
  await expect(view.getByTestId(`rake-details-${ids[0]}`)).toBeInViewport();

  // A table without details: its rows themselves take the focus.
  await view.getByRole('tab', { name: /^Unserved/ }).click();
  const unserved = view.getByTestId('plan-unserved');
  await unserved.locator(`tr[data-row="${plan.unserved[0]!.order}"]`).focus();
  await app.keyboard.press('End');
  const last = unserved.locator(`tr[data-row="${plan.unserved[plan.unserved.length - 1]!.order}"]`);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
});
