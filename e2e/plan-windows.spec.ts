import type { PlanListItem } from '../core/contract/api/plans';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { rpc } from './rpc';
import type { RunningServer } from './server';

// Another window (here: the test's own connection) solves and deletes plans of the scenario
// shown: this window says a solve is running there, and its list follows without a reload.
test.setTimeout(180_000);

/** Waits for the demo scenario on screen and returns its id. */
async function demoShown(app: Page, server: RunningServer): Promise<string> {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  const list = await rpc<{ id: string; name: string }[]>(server, 'scenarios.list', {});
  return list.find((s) => s.name === 'Bokaro demo')!.id;
}

test("another window's solve is announced, and its plans appear and go in this window's list", async ({
  app,
  server,
}) => {
  const scenarioId = await demoShown(app, server);
  // The list has been read: what appears next comes from the other window.
  await expect(
    app.getByTestId('plan-list').or(app.getByText('No plans for this scenario yet: press Optimize.')),
  ).toBeVisible();

  const solved = rpc<{ id: string }>(server, 'plans.solve', { scenarioId, timeLimitS: 5, name: 'Windows elsewhere' });
  await expect(app.getByTestId('optimize-other-window')).toBeVisible({ timeout: 30_000 });
  const { id } = await solved;
  const row = app.getByTestId('plan-list').locator('tbody tr').filter({ hasText: 'Windows elsewhere' });
  await expect(row).toHaveCount(1);
  await expect(app.getByTestId('optimize-other-window')).toHaveCount(0);

  await rpc(server, 'plans.delete', { id });
  await expect(row).toHaveCount(0);
  expect((await rpc<PlanListItem[]>(server, 'plans.list', { scenarioId })).some((p) => p.id === id)).toBe(false);
});

test('a window opened while another window solves says so and does not start a second solve, until that solve ends', async ({
  app,
  server,
}) => {
  const scenarioId = await demoShown(app, server);
  // Gap 0 on the week: it runs to its time limit unless stopped, far longer than a reload.
  const solveId = 'e2e-opened-mid-solve';
  const solved = rpc<{ id: string }>(server, 'plans.solve', {
    scenarioId,
    timeLimitS: 120,
    gap: 0,
    solveId,
    name: 'Opened mid-solve',
  });
  await expect(app.getByTestId('optimize-other-window')).toBeVisible({ timeout: 30_000 });
  // A new window: the start announcement went by before it was there.
  await app.reload();
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  await expect(app.getByTestId('optimize-other-window')).toBeVisible();
  const optimize = app.getByRole('button', { name: 'Optimize' });
  await expect(optimize).toBeDisabled();
  await rpc(server, 'plans.stop', { solveId });
  await solved;
  await expect(app.getByTestId('optimize-other-window')).toHaveCount(0);
  await expect(optimize).toBeEnabled();
});
