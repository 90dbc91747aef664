import { expect, test } from './fixtures';
import { rpc } from './rpc';

interface ScenarioSummary {
  id: string;
  name: string;
}

// A plan at plant scale: 2,000 orders, a rule-based plan with hundreds of unserved lines. The
// tables stay quick because only the rows in view are in the page, and every count is written
// with Indian digit grouping like the tonnes beside it.
test('a plant-scale plan lists its unserved lines in view only, and counts carry digit grouping', async ({
  app,
  server,
}) => {
  const scenario = await rpc<ScenarioSummary>(server, 'scenarios.create', {
    template: 'large',
    name: 'Scale check',
  });
  await rpc(server, 'plans.solve', { scenarioId: scenario.id, ruleBasedOnly: true, name: 'Scale rule-based' });
  await app.reload();
  await app.getByRole('button', { name: /^Scale check/ }).click();
  await expect(app.getByRole('tab', { name: /^Orders/ })).toHaveText('Orders2,000');
  await app.getByTestId('plan-list').getByRole('button', { name: 'Scale rule-based' }).click();

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
  const [plan] = await rpc<{ id: string }[]>(server, 'plans.list', { scenarioId: scenario.id });
  const { plan: saved } = await rpc<{ plan: { unserved: { order: string }[] } }>(server, 'plans.get', { id: plan!.id });
  const ids = saved.unserved.map((u) => u.order).sort();
  const byOrder = table.getByRole('columnheader', { name: /^Order/ }).getByRole('button');
  await byOrder.click();
  await byOrder.click();
  await expect(table.locator('tr[data-row]').first()).toHaveAttribute('data-row', ids[ids.length - 1]!);
  await table.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
  await expect(table.locator(`tr[data-row="${ids[0]}"]`)).toBeVisible();
});
