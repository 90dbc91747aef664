import { expect, openPage, test } from './fixtures';
import { rpc } from './rpc';

interface Trained {
  registryVersion: number;
}
const FEEDS = ['transit-delay', 'loading-throughput', 'rake-availability'];

// Forecasts drive the plan in the UI: the models the planning inputs come from are trained and
// promoted (set-up over the socket), then the planner updates the demo scenario from them, sees
// the diff, accepts it, optimizes, reads the risk per rake and order, and undoes the update.
test('update the demo from forecasts, accept the diff, plan, read the risk, undo', async ({ app, server }) => {
  test.setTimeout(300_000);
  for (const spec of FEEDS) {
    const t = await rpc<Trained>(server, 'training.start', { spec, params: { rounds: 20 } });
    await rpc(server, 'registry.promote', {
      name: spec,
      version: t.registryVersion,
      override: { reason: 'forecast flow test model' },
    });
  }

  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  await app.getByTestId('btn-update-forecasts').click();
  const diff = app.getByTestId('forecast-diff');
  await expect(diff).toBeVisible();
  await expect(diff.getByTestId('forecast-change').first()).toBeVisible();
  // Each changed figure names the model version (or the baseline) it came from.
  await expect(diff).toContainText(/(model transit-delay@\d+|baseline transit-delay)/);
  await expect(diff).toContainText(/(model rake-availability@\d+|baseline rake-availability)/);
  await app.getByTestId('btn-accept-forecasts').click();
  await expect(app.getByTestId('forecast-note')).toContainText('Accepted');
  await expect(app.getByTestId('btn-undo-forecasts')).toBeVisible();

  await app.getByLabel('Time limit in seconds').fill('5');
  await app.getByRole('button', { name: 'Optimize' }).click();
  const view = app.getByTestId('plan-view');
  await expect(view).toBeVisible({ timeout: 120_000 });
  await view.getByRole('tab', { name: 'Risk' }).click();
  const risk = view.getByTestId('plan-risk');
  await expect(risk).toBeVisible();
  const rows = risk.getByTestId('risk-rakes').locator('tbody > tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  // Every rake has its on-time probability; expanding one shows each order's.
  await expect(risk.getByTestId('risk-rakes').getByTestId('risk-cell')).toHaveCount(n);
  await expect(risk.getByTestId('risk-cell').first()).toHaveText(/\d+(\.\d)? %/);
  // Beside it, the share of the rake's tonnes expected on time (each order's tonnes × its chance).
  await expect(risk.getByTestId('risk-tonnes-share').first()).toHaveText(/^\d+(\.\d)? %$/);
  await rows.first().click();
  await expect(risk.getByTestId('risk-line').first().getByTestId('risk-cell')).toBeVisible();
  await expect(risk.getByTestId('lateness-p90')).toContainText('₹');
  await expect(risk.getByTestId('plan-input-sources')).toContainText(/transit-delay/);

  await app.getByTestId('btn-undo-forecasts').click();
  await expect(app.getByTestId('forecast-note')).toContainText('Undone');
  await expect(app.getByTestId('btn-undo-forecasts')).toHaveCount(0);

  // The indent for the same scenario, on the Forecasts page.
  await openPage(app, 'Forecasts');
  await app.getByTestId('btn-indent').click();
  await expect(app.getByTestId('indent')).toContainText('wanting rail');
});
