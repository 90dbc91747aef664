import { randomBytes, timingSafeEqual } from 'node:crypto';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HostMessage, HostPort } from '../../contract/protocol';
import type { HostApp } from '../app';
import type { CallTable } from '../../contract/define';
import { CONTENT_SECURITY_POLICY } from '../../contract/csp';
import { MAX_CALL_MESSAGE_BYTES } from '../../contract/limits';
import { connectionGate } from '../../contract/call-gate';
import { readFrame } from './ws-frame';

export interface BrowserServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Folder with the built renderer (index.html, assets/). */
  staticDir: string;
  /** Largest accepted WebSocket message [bytes]; by default the contract's largest call. */
  maxMessageBytes?: number;
  /** Messages a second per connection, sustained; bursts may reach twice that. */
  maxMessagesPerS?: number;
  /** Bytes a second per connection, sustained, and in a burst (by default the contract's largest call). */
  maxBytesPerS?: number;
  maxBytesBurst?: number;
  /** Open connections at once; more are refused with 503 (a window holds one). */
  maxConnections?: number;
  /** Extra HTTP routes (e.g. /metrics), checked before static files; return true when handled. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse, authorised: boolean) => boolean;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Browser mode: the renderer's static files and the contract over a WebSocket, bound to 127.0.0.1
 * only. A fresh random token per launch travels in the URL fragment (never sent in HTTP requests
 * or logs); the WebSocket upgrade must carry it and come from our own origin.
 */
export async function startBrowserServer<C extends CallTable>(
  app: HostApp<C>,
  opts: BrowserServerOptions,
): Promise<BrowserServer> {
  const token = randomBytes(24).toString('hex');
  const maxPayload = opts.maxMessageBytes ?? MAX_CALL_MESSAGE_BYTES;
  // Real path: a symlink inside the bundle is followed only to a file that is still inside it.
  const staticRoot = await fsp.realpath(path.resolve(opts.staticDir));
  let origins = new Set<string>();

  const server = http.createServer((req, res) => {
    // Every answer, errors and extra routes included, carries the same protective headers.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Only GET and HEAD are served.\n');
      return;
    }
    // A page on another name that resolves here (DNS rebinding) names itself in Host: not ours.
    if (!origins.has(`http://${req.headers.host ?? ''}`)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not served under this host name.\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (opts.routes?.(req, res, tokenMatches(bearer(req) ?? url.searchParams.get('token'), token))) return;
    serveStatic(staticRoot, url.pathname, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return reject(404, 'Not Found');
    if (!origins.has(`http://${req.headers.host ?? ''}`)) return reject(421, 'Misdirected Request');
    if (!tokenMatches(url.searchParams.get('token'), token)) return reject(401, 'Unauthorized');
    // Browsers always send Origin; a foreign page holding a leaked token is still refused.
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && !origins.has(reqOrigin)) return reject(403, 'Forbidden');
    if (wss.clients.size >= (opts.maxConnections ?? MAX_CONNECTIONS)) return reject(503, 'Service Unavailable');
    const gate = connectionGate({
      messagesPerS: opts.maxMessagesPerS,
      bytesPerS: opts.maxBytesPerS,
      bytesBurst: opts.maxBytesBurst,
    });
    wss.handleUpgrade(req, socket, head, (ws) => app.connect(wsPort(ws, gate)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  // The planner may open the printed URL with another name for the same loopback address and
  // port; any other host (a DNS-rebinding page included) stays foreign.
  origins = new Set([origin, `http://localhost:${port}`, `http://[::1]:${port}`]);
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Connections at once: each window holds one; a page opening hundreds is refused. */
const MAX_CONNECTIONS = 16;
/**
 * Answers queued for a peer that does not read them [bytes]: past this the connection is closed
 * instead of holding ever more answers in the host's memory.
 */
const MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

function wsPort(ws: WebSocket, gate: ReturnType<typeof connectionGate>): HostPort {
  // Protocol errors (oversized frame, bad UTF-8) close the socket with their code; without a
  // listener they would surface as an uncaught exception and take the host down.
  ws.on('error', () => ws.terminate());
  return {
    send(msg: HostMessage) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.close(1008, 'answers not read');
      ws.send(JSON.stringify(msg));
    },
    onMessage(listener) {
      const fn = (data: Buffer, isBinary: boolean) => {
        if (isBinary) return ws.close(1003, 'text frames only');
        const out = readFrame(data, gate);
        if ('pass' in out) listener(out.pass);
        else if ('answer' in out) ws.send(JSON.stringify(out.answer));
        else if ('close' in out) ws.close(out.close.code, out.close.reason);
      };
      ws.on('message', fn);
      return () => ws.off('message', fn);
    },
    onClose(listener) {
      ws.on('close', listener);
      return () => ws.off('close', listener);
    },
  };
}

function bearer(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : null;
}

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sent with every HTTP answer: the one CSP (core/contract/csp.ts), no MIME sniffing, no referrer. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

/** `root` is a real path; the file's real path must lie inside it (no ../, no symlink out). */
async function serveStatic(root: string, pathname: string, res: http.ServerResponse): Promise<void> {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return plain(res, 400, 'Bad request: the path is not valid percent-encoding.');
  }
  // A NUL byte makes fs throw synchronously: answer it here rather than leave the request hanging.
  if (rel.includes('\0')) return plain(res, 400, 'Bad request: the path holds a NUL byte.');
  const file = path.resolve(root, '.' + (rel === '/' ? '/index.html' : rel));
  // Refuse anything that resolves outside the renderer folder (../ tricks, encoded slashes).
  if (!inside(root, file)) return plain(res, 403, 'Forbidden.');
  let real: string;
  try {
    real = await fsp.realpath(file);
  } catch {
    return plain(res, 404, 'Not found.');
  }
  if (!inside(root, real)) return plain(res, 403, 'Forbidden.');
  const st = await fsp.stat(real);
  if (!st.isFile()) return plain(res, 404, 'Not found.');
  const body = await fsp.readFile(real);
  res.writeHead(200, { 'Content-Type': MIME[path.extname(real)] ?? 'application/octet-stream' });
  res.end(body);
}

function inside(root: string, p: string): boolean {
  return p !== root && p.startsWith(root + path.sep);
}
