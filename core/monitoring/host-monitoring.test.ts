import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { startBrowserServer, type BrowserServer } from '../host/transports/ws-server';
import { registryFor } from '../registry/context';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { tempDir } from '../../tests/helpers/tmp';
import { metricsRoute } from './http';
import { monitorFor } from './monitor';

describe('monitoring wired into the host', () => {
  const tmp = tempDir('rp-hostmon-');
  let host: Host;
  let server: BrowserServer;

  beforeAll(async () => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    server = await startBrowserServer(host.app, { staticDir: tmp.dir, routes: metricsRoute(host.services) });
  });
  afterAll(async () => {
    await server.close();
    host.close();
    tmp.cleanup();
  });

  it('counts and times every call over a transport, with errors by code, and persists them', async () => {
    const ws = new (await import('ws')).WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    await new Promise((r) => ws.once('open', r));
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(String(d))));
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'health.get', payload: {} }));
    ws.send(JSON.stringify({ type: 'call', id: 2, name: 'health.get', payload: { bad: 1 } }));
    await new Promise<void>((r) => {
      const t = setInterval(() => {
        if (replies.length >= 2) {
          clearInterval(t);
          r();
        }
      }, 5);
    });
    ws.close();
    const o = await host.app.invoke('monitoring.overview', { minutes: 5 });
    expect(o.byCall.find((c) => c.key === 'health.get')).toMatchObject({ count: 2, errors: 1, errorRate: 0.5 });
    expect(o.calls.at(-1)!.count).toBeGreaterThanOrEqual(2);
    monitorFor(host.services).flush();
    const n = host.services
      .requireDb()
      .prepare(`SELECT SUM(count) AS n FROM metric_points WHERE kind = 'call' AND key = 'health.get'`)
      .get() as { n: number };
    expect(n.n).toBe(2);
  });

  it("leaves a planner's cancels out of the optimizer success rate", async () => {
    const monitor = monitorFor(host.services);
    const outcomes = ['solved', 'solved', 'solved', 'solved', 'solved', 'fallback', 'cancelled'];
    for (const key of outcomes) monitor.record('optimizer', key, { ms: 1000, ok: key === 'solved' });
    const { optimizer } = await host.app.invoke('monitoring.overview', { minutes: 5 });
    expect(optimizer.runs).toBe(6);
    expect(optimizer.successRate).toBeCloseTo(5 / 6);
    expect(optimizer.byOutcome.find((o) => o.key === 'cancelled')?.count).toBe(1);
  });

  it('writes the last points at close: a host reopened on the data folder reads them', async () => {
    const dir = path.join(tmp.dir, 'closing');
    const first = createHost({ dataDir: dir, mode: 'test' });
    const s = await startBrowserServer(first.app, { staticDir: tmp.dir });
    const ws = new (await import('ws')).WebSocket(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
    await new Promise((r) => ws.once('open', r));
    const answered = new Promise((r) => ws.once('message', r));
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'scenarios.list', payload: {} }));
    await answered;
    ws.close();
    await s.close();
    first.close(); // within the 5 s between flushes
    const second = createHost({ dataDir: dir, mode: 'test' });
    try {
      const n = second.services
        .requireDb()
        .prepare(`SELECT SUM(count) AS n FROM metric_points WHERE kind = 'call' AND key = 'scenarios.list'`)
        .get() as { n: number };
      expect(n.n).toBe(1);
    } finally {
      second.close();
    }
  });

  it('serves Prometheus text at /metrics only with the token', async () => {
    const get = (p: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: server.port, path: p, headers }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          })
          .on('error', reject);
      });
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics?token=wrong')).status).toBe(401);
    const ok = await get('/metrics', { Authorization: `Bearer ${server.token}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/rakeplan_calls_total\{call="health\.get",code="ok"\} 1/);
    expect(ok.body).toMatch(/rakeplan_calls_total\{call="health\.get",code="BAD_PAYLOAD"\} 1/);
    expect((await get(`/metrics?token=${server.token}`)).status).toBe(200);
  });

  it('samples prediction inputs and reports drift against the production reference', async () => {
    const m = trainTestModel(tmp.dir, { rounds: 20, tag: 'drift' });
    const reg = registryFor(host.services);
    const v = reg.registerDir(m.dir, { table: m.table });
    await host.app
      .invoke('registry.promote', {
        name: 'transit-delay',
        version: v.version,
        override: { reason: 'drift test setup' },
      })
      .catch(async () => undefined);
    expect(reg.store.alias('transit-delay', 'production')).toBe(v.version);
    const few = await host.app.invoke('drift.run', { name: 'transit-delay' });
    expect(few[0]!.status).toBe('no-data');
    // Inputs far outside training: a in 0–10 in training, here 50–60; lanes all WEST-2.
    for (let i = 0; i < 12; i++) {
      const rows = Array.from({ length: 20 }, (_, k) => ({
        date: '2025-01-05',
        a: 50 + ((i * 20 + k) % 10),
        b: 0,
        noise: 0.5,
        lane: 'WEST-2',
      }));
      await host.app.invoke('registry.predict', { name: 'transit-delay', rows });
    }
    const [rep] = await host.app.invoke('drift.run', { name: 'transit-delay' });
    expect(rep!.status).toBe('drift');
    const a = rep!.features.find((f) => f.feature === 'a')!;
    expect(a.status).toBe('drift');
    expect(a.ks!.pValue).toBeLessThan(1e-6);
    expect(rep!.features.find((f) => f.feature === 'lane')!.status).toBe('drift');
    const o = await host.app.invoke('monitoring.overview', { minutes: 5 });
    expect(o.alerts.some((x) => x.ruleId === 'drift' && x.model === 'transit-delay')).toBe(true);
    expect(o.inference.find((x) => x.key === `transit-delay@${v.version}`)!.count).toBe(12);
    expect(o.models.find((x) => x.alias === 'production')).toMatchObject({ name: 'transit-delay', status: 'loaded' });
  });
});
