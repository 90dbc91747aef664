/**
 * One Content-Security-Policy for both shells: scripts and styles only from the app itself,
 * WebSocket only to loopback (browser mode), no plugins, no framing, no foreign forms.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The same policy for the renderer's `<meta http-equiv>`: the build writes it into index.html, so
 * the page carries its policy whichever way it is served, header or not. A meta policy ignores
 * frame-ancestors and warns about it.
 */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/**
 * The desktop window's policy: it reaches the host through IPC only, so no WebSocket at all. Sent
 * as a header beside the page's meta policy, which browser mode needs; both apply, the stricter wins.
 */
export const DESKTOP_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "connect-src 'self' ws://127.0.0.1:*",
  "connect-src 'self'",
);
