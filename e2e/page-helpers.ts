/// <reference lib="dom" />
// Page functions below run in the browser.
import type { Locator, Page } from '@playwright/test';
import { expect, openPage } from './fixtures';

export const PAGES = ['Plan', 'Forecasts', 'Models', 'Monitor'] as const;

/** Optimize the selected demo with a short limit and wait for its plan (a plan, not the best one). */
export async function optimizeDemo(app: Page, seconds = 5): Promise<void> {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  await app.getByLabel('Time limit in seconds').fill(String(seconds));
  await app.getByRole('button', { name: 'Optimize' }).click();
  await expect(app.getByTestId('plan-view')).toBeVisible({ timeout: 90_000 });
}

/**
 * Press Tab until `target` has the focus, as a keyboard-only user would, and return how many
 * presses it took; fails when it is not reached in `max` presses.
 */
export async function tabTo(page: Page, target: Locator, max = 150, backwards = false): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (
      await target
        .evaluate((el) => el === document.activeElement || el.contains(document.activeElement))
        .catch(() => false)
    )
      return n;
  }
  throw new Error(`Not reached by ${max} Tab presses: ${target}`);
}

/** Open a page and wait until its main content has rendered. */
export async function showPage(app: Page, name: (typeof PAGES)[number]): Promise<void> {
  await openPage(app, name);
  await expect(app.locator('main h1, main h2').first()).toBeVisible();
  await expect(app.locator('main').getByText(/^Loading…$/)).toHaveCount(0, { timeout: 60_000 });
}
