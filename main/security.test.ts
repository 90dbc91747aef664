import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DESKTOP_CONTENT_SECURITY_POLICY } from '../core/contract/csp';
import { isAllowedExternalUrl, isTrustedRendererUrl, isTrustedSender, WEB_PREFERENCES } from './security';

const renderer = 'app://rakeplan/index.html';

describe('Electron security rules', () => {
  it('keeps the renderer isolated and sandboxed', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('gives the desktop window no WebSocket: it reaches the host through IPC only', () => {
    expect(DESKTOP_CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(DESKTOP_CONTENT_SECURITY_POLICY).not.toContain('ws:');
    // Everything else as in browser mode.
    expect(DESKTOP_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", '')).toBe(
      CONTENT_SECURITY_POLICY.replace("connect-src 'self' ws://127.0.0.1:*", ''),
    );
  });

  it('trusts only our own page as an IPC sender, in the top frame', () => {
    const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    expect(isTrustedSender(frame(renderer + '#/models'), renderer)).toBe(true);
    expect(isTrustedSender(frame('file:///tmp/evil.html'), renderer)).toBe(false);
    expect(isTrustedSender(frame('https://example.com/'), renderer)).toBe(false);
    expect(isTrustedSender(frame(renderer, { url: renderer }), renderer)).toBe(false); // a sub-frame
    expect(isTrustedSender({ senderFrame: null }, renderer)).toBe(false);
  });

  it('allows navigation only within our page', () => {
    expect(isTrustedRendererUrl(renderer + '#/plan', renderer)).toBe(true);
    expect(isTrustedRendererUrl('file:///etc/passwd', renderer)).toBe(false);
    expect(isTrustedRendererUrl('javascript:alert(1)', renderer)).toBe(false);
    expect(isTrustedRendererUrl('not a url', renderer)).toBe(false);
  });

  it('opens only allow-listed https URLs in the system browser', () => {
    expect(isAllowedExternalUrl('https://www.sail.co.in/en/about')).toBe(true);
    expect(isAllowedExternalUrl('http://www.sail.co.in/')).toBe(false);
    expect(isAllowedExternalUrl('https://www.sail.co.in.evil.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@www.sail.co.in/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('smb://host/share')).toBe(false);
  });

  it('trusts our app:// page, and only on our host and path', () => {
    expect(isTrustedRendererUrl('app://rakeplan/index.html?x=1', renderer)).toBe(true);
    expect(isTrustedRendererUrl('app://evil/index.html', renderer)).toBe(false);
    expect(isTrustedRendererUrl('app://rakeplan/other.html', renderer)).toBe(false);
    expect(isTrustedRendererUrl('file:///index.html', renderer)).toBe(false);
  });

  it('never trusts a file:// page, even at the path it was given', () => {
    const file = 'file:///opt/RakePlan/resources/app.asar/dist/renderer/index.html';
    expect(isTrustedRendererUrl(file, file)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: file, parent: null } }, file)).toBe(false);
  });
});
