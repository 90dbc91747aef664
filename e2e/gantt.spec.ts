/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Page functions below run in the browser.
import { expect, test } from './fixtures';
import { optimizeDemo } from './page-helpers';

// The demo's LP-1 holds two rakes at once (maxRakes 2), LP-2 one.
test('the loading Gantt has a lane per siding berth, dates on its axis, and rake details on focus', async ({ app }) => {
  await optimizeDemo(app);
  const view = app.getByTestId('plan-view');
  await view.getByRole('tab', { name: 'Loading Gantt' }).click();
  const gantt = view.getByTestId('plan-gantt');
  await expect(gantt.getByTestId('gantt-lane-LP-1-1')).toBeVisible();
  await expect(gantt.getByTestId('gantt-lane-LP-1-2')).toBeVisible();
  await expect(gantt.getByTestId('gantt-lane-LP-1-1')).toContainText('berth 1');
  await expect(gantt.getByTestId('gantt-lane-LP-2-1')).toBeVisible();
  await expect(gantt.getByTestId('gantt-lane-LP-2-2')).toHaveCount(0);
  // Every siding of the plant has a lane, loaded or idle.
  for (const lp of ['LP-1', 'LP-2', 'LP-3', 'LP-4', 'LP-5', 'LP-6', 'LP-7', 'LP-8'])
    await expect(gantt.getByTestId(`gantt-lane-${lp}-1`)).toBeVisible();
  // No two rakes overlap on one berth.
  const overlaps = await gantt.locator('[data-testid^="gantt-lane-"]').evaluateAll((lanes) =>
    lanes.flatMap((lane) => {
      const boxes = [...lane.querySelectorAll('[data-gantt-bar]')]
        .map((b) => b.getBoundingClientRect())
        .sort((a, b) => a.left - b.left);
      return boxes
        .slice(1)
        .filter((b, i) => b.left < boxes[i]!.right - 1)
        .map(() => lane.getAttribute('data-testid'));
    }),
  );
  expect(overlaps).toEqual([]);
  // The axis names real dates with the year in the zoom list; zooming to a day shows hours.
  await expect(gantt.getByLabel('Gantt time window')).toContainText(/\d{1,2} [A-Z][a-z]{2} 20\d\d/);
  const bars = gantt.locator('[data-gantt-bar]');
  expect(await bars.count()).toBeGreaterThan(0);
  const firstLabel = await bars.first().getAttribute('aria-label');
  expect(firstLabel).toMatch(/→ .+, placed \d{1,2} [A-Z][a-z]{2} 20\d\d, \d\d:\d\d/);
  // Keyboard: the chart is one tab stop; focus shows the rake's details, arrows move between rakes.
  await bars.first().focus();
  const firstId = (await bars.first().getAttribute('data-gantt-bar'))!;
  await expect(gantt.getByTestId('gantt-details')).toContainText(firstId);
  await app.keyboard.press('ArrowRight');
  const next = await app.evaluate(() => document.activeElement?.getAttribute('data-gantt-bar'));
  expect(next).toBeTruthy();
  expect(next).not.toBe(firstId);
  await expect(gantt.getByTestId('gantt-details')).toContainText(next!);
  await expect(gantt.locator('[data-gantt-bar][tabindex="0"]')).toHaveCount(1);
  await gantt.getByLabel('Gantt time window').selectOption({ index: 1 });
  await expect(gantt.getByText(/^\d\d:00$/).first()).toBeVisible();
});
