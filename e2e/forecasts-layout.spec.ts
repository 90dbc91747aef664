import type { WebSocketRoute } from '@playwright/test';
import { expect, openPage, test } from './fixtures';

const SLOW = new Set(['predict.demand', 'predict.operational']);

/**
 * The app's socket with the host's replies to the forecast calls held back until `release()`:
 * a machine where the forecasts arrive well after the page opens.
 */
function holdForecasts(ws: WebSocketRoute) {
  const host = ws.connectToServer();
  const slowIds = new Set<number>();
  const held: string[] = [];
  let holding = true;
  ws.onMessage((m) => {
    const msg = JSON.parse(String(m)) as { type?: string; id?: number; name?: string };
    if (msg.type === 'call' && msg.name && SLOW.has(msg.name)) slowIds.add(msg.id!);
    host.send(m);
  });
  host.onMessage((m) => {
    const msg = JSON.parse(String(m)) as { id?: number };
    if (holding && msg.id !== undefined && slowIds.has(msg.id)) held.push(String(m));
    else ws.send(m);
  });
  return {
    held: () => held.length,
    release: () => {
      holding = false;
      for (const m of held.splice(0)) ws.send(m);
    },
  };
}

test('the indent panel stays put while the forecasts arrive, and says they are loading', async ({ page, server }) => {
  let socket: ReturnType<typeof holdForecasts> | null = null;
  await page.routeWebSocket(/\/ws/, (ws) => {
    socket = holdForecasts(ws);
  });
  await page.goto(server.url);
  await expect(page.getByTestId('connection-state')).toContainText('connected');
  await openPage(page, 'Forecasts');

  const button = page.getByTestId('btn-indent');
  await expect(button).toBeVisible();
  // The indent's own scenario list (not held) sizes the row the button sits in.
  await expect(page.getByLabel('Scenario for the indent')).not.toHaveValue('');
  // Both forecasts asked for and held: the page as a planner sees it before they come.
  await expect.poll(() => socket?.held() ?? 0).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('forecast-demand-loading')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('forecast-operational-loading')).toBeVisible();
  const before = await button.boundingBox();

  socket!.release();
  await expect(page.getByTestId('forecast-demand-chart')).toBeVisible();
  await expect(page.getByTestId('forecast-operational')).toBeVisible();
  await expect(page.getByTestId('forecast-demand-loading')).toHaveCount(0);
  await expect(page.getByTestId('forecast-operational-loading')).toHaveCount(0);
  expect(await button.boundingBox()).toEqual(before);
});
