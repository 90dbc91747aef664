import type { App, Session, Shell, WebContents } from 'electron';
import { DESKTOP_CONTENT_SECURITY_POLICY } from '../core/contract/csp';

/**
 * Every Electron hardening rule in one module, imported once by main/index.ts. The checks are
 * plain functions of URLs so unit tests can prove them without an Electron binary.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const;

/** Sites a planner may be sent to in the system browser; everything else is refused. */
export const EXTERNAL_URL_ALLOW_LIST = ['https://sail.co.in/', 'https://www.sail.co.in/'];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return EXTERNAL_URL_ALLOW_LIST.some((prefix) => url.href.startsWith(prefix));
}

/** Our renderer is one page; a frame is trusted only if it is that page (any hash or query). */
export function isTrustedRendererUrl(raw: string | undefined, rendererUrl: string): boolean {
  if (!raw) return false;
  try {
    const a = new URL(raw);
    const b = new URL(rendererUrl);
    return (
      // Our one page is served from app:// (main/protocol.ts): never trust a file:// page.
      a.protocol === 'app:' && a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname
    );
  } catch {
    return false;
  }
}

/** The sender of an IPC message: its frame must be the top frame of one of our windows showing our page. */
export function isTrustedSender(
  sender: { senderFrame?: { url: string; parent: unknown } | null },
  rendererUrl: string,
): boolean {
  const frame = sender.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isTrustedRendererUrl(frame.url, rendererUrl);
}

export function installSecurity(
  app: App,
  session: Session,
  shell: Pick<Shell, 'openExternal'>,
  rendererUrl: string,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CONTENT_SECURITY_POLICY] },
    });
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
