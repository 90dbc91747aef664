import { expect, openPage, test } from './fixtures';
import { rpc } from './rpc';

type Series = { destination: string; product: string };

test('every demand series can be picked, down to the smallest lane', async ({ app, server }) => {
  const series = await rpc<Series[]>(server, 'predict.demandSeries', {});
  await openPage(app, 'Forecasts');
  const destination = app.getByTestId('forecast-destination');
  const product = app.getByTestId('forecast-product');
  const summary = app.getByTestId('forecast-demand').locator('p').first();
  await expect(summary).toContainText(/next 14 days: [\d,]+ t in all/, { timeout: 60_000 });

  // Each destination once, its products in the second list: together, every series.
  const destinations = await destination
    .locator('option')
    .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  expect(destinations.sort()).toEqual([...new Set(series.map((s) => s.destination))].sort());

  // The smallest lane, which a list of the 80 largest left out.
  const smallest = series.at(-1)!;
  const before = await summary.textContent();
  await destination.selectOption(smallest.destination);
  await product.selectOption(smallest.product);
  await expect(product).toHaveValue(smallest.product);
  await expect(summary).not.toHaveText(before!);
  await expect(summary).toContainText(/next 14 days: [\d,]+ t in all/);
});

test("the planning day is the open scenario's first day, and the page says whose", async ({ app, server }) => {
  const [first] = await rpc<{ name: string; horizonStart: string }[]>(server, 'scenarios.list', {});
  await openPage(app, 'Forecasts');
  const day = app.getByLabel('Planning day');
  const note = app.getByTestId('forecast-planning-day-note');
  await expect(day).toHaveValue(first!.horizonStart.slice(0, 10));
  await expect(note).toContainText(`The first day of scenario “${first!.name}”: the day “Update from forecasts” asks`);
  await expect(app.getByTestId('forecast-operational')).toBeVisible({ timeout: 60_000 });
  // A day the planner picks is theirs: nothing to explain.
  await day.fill('2026-03-01');
  await expect(note).toHaveCount(0);
  await expect(day).toHaveValue('2026-03-01');
});
