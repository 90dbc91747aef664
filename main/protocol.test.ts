import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers/tmp';
import { APP_RENDERER_URL, appResponse, mimeType, resolveAppPath } from './protocol';

const root = path.resolve('/opt/RakePlan/resources/app.asar/dist/renderer');
let cleanup = (): void => {};
afterEach(() => cleanup());

describe('app:// protocol', () => {
  it('maps our URLs to files under dist/renderer', () => {
    expect(resolveAppPath(root, APP_RENDERER_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://rakeplan/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://rakeplan/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://rakeplan/assets/my%20font.woff2')).toBe(
      path.join(root, 'assets', 'my font.woff2'),
    );
  });

  it('refuses every way out of the folder', () => {
    // Dot segments, plain or %2e, are resolved by the URL parser at the root: they stay inside.
    expect(resolveAppPath(root, 'app://rakeplan/../../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppPath(root, 'app://rakeplan/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    // An encoded slash or backslash hides them from the parser; decoded, they would escape.
    for (const url of [
      'app://rakeplan/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://rakeplan/..%5c..%5cwindows%5cwin.ini',
      'app://rakeplan/..%2f',
      'app://rakeplan/index.html%00.png',
      'app://rakeplan/%E0%A4%A',
    ])
      expect(resolveAppPath(root, url), url).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///opt/RakePlan/resources/app.asar/dist/renderer/index.html')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });

  it('names the content types the page needs', () => {
    expect(mimeType('index.html')).toMatch(/^text\/html/);
    expect(mimeType('a.JS')).toMatch(/^text\/javascript/);
    expect(mimeType('a.css')).toMatch(/^text\/css/);
    expect(mimeType('x.wasm')).toBe('application/wasm');
    expect(mimeType('x.bin')).toBe('application/octet-stream');
  });

  it('serves a file with its type, and 404 for a missing or refused one', async () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    const ok = await appResponse(path.join(dir, 'renderer'), APP_RENDERER_URL);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await ok.text()).toBe('<!doctype html>');
    expect((await appResponse(path.join(dir, 'renderer'), 'app://rakeplan/missing.js')).status).toBe(404);
    const escape = await appResponse(path.join(dir, 'renderer'), 'app://rakeplan/%2e%2e/secret.txt');
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('outside');
  });
});
