import type http from 'node:http';
import type { HostServices } from '../host/services';
import { monitorFor } from './monitor';

/**
 * Browser mode's `/metrics` route for a Prometheus scraper: the same per-launch token as the app,
 * as `Authorization: Bearer <token>` or `?token=`. Anything else falls through to static files.
 */
export function metricsRoute(s: HostServices) {
  return (req: http.IncomingMessage, res: http.ServerResponse, authorised: boolean): boolean => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/metrics') return false;
    if (!authorised) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' })
        .end('A valid token is required: Authorization: Bearer <token> or /metrics?token=<token>.\n');
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : monitorFor(s).prometheus());
    return true;
  };
}
