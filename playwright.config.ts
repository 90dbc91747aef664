import { defineConfig } from '@playwright/test';
import { ELECTRON_SPEC, electronBinary } from './e2e/electron-binary';

// The desktop smoke spec needs Electron's binary, which machines without internet cannot fetch:
// without it the spec is not part of the run, and the run's output says so.
const withElectron = electronBinary() !== null;
// Said once: workers load this file too (they carry TEST_WORKER_INDEX).
if (!withElectron && process.env.TEST_WORKER_INDEX === undefined)
  console.log(
    `${ELECTRON_SPEC}: not run — Electron binary not installed (node_modules/electron/dist is missing; it is fetched on first launch, which needs internet).`,
  );

// e2e runs the renderer in Debian's Chromium against browser mode (`rakeplan serve`); each spec
// file gets its own server and data directory (see e2e/fixtures.ts). Never downloads a browser.
export default defineConfig({
  testDir: 'e2e',
  testIgnore: withElectron ? [] : [`**/${ELECTRON_SPEC}`],
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.RAKEPLAN_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
