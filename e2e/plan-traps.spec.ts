import { expect, test } from './fixtures';
import { rpc } from './rpc';

interface ScenarioSummary {
  id: string;
  name: string;
}
interface DetailRows {
  rowIds: { orders: number[] };
}

async function demoId(server: Parameters<typeof rpc>[0]): Promise<string> {
  const list = await rpc<ScenarioSummary[]>(server, 'scenarios.list', {});
  return list.find((s) => s.name === 'Bokaro demo')!.id;
}

// Two plans of the demo compared: colours say what is better for the plant; deleting asks first.
test('compare colours by what is better for the plant; a plan is deleted only after a confirmation', async ({
  app,
  server,
}) => {
  const scenarioId = await demoId(server);
  await rpc(server, 'plans.solve', { scenarioId, ruleBasedOnly: true, name: 'Traps rule-based' });
  await rpc(server, 'plans.solve', { scenarioId, timeLimitS: 5, name: 'Traps optimized' });
  await app.reload();
  // The server is shared with other spec files: only this test's plans are counted.
  const rows = app.getByTestId('plan-list').locator('tbody tr').filter({ hasText: 'Traps ' });
  await expect(rows).toHaveCount(2);

  // A = the rule-based plan (listed second: newest first), B = the optimized one.
  await rows.filter({ hasText: 'Traps rule-based' }).getByRole('checkbox').check();
  await rows.filter({ hasText: 'Traps optimized' }).getByRole('checkbox').check();
  await app.getByRole('button', { name: 'Compare selected' }).click();
  const cost = app.getByTestId('compare-diff-totalCost');
  const saving = app.getByTestId('compare-diff-saving');
  await expect(cost).toBeVisible();
  // Both plans have the same rule-based reference, so saving mirrors cost: a lower cost is a
  // higher saving, and both are the same verdict for the plant.
  const verdict = await cost.getAttribute('data-verdict');
  expect(['better', 'worse', 'same']).toContain(verdict);
  await expect(saving).toHaveAttribute('data-verdict', verdict!);
  if (verdict !== 'same') {
    const green = verdict === 'better';
    await expect(cost).toHaveClass(green ? /text-green-700/ : /text-red-700/);
    await expect(saving).toHaveClass(green ? /text-green-700/ : /text-red-700/);
    await expect(cost).toHaveText(green ? /^−₹/ : /^\+₹/);
    await expect(saving).toHaveText(green ? /^\+₹/ : /^−₹/);
  }

  // Delete asks first; Keep keeps it.
  const optimized = rows.filter({ hasText: 'Traps optimized' });
  await optimized.getByRole('button', { name: 'Delete…' }).click();
  await expect(optimized.getByTestId('confirm-delete-plan')).toBeVisible();
  await optimized.getByRole('button', { name: 'Keep' }).click();
  await expect(rows).toHaveCount(2);
  await optimized.getByRole('button', { name: 'Delete…' }).click();
  await optimized.getByTestId('confirm-delete-plan').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Traps rule-based');
});

// The plan panel belongs to the selected scenario; a solve's clock only moves forward; rows that
// break a rule block Optimize with their names.
test('plans and progress follow the selected scenario; data errors block Optimize', async ({ app, server }) => {
  const demo = await demoId(server);
  await rpc(server, 'plans.solve', { scenarioId: demo, ruleBasedOnly: true, name: 'Demo rule-based' });
  await app.reload();
  const list = app.getByTestId('scenario-list');
  const planRows = app.getByTestId('plan-list').locator('tbody tr');
  await planRows.filter({ hasText: 'Demo rule-based' }).getByRole('button', { name: 'Demo rule-based' }).click();
  await expect(app.getByTestId('plan-view')).toBeVisible();

  // A new scenario: none of the demo's plans, and the demo's plan view is gone.
  await app.getByLabel('New scenario template').selectOption('week');
  await app.getByRole('button', { name: 'New scenario', exact: true }).click();
  await expect(app.getByTestId('row-count')).toHaveText('400 rows');
  await expect(app.getByText('No plans for this scenario yet: press Optimize.')).toBeVisible();
  await expect(app.getByTestId('plan-view')).toHaveCount(0);

  // A long solve of the new scenario (a week at 10 min never ends on its own within the test): its
  // clock counts up and never back.
  await app.getByLabel('Time limit in seconds').fill('600');
  await app.getByRole('button', { name: 'Optimize' }).click();
  const clock = app.getByTestId('optimize-clock');
  const seconds = async () => Number(/^(\d+) s/.exec((await clock.textContent()) ?? '')?.[1] ?? -1);
  await expect(clock).toContainText('of 10 min 0 s');
  await expect.poll(seconds).toBeGreaterThanOrEqual(2);
  const seen = await seconds();

  // The demo shows neither this solve's progress nor a plan of the new scenario.
  await list.getByRole('listitem').first().getByRole('button').first().click();
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  await expect(app.getByTestId('optimize-progress')).toHaveCount(0);
  await expect(app.getByTestId('optimize-elsewhere')).toBeVisible();
  await expect(planRows.filter({ hasText: 'Demo rule-based' })).toHaveCount(1);

  await list.getByRole('listitem').last().getByRole('button').first().click();
  await expect(app.getByTestId('optimize-progress')).toBeVisible();
  await expect.poll(seconds).toBeGreaterThanOrEqual(seen);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('optimize-progress')).toHaveCount(0);

  // An order to an unknown destination: Optimize is blocked and the error is named.
  // The server is shared with other specs, which leave scenarios of their own: find this one by its title.
  const title = await app.getByTestId('scenario-title').textContent();
  const scenarios = await rpc<ScenarioSummary[]>(server, 'scenarios.list', {});
  const week = scenarios.find((s) => s.name === title)!;
  const detail = await rpc<DetailRows>(server, 'scenarios.get', { id: week.id });
  await rpc(server, 'scenarios.editRows', {
    id: week.id,
    table: 'orders',
    changes: [{ op: 'update', rid: detail.rowIds.orders[0], values: { destination: 'NOWHERE' } }],
  });
  await expect(app.getByTestId('optimize-blocked')).toContainText("unknown destination 'NOWHERE'");
  await expect(app.getByRole('button', { name: 'Optimize' })).toBeDisabled();
});
