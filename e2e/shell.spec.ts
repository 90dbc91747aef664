import { expect, openPage, test } from './fixtures';

test('the app opens on the Plan page and every page renders', async ({ app }) => {
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(/plan/i);
  for (const [label, heading] of [
    ['Forecasts', /Forecasts/],
    ['Models', /Models/],
    ['Monitor', /Monitor/],
    ['Plan', /plan/i],
  ] as const) {
    await openPage(app, label);
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
});

test('the Monitor page shows health from the host', async ({ app, server }) => {
  await openPage(app, 'Monitor');
  await expect(app.getByTestId('health-db')).toHaveText('ok');
  await expect(app.getByTestId('health-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(app.getByTestId('health-schema')).toHaveText(/^\d+$/);
  await expect(app.getByTestId('health-datadir')).toHaveText(server.dataDir);
});

test('the token leaves the address bar once read', async ({ app }) => {
  expect(app.url()).not.toContain('token=');
});
