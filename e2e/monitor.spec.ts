import { expect, openPage, test } from './fixtures';
import { rpc } from './rpc';

test('the Monitor page shows the calls just made, with latency, and no alerts on a quiet host', async ({
  app,
  server,
}) => {
  // A call the app itself never makes, so the count is ours alone.
  for (let i = 0; i < 3; i++) await rpc(server, 'registry.getGateThresholds', {});
  // One NOT_FOUND error, on a call the app's pages never make (they do call registry.show).
  await rpc(server, 'registry.predict', { name: 'no-such-model', rows: [{ x: 1 }] }).catch(() => undefined);
  await openPage(app, 'Monitor');
  await expect(app.getByTestId('health-db')).toHaveText('ok');
  const row = app.getByTestId('call-row-registry.getGateThresholds');
  await expect(row.getByTestId('call-count')).toHaveText('3');
  await expect(app.getByTestId('call-row-registry.predict')).toContainText('1 (100.0 %)');
  await expect(app.getByTestId('chart-latency')).toBeVisible();
  await expect(app.getByTestId('alerts-none')).toBeVisible();
});

test('/metrics answers Prometheus text with the token and 401 without it', async ({ server }) => {
  await rpc(server, 'drift.getThresholds', {});
  const denied = await fetch(`${server.origin}/metrics`);
  expect(denied.status).toBe(401);
  const ok = await fetch(`${server.origin}/metrics`, { headers: { Authorization: `Bearer ${server.token}` } });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  expect(await ok.text()).toMatch(/rakeplan_calls_total\{call="drift\.getThresholds",code="ok"\} 1/);
});
