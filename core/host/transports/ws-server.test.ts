import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../../../tests/helpers/tmp';
import { createHost, type Host } from '../create-host';
import { CONTENT_SECURITY_POLICY } from '../../contract/csp';
import { startBrowserServer, type BrowserServer } from './ws-server';

let host: Host;
let server: BrowserServer;
let tmp: ReturnType<typeof tempDir>;
let staticDir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir();
  staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir.dir, 'index.html'), '<!doctype html><title>RakePlan</title>');
  host = createHost({ dataDir: tmp.dir, mode: 'test' });
  server = await startBrowserServer(host.app, {
    staticDir: staticDir.dir,
    maxMessageBytes: 64 * 1024,
    maxMessagesPerS: 50,
  });
});
afterAll(async () => {
  await server.close();
  host.close();
  tmp.cleanup();
  staticDir.cleanup();
});

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(method: string, p: string, port = server.port): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${p}: no answer within 3 s`)));
    req.on('error', reject);
    req.end();
  });
}

function get(p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path: p }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on('error', reject);
  });
}

describe('browser-mode server', () => {
  it('binds to loopback and puts the token in the URL fragment', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[0-9a-f]{48}$`));
  });

  it('serves calls to a client holding the token', async () => {
    const ws = await connect(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    const reply = await new Promise<{ type: string; result: { db: { status: string } } }>((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString())));
      ws.send(JSON.stringify({ type: 'call', id: 1, name: 'health.get', payload: {} }));
    });
    ws.close();
    expect(reply.type).toBe('reply');
    expect(reply.result.db.status).toBe('ok');
  });

  it('answers only under its own loopback names: another Host (a rebinding page) gets 421', async () => {
    const ask = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: server.port, path: '/', headers: { Host: host } }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          })
          .on('error', reject);
      });
    expect(await ask(`127.0.0.1:${server.port}`)).toBe(200);
    expect(await ask(`localhost:${server.port}`)).toBe(200);
    expect(await ask(`evil.example:${server.port}`)).toBe(421);
    expect(await ask('127.0.0.1:1')).toBe(421);
    await expect(connect(`?token=${server.token}`, { Host: `evil.example:${server.port}` })).rejects.toThrow(
      'HTTP 421',
    );
  });

  it('refuses a missing token, a wrong token and a foreign origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${'0'.repeat(48)}`)).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${server.token}`, { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('by default takes a scenario file as large as the contract allows, and answers it', async () => {
    const wide = await startBrowserServer(host.app, { staticDir: staticDir.dir });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${wide.port}/ws?token=${wide.token}`);
      await new Promise((resolve) => ws.once('open', resolve));
      // 36 MB of base64, more than a 32 MiB frame: the import reads it and
      // refuses it as no scenario file, over a connection that stays open.
      const dataBase64 = 'A'.repeat(36_000_000);
      const reply = await new Promise<{ type: string; error?: { code: string } }>((resolve) => {
        ws.once('message', (d) => resolve(JSON.parse(d.toString())));
        ws.once('close', (code) => resolve({ type: `closed ${code}` }));
        const payload = { fileName: 'orders.json', dataBase64 };
        ws.send(JSON.stringify({ type: 'call', id: 1, name: 'scenarios.import', payload }));
      });
      expect(reply.type).toBe('error');
      expect(reply.error?.code).toBe('INVALID_DATA');
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
    } finally {
      await wide.close();
    }
  });

  it('refuses a health.get of half a million keys unread, then answers the next call on the same connection', async () => {
    const wide = await startBrowserServer(host.app, { staticDir: staticDir.dir });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${wide.port}/ws?token=${wide.token}`);
      await new Promise((resolve) => ws.once('open', resolve));
      const keys = Array.from({ length: 500_000 }, (_, i) => `"k${i}":0`).join(',');
      const huge = `{"type":"call","id":1,"name":"health.get","payload":{${keys}}}`;
      const answers: { id: number; type: string; error?: { code: string; message: string } }[] = [];
      const both = new Promise<void>((resolve) => {
        ws.on('message', (d) => answers.push(JSON.parse(d.toString())) === 2 && resolve());
        ws.once('close', () => resolve());
      });
      ws.send(huge);
      ws.send(JSON.stringify({ type: 'call', id: 2, name: 'health.get', payload: {} }));
      await both;
      expect(answers[0]).toEqual({
        type: 'error',
        id: 1,
        error: {
          code: 'LIMIT_EXCEEDED',
          message: `The 'health.get' call is ${Buffer.byteLength(huge).toLocaleString('en-US')} bytes; it takes at most 16,384 bytes.`,
        },
      });
      expect(answers[1]).toMatchObject({ type: 'reply', id: 2, result: { db: { status: 'ok' } } });
      ws.close();
    } finally {
      await wide.close();
    }
  });

  it('answers a burst of large calls beyond the byte budget with LIMIT_EXCEEDED, the connection open', async () => {
    const tight = await startBrowserServer(host.app, {
      staticDir: staticDir.dir,
      maxBytesPerS: 1,
      maxBytesBurst: 100_000,
    });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${tight.port}/ws?token=${tight.token}`);
      await new Promise((resolve) => ws.once('open', resolve));
      const answers: { id: number; error?: { code: string; message: string } }[] = [];
      const all = new Promise<void>((resolve) => {
        ws.on('message', (d) => answers.push(JSON.parse(d.toString())) === 5 && resolve());
      });
      // 30 KB each, an unknown scenario: the first three are answered by the host, the rest refused.
      const payload = { id: 'no-such-scenario', edits: [], name: 'x'.repeat(30_000) };
      for (let id = 1; id <= 5; id++) ws.send(JSON.stringify({ type: 'call', id, name: 'plans.edit', payload }));
      await all;
      const byId = new Map(answers.map((a) => [a.id, a.error?.message ?? 'reply']));
      expect([4, 5].map((id) => byId.get(id))).toEqual([
        'Too much data on this connection; slow down.',
        'Too much data on this connection; slow down.',
      ]);
      expect([1, 2, 3].map((id) => byId.get(id))).not.toContain('Too much data on this connection; slow down.');
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
    } finally {
      await tight.close();
    }
  });

  it('closes a connection that sends an oversized or malformed message', async () => {
    const big = await connect(`?token=${server.token}`);
    const bigClosed = new Promise<number>((r) => big.once('close', (code) => r(code)));
    big.send('x'.repeat(100 * 1024));
    expect(await bigClosed).toBe(1009);
    const bad = await connect(`?token=${server.token}`);
    const badClosed = new Promise<number>((r) => bad.once('close', (code) => r(code)));
    bad.send('{not json');
    expect(await badClosed).toBe(1007);
  });

  it('answers a frame that is no call but carries an id, and closes one without an id', async () => {
    const ws = await connect(`?token=${server.token}`);
    const answer = new Promise<{ id: number; error: { code: string } }>((r) =>
      ws.once('message', (d) => r(JSON.parse(d.toString()))),
    );
    ws.send(JSON.stringify({ type: 'call', id: 7, name: 'x'.repeat(200), payload: {} }));
    expect(await answer).toMatchObject({ type: 'error', id: 7, error: { code: 'BAD_PAYLOAD' } });
    for (const frame of ['42', 'null', JSON.stringify({ type: 'call', id: 1.5, name: 'health.get' })]) {
      const c = await connect(`?token=${server.token}`);
      const closed = new Promise<number>((r) => c.once('close', (code) => r(code)));
      c.send(frame);
      expect(await closed, frame).toBe(1008);
    }
    ws.close();
  });

  it('refuses connections past its limit with 503', async () => {
    const capped = await startBrowserServer(host.app, { staticDir: staticDir.dir, maxConnections: 2 });
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${capped.port}/ws?token=${capped.token}`);
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        ws.once('error', reject);
      });
    try {
      const held = [await open(), await open()];
      await expect(open()).rejects.toThrow('HTTP 503');
      for (const ws of held) ws.close();
    } finally {
      await capped.close();
    }
  });

  it('answers calls beyond the per-connection rate with LIMIT_EXCEEDED', async () => {
    const ws = await connect(`?token=${server.token}`);
    const codes: string[] = [];
    const done = new Promise<void>((resolve) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString());
        codes.push(m.type === 'reply' ? 'ok' : m.error.code);
        if (codes.length === 300) resolve();
      });
    });
    for (let id = 1; id <= 300; id++) ws.send(JSON.stringify({ type: 'call', id, name: 'health.get', payload: {} }));
    await done;
    ws.close();
    // Burst of 100 (2 × 50/s) then refusals: sent in well under a second, most of the rest are refused.
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(100);
    expect(codes.filter((c) => c === 'LIMIT_EXCEEDED').length).toBeGreaterThan(100);
  });

  it('serves only files inside the renderer folder', async () => {
    expect(await get('/')).toBe(200);
    expect(await get('/missing.js')).toBe(404);
    // The URL parser folds %2e%2e into '..' first, so this one lands inside the root: a 404.
    expect(await get('/%2e%2e/%2e%2e/etc/passwd')).toBe(404);
    expect(await get('/..%2f..%2fetc%2fpasswd')).toBe(403);
  });

  it('answers a NUL byte in the path with 400 at once instead of leaving the request hanging', async () => {
    const a = await request('GET', '/%00');
    expect([a.status, a.body]).toEqual([400, 'Bad request: the path holds a NUL byte.\n']);
  });

  it('serves GET and HEAD only: anything else is 405 with Allow', async () => {
    expect((await request('HEAD', '/')).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const a = await request(method, '/');
      expect([method, a.status, a.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
    }
  });

  it('puts nosniff and the one CSP on every answer, errors and extra routes included', async () => {
    const extra = await startBrowserServer(host.app, {
      staticDir: staticDir.dir,
      routes: (req, res) => (req.url === '/metrics' ? (res.writeHead(401).end(), true) : false),
    });
    try {
      const answers = [
        await request('GET', '/'),
        await request('GET', '/missing.js'),
        await request('GET', '/..%2f..%2fetc%2fpasswd'),
        await request('GET', '/%00'),
        await request('GET', '/%E0%A4%A'),
        await request('POST', '/'),
        await request('GET', '/metrics', extra.port),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 404, 403, 400, 400, 405, 401]);
      for (const a of answers) {
        expect(a.headers['x-content-type-options']).toBe('nosniff');
        expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      }
    } finally {
      await extra.close();
    }
  });

  it('does not follow a symlink out of the renderer folder', async () => {
    const outside = tempDir();
    try {
      fs.writeFileSync(path.join(outside.dir, 'secret.txt'), 'not for the browser');
      fs.symlinkSync(path.join(outside.dir, 'secret.txt'), path.join(staticDir.dir, 'leak.txt'));
      fs.symlinkSync(outside.dir, path.join(staticDir.dir, 'leakdir'));
      fs.writeFileSync(path.join(staticDir.dir, 'real.js'), 'ok');
      fs.symlinkSync(path.join(staticDir.dir, 'real.js'), path.join(staticDir.dir, 'alias.js'));
      expect((await request('GET', '/leak.txt')).status).toBe(403);
      expect((await request('GET', '/leakdir/secret.txt')).status).toBe(403);
      // A link that stays inside the bundle is still served.
      expect((await request('GET', '/alias.js')).body).toBe('ok');
    } finally {
      outside.cleanup();
    }
  });

  it('accepts the loopback names of its own address and port as Origin, and nothing else', async () => {
    for (const origin of [
      `http://127.0.0.1:${server.port}`,
      `http://localhost:${server.port}`,
      `http://[::1]:${server.port}`,
    ]) {
      const ws = await connect(`?token=${server.token}`, { Origin: origin });
      ws.close();
    }
    for (const origin of [
      `http://localhost:${server.port + 1}`,
      `https://localhost:${server.port}`,
      `http://localhost.evil.example:${server.port}`,
      'null',
    ]) {
      await expect(connect(`?token=${server.token}`, { Origin: origin }), origin).rejects.toThrow('HTTP 403');
    }
  });
});
