import { expect, test } from './fixtures';

// The browser itself opens the sockets, so the Origin header is the page's own, as for the app.
async function tryConnect(page: import('@playwright/test').Page, wsUrl: string): Promise<'open' | 'refused'> {
  return page.evaluate(
    (url) =>
      new Promise<'open' | 'refused'>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onerror = () => resolve('refused');
      }),
    wsUrl,
  );
}

test('a WebSocket with the right token is accepted', async ({ page, server }) => {
  await page.goto(server.origin + '/');
  expect(await tryConnect(page, `ws://${new URL(server.origin).host}/ws?token=${server.token}`)).toBe('open');
});

test('a WebSocket without the token is refused', async ({ page, server }) => {
  await page.goto(server.origin + '/');
  expect(await tryConnect(page, `ws://${new URL(server.origin).host}/ws`)).toBe('refused');
});

test('a WebSocket with a wrong token is refused', async ({ page, server }) => {
  await page.goto(server.origin + '/');
  const wrong = server.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  expect(await tryConnect(page, `ws://${new URL(server.origin).host}/ws?token=${wrong}`)).toBe('refused');
});

test('the app opened without its token says the host refused it', async ({ page, server }) => {
  await page.goto(server.origin + '/');
  await expect(page.getByTestId('connection-state')).toContainText('refused', { timeout: 20_000 });
});
