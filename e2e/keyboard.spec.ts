import { expect, test } from './fixtures';
import { tabTo } from './page-helpers';

// A planner without a mouse: choose the demo, optimize it, open a rake, export the plan.
test('keyboard-only planning: load the demo, optimize, open a rake, export', async ({ app }) => {
  await app.keyboard.press('Escape');
  const demo = app.getByTestId('scenario-list').getByRole('button', { name: /Bokaro demo/ });
  let presses = await tabTo(app, demo);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');

  const limit = app.getByLabel('Time limit in seconds');
  presses += await tabTo(app, limit);
  await app.keyboard.press('Control+A');
  await app.keyboard.type('5');
  presses += await tabTo(app, app.getByRole('button', { name: 'Optimize', exact: true }));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('plan-view')).toBeVisible({ timeout: 90_000 });
  // The order grid is one tab stop: Optimize is reached in a few dozen presses, not thousands.
  expect(presses).toBeLessThan(80);

  const firstRake = app.getByTestId('plan-rakes').locator('tbody button[aria-expanded]').first();
  // Past the plan's summary and the plan editor's controls (one per rake and order).
  await tabTo(app, firstRake, 600);
  await app.keyboard.press('Enter');
  await expect(firstRake).toHaveAttribute('aria-expanded', 'true');
  await expect(app.locator('[data-testid^="rake-details-"]')).toBeVisible();

  // Shift+Tab back up to the export button, and a download starts.
  const exportBtn = app.getByRole('button', { name: 'Export .xlsx' });
  await tabTo(app, exportBtn, 600, true);
  const download = app.waitForEvent('download');
  await app.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});
