import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRELOAD_API_KEYS } from '../core/contract/preload-api';
import { electronBinary } from './electron-binary';

/** The desktop shell itself; run only where Electron's binary is installed (playwright.config.ts). */
const binary = electronBinary();
if (!binary)
  throw new Error('electron-smoke needs the Electron binary: playwright.config.ts leaves it out without one.');

test('the desktop window opens hardened and reaches the host', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakeplan-electron-'));
  // --no-sandbox turns off Chromium's OS-level sandbox, which containers (no user namespaces, no
  // setuid helper) cannot start; what this spec checks is the page's isolation from Node and the
  // preload surface, which the app's webPreferences set, not the OS sandbox.
  const app = await electron.launch({
    executablePath: binary,
    args: [path.join(__dirname, '..'), '--no-sandbox', '--disable-gpu'],
    env: { ...process.env, RAKEPLAN_DATA_DIR: dataDir, RAKEPLAN_NODE: process.execPath },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByTestId('connection-state')).toContainText('electron');
    // No Node in the page, and only the narrow preload object.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(
      await win.evaluate(() => Object.keys((globalThis as unknown as { rakeplan: object }).rakeplan).sort()),
    ).toEqual([...PRELOAD_API_KEYS].sort());
    // Navigation away from the app and new windows are denied.
    await win.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await expect(win.getByTestId('connection-state')).toContainText('electron');
    expect(
      await win.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/')),
    ).toBeNull();
    await win.getByRole('link', { name: 'Monitor' }).click();
    await expect(win.getByTestId('health-db')).toHaveText('ok');
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
