/// <reference lib="dom" />
// Page functions below run in the browser.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The test id of the focused element (a grid cell is `cell-<row key>-<field>`). */
const focusedId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

/** What Excel puts on the clipboard, delivered as a paste on the focused cell. */
async function pasteText(page: Page, text: string) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, text);
}

test('the order grid is one tab stop with arrow keys between cells', async ({ app }) => {
  await expect(app.getByTestId('scenario-title')).toHaveText('Bokaro demo');
  const grid = app.getByRole('grid', { name: 'Orders' });
  const first = grid.locator('[data-testid$="-id"]').first();
  const firstId = (await first.getAttribute('data-testid'))!;
  await app.getByLabel('Filter Orders').focus();
  // Tab from the filter crosses the toolbar and lands on the grid's one active cell.
  for (let i = 0; i < 6 && (await focusedId(app)) !== firstId; i++) await app.keyboard.press('Tab');
  expect(await focusedId(app)).toBe(firstId);
  await app.keyboard.press('ArrowRight');
  expect(await focusedId(app)).toBe(firstId.replace(/-id$/, '-customer'));
  await app.keyboard.press('ArrowDown');
  const second = await focusedId(app);
  expect(second).toMatch(/-customer$/);
  expect(second).not.toBe(firstId.replace(/-id$/, '-customer'));
  // One more Tab leaves the grid (every cell is not a tab stop).
  await app.keyboard.press('Tab');
  expect(await focusedId(app)).not.toMatch(/^cell-/);
  // F2 edits the active cell and Escape cancels, leaving the stored value.
  await grid.locator(`[data-testid="${second}"]`).focus();
  const stored = await grid.locator(`[data-testid="${second}"]`).textContent();
  await app.keyboard.press('F2');
  await app.keyboard.type(' changed');
  await app.keyboard.press('Escape');
  await expect(grid.locator(`[data-testid="${second}"]`)).toHaveText(stored!);
});

test('paste a range copied from Excel into the order quantities, and a bad range changes nothing', async ({ app }) => {
  const grid = app.getByRole('grid', { name: 'Orders' });
  const qty = grid.locator('[data-testid$="-quantityT"]');
  await expect(qty.first()).toBeVisible();
  const ids = [(await qty.nth(0).getAttribute('data-testid'))!, (await qty.nth(1).getAttribute('data-testid'))!];
  await qty.first().click();
  await pasteText(app, '111\r\n222\r\n');
  await expect(app.getByTestId('grid-notice')).toContainText('Pasted 2 cells');
  await expect(app.getByTestId(ids[0]!)).toHaveText('111');
  await expect(app.getByTestId(ids[1]!)).toHaveText('222');

  // A range with a bad value: refused whole, with the reason; the stored values stand.
  await app.getByTestId(ids[0]!).click();
  await pasteText(app, '333\r\n-4\r\n');
  await expect(app.getByRole('tabpanel', { name: 'Orders' }).getByRole('alert')).toContainText('must be > 0');
  await expect(app.getByTestId(ids[0]!)).toHaveText('111');
  await expect(app.getByTestId(ids[1]!)).toHaveText('222');
});

test('column filter, sort by keyboard, add a row', async ({ app }) => {
  const grid = app.getByRole('grid', { name: 'Orders' });
  await expect(app.getByTestId('row-count')).toHaveText(/^\d+ rows$/);
  const total = Number((await app.getByTestId('row-count').textContent())!.split(' ')[0]);
  await app.getByRole('button', { name: 'Column filters' }).click();
  await app.getByLabel('Filter Priority').fill('1');
  await expect(app.getByTestId('row-count')).toContainText(`of ${total} rows`);
  const shown = Number((await app.getByTestId('row-count').textContent())!.split(' ')[0]);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total);
  await app.getByLabel('Filter Priority').fill('');
  // Alt+↓ sorts the active column descending.
  const qty = grid.locator('[data-testid$="-quantityT"]');
  await qty.first().click();
  await app.keyboard.press('Alt+ArrowDown');
  await expect(grid.getByRole('columnheader', { name: /Quantity/ })).toHaveAttribute('aria-sort', 'descending');
  const a = Number((await qty.nth(0).textContent())!.replaceAll(',', ''));
  const b = Number((await qty.nth(1).textContent())!.replaceAll(',', ''));
  expect(a).toBeGreaterThanOrEqual(b);
  await app.getByRole('button', { name: '+ Add row' }).click();
  await expect(app.getByTestId('row-count')).toHaveText(`${total + 1} rows`);
});
