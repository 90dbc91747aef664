import { expect, test } from './fixtures';

test('the interface switches to Hindi and back, and remembers the choice', async ({ app }) => {
  await app.getByLabel('Language').selectOption('hi');
  const nav = app.getByRole('navigation', { name: 'पृष्ठ' });
  await expect(nav.getByRole('link', { name: 'योजना' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(app.getByTestId('connection-state')).toContainText('जुड़ा हुआ');
  await app.reload();
  await expect(app.getByRole('navigation', { name: 'पृष्ठ' })).toBeVisible();
  await app.getByLabel('भाषा').selectOption('en');
  await expect(app.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Plan' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
});
