import { expect, openPage, test } from './fixtures';
import { rpc, startAndLeave } from './rpc';

test('train a model from the Models page to the end and see its metrics beside the baseline', async ({ app }) => {
  await openPage(app, 'Models');
  const spec = app.getByTestId('train-spec-loading-throughput');
  await expect(spec).toContainText('Loading throughput');
  await spec.getByTestId('train-button-loading-throughput').click();
  // Progress per round reaches the page: the round counter shows while it trains and, as this model
  // trains in well under a second now, the last round reported stays shown after it finished.
  await expect(app.getByTestId('train-progress-loading-throughput')).toContainText(/round \d+ of \d+/, {
    timeout: 60_000,
  });
  const result = app.getByTestId('train-result-loading-throughput');
  await expect(result).toBeVisible({ timeout: 90_000 });
  await expect(result).toContainText('MAE');
  await expect(result).toContainText(/t\/h/);
  await expect(result.getByTestId('baseline-verdict')).toContainText(
    /Beats the baseline — loading point (× product )?median rate/,
  );
  await expect(result).toContainText('Feature importance');
  await expect(spec).toContainText(/Latest: v\d{8}-\d{6}/);
  await expect(result.getByTestId('train-registered')).toContainText(/Registered as candidate @\d+/);
  const version = /@(\d+)/.exec((await result.getByTestId('train-registered').textContent())!)![1];

  // The same history and settings again: the page says no new version was added, and which one it is.
  await spec.getByTestId('train-button-loading-throughput').click();
  await expect(result.getByTestId('train-registered')).toContainText(
    `Identical to @${version}, already in the registry`,
    { timeout: 90_000 },
  );
});

test('cancel a second training', async ({ app }) => {
  await openPage(app, 'Models');
  await app.getByTestId('train-button-demand').click();
  await expect(app.getByTestId('train-progress-demand')).toBeVisible();
  await app.getByTestId('train-cancel-demand').click();
  // Nothing half-done is left, and no "previous version" is promised where none may exist.
  await expect(app.getByTestId('train-cancelled-demand')).toHaveText(
    'Training cancelled: nothing was saved or registered, and planning goes on as before.',
  );
  await expect(app.getByTestId('train-button-demand')).toBeEnabled();
  await expect(app.getByTestId('train-result-demand')).toHaveCount(0);
});

test('a double-click on Train starts one training and does not cancel it', async ({ app, server }) => {
  const demandJobs = async () =>
    (await rpc<{ name: string }[]>(server, 'training.jobs', { limit: 500 })).filter((j) => j.name === 'demand').length;
  const before = await demandJobs();
  await openPage(app, 'Models');
  await app.getByTestId('train-button-demand').dblclick();
  await expect(app.getByTestId('train-progress-demand')).toContainText(/round \d+ of \d+/, { timeout: 60_000 });
  await expect(app.getByTestId('train-cancelled-demand')).toHaveCount(0);
  expect(await demandJobs()).toBe(before + 1);
  await app.getByTestId('train-cancel-demand').click();
  await expect(app.getByTestId('train-cancelled-demand')).toContainText('Training cancelled');
});

test('a training started in one window shows in another already open, which can cancel it', async ({ app, server }) => {
  const other = await app.context().newPage();
  await other.goto(server.url);
  await expect(other.getByTestId('connection-state')).toContainText('connected');
  await openPage(other, 'Models');
  await openPage(app, 'Models');
  await app.getByTestId('train-button-demand').click();
  // The other window follows it from its rounds, and offers no second Train of the same model.
  await expect(other.getByTestId('train-progress-demand')).toContainText(/round \d+ of \d+/, { timeout: 60_000 });
  await expect(other.getByTestId('train-button-demand')).toBeDisabled();
  await other.getByTestId('train-cancel-demand').click();
  for (const page of [app, other]) {
    await expect(page.getByTestId('train-cancelled-demand')).toContainText('Training cancelled');
    await expect(page.getByTestId('train-button-demand')).toBeEnabled();
  }
  await other.close();
});

test('a training whose window closed is found running, followed and cancelled from the Models page', async ({
  app,
  server,
}) => {
  // Long enough that it is still running whatever the machine: 5,000 slow rounds.
  await startAndLeave(server, 'training.start', { spec: 'demand', params: { rounds: 5000, learningRate: 0.001 } });
  await openPage(app, 'Models');
  const progress = app.getByTestId('train-progress-demand');
  await expect(progress).toContainText(/round [\d,]+ of 5,000/, { timeout: 60_000 });
  await app.getByTestId('train-cancel-demand').click();
  await expect(app.getByTestId('train-cancelled-demand')).toContainText('Training cancelled');
  await expect(app.getByTestId('train-button-demand')).toBeEnabled();
});

test('the Forecasts page shows a 14-day demand forecast with actuals, and transit/loading forecasts with their sources', async ({
  app,
}) => {
  await openPage(app, 'Forecasts');
  await expect(app.getByTestId('forecast-demand-chart')).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('forecast-demand')).toContainText(/next 14 days: [\d,]+ t in all/);
  await expect(app.getByTestId('forecast-operational')).toContainText('Rail transit time by destination');
  await expect(app.getByTestId('forecast-operational')).toContainText(
    /Source: (transit-delay@\d+|baseline transit-delay: |historical mean — transit-delay: )/,
  );
});
