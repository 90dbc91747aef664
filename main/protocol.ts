import type { Protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The renderer is served from app://rakeplan/ rather than file://: a file:// page can read any
 * other file:// URL, a custom standard scheme is its own origin and reaches only dist/renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rakeplan';
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` an app:// URL names, or null when it names anything else: another host,
 * another scheme, or a path that escapes root (dot segments, encoded or not, either slash).
 */
export function resolveAppPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed %-escape
  }
  if (rel.includes('\0')) return null;
  if (rel === '' || rel === '/') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel.replace(/\\/g, '/')}`);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/** Before app 'ready': a standard, secure scheme gets an origin, so 'self' in the CSP means it. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After 'ready': serve dist/renderer, and nothing else, on app://rakeplan/. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request.url));
}

export async function appResponse(root: string, url: string): Promise<Response> {
  const file = resolveAppPath(root, url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    return new Response(await fs.readFile(file), { headers: { 'Content-Type': mimeType(file) } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
