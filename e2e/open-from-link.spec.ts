import { expect, test } from './fixtures';

// A page opened without the launch's key says how to get in; it shows no empty lists or errors
// that would look like lost data.
test('the app opened without its token says to open the printed link, and shows no data pages', async ({
  page,
  server,
}) => {
  await page.goto(server.origin + '/');
  await expect(page.getByTestId('open-from-link')).toContainText('Open RakePlan from the link it printed');
  await expect(page.getByTestId('open-from-link')).toContainText('nothing was lost');
  await expect(page.getByText('No scenarios yet')).toHaveCount(0);
  await expect(page.getByText('INTERNAL')).toHaveCount(0);
});

test('a key of an earlier launch is refused with the same advice', async ({ page, server }) => {
  const wrong = server.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  await page.goto(`${server.origin}/#token=${wrong}`);
  await expect(page.getByTestId('open-from-link')).toContainText('key of an earlier launch', { timeout: 20_000 });
});
