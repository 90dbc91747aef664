import type { App } from 'electron';

/**
 * Run `start` only in the first instance. A second launch hands its arguments to the first (its
 * `second-instance` event focuses the window) and must then stop at once: no window, no host
 * process, no IPC handlers of its own. `app.quit()` alone only schedules the quit, so the rest of
 * main would still run; exiting here ends it before anything registers.
 */
export function runAsSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit'>,
  start: () => void,
  exit: (code: number) => void = (code) => process.exit(code),
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    exit(0);
    return false;
  }
  start();
  return true;
}
