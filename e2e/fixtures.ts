import { test as base, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server';

/**
 * `server`: one `rakeplan serve` per Playwright worker (worker scope), with its own data directory;
 * with one worker it serves every spec file in turn, so a test counts only what it made itself.
 * `app`: a page opened on the app with the connection up.
 */
export const test = base.extend<{ app: Page }, { server: RunningServer }>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server }, use) => {
    await page.goto(server.url);
    await expect(page.getByTestId('connection-state')).toContainText('connected');
    await use(page);
  },
});

export { expect };

/** Click a page in the top navigation and wait for its heading. */
export async function openPage(page: Page, label: 'Plan' | 'Forecasts' | 'Models' | 'Monitor'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label }).click();
  await expect(page.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
}
