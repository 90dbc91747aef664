import { expect, test } from './fixtures';

// The seeded "Bokaro demo" (a week) is optimized in the host's worker; the page stays usable.
test('optimize the demo, see the plan and its saving, compare two plans', async ({ app }) => {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  // Other spec files share this server and may have saved plans of the demo already.
  await expect(
    app.getByTestId('plan-list').or(app.getByText('No plans for this scenario yet: press Optimize.')),
  ).toBeVisible();
  const before = await app.getByTestId('plan-list').locator('tbody tr').count();
  await app.getByLabel('Time limit in seconds').fill('8');
  await app.getByRole('button', { name: 'Optimize' }).click();
  await expect(app.getByTestId('optimize-progress')).toBeVisible();
  await expect(app.getByTestId('plan-view')).toBeVisible({ timeout: 90_000 });
  await expect(app.getByTestId('plan-saving')).toContainText('₹');
  await expect(app.getByTestId('plan-solver')).toContainText(' s');
  const view = app.getByTestId('plan-view');
  await view.getByRole('tab', { name: /^Unserved \(/ }).click();
  await expect(app.getByTestId('plan-unserved').locator('tbody tr').first()).toBeVisible();
  await view.getByRole('tab', { name: 'Loading Gantt' }).click();
  await expect(view.getByTestId('plan-gantt')).toBeVisible();
  await view.getByRole('tab', { name: /^Rakes \(/ }).click();
  const firstRake = app.getByTestId('plan-rakes').locator('tbody > tr').first();
  if (await firstRake.count()) {
    await firstRake.click();
    await expect(firstRake.locator('button[aria-expanded]')).toHaveAttribute('aria-expanded', 'true');
  }

  // A second plan, then both side by side.
  await app.getByLabel('Time limit in seconds').fill('4');
  await app.getByRole('button', { name: 'Optimize' }).click();
  await expect(app.getByTestId('plan-list').locator('tbody tr')).toHaveCount(before + 2, { timeout: 90_000 });
  const boxes = app.getByTestId('plan-list').getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await app.getByRole('button', { name: 'Compare selected' }).click();
  await expect(app.getByTestId('plan-compare')).toContainText('Total cost');
  await expect(app.getByTestId('plan-compare')).toContainText('B − A');
});

test('cancel a long solve and the app stays responsive', async ({ app }) => {
  await app.getByLabel('Time limit in seconds').fill('600');
  await app.getByRole('button', { name: 'Optimize' }).click();
  await expect(app.getByTestId('optimize-progress')).toBeVisible();
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('optimize-progress')).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Optimize' })).toBeEnabled();
  // The host answers at once: the scenario list and title are still served.
  await app.reload();
  await expect(app.getByTestId('connection-state')).toContainText('connected');
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
});
