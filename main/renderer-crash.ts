import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';

/** Reloads allowed within WINDOW_MS before we stop and leave the decision to the planner. */
const MAX_RELOADS = 3;
const WINDOW_MS = 60_000;

/**
 * Whether a crashed renderer should be reloaded: not after a clean exit (the window is closing),
 * and not a fourth time within a minute — a page that crashes on load would otherwise loop.
 */
export function shouldReload(
  reason: RenderProcessGoneDetails['reason'],
  recentCrashes: readonly number[],
  now: number,
): boolean {
  if (reason === 'clean-exit') return false;
  return recentCrashes.filter((t) => now - t < WINDOW_MS).length < MAX_RELOADS;
}

/** On a renderer crash: log it, reload the page (the data lives in the host) and tell the planner. */
export function reloadOnRendererCrash(
  win: BrowserWindow,
  notify: (win: BrowserWindow, message: string) => void,
  log: (msg: string, fields: Record<string, unknown>) => void,
): void {
  const crashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    if (win.isDestroyed()) return;
    const now = Date.now();
    const reload = shouldReload(details.reason, crashes, now);
    if (details.reason === 'clean-exit') return;
    crashes.push(now);
    log('renderer gone', { reason: details.reason, exitCode: details.exitCode, reloading: reload });
    if (reload) {
      win.webContents.reload();
      notify(
        win,
        `The RakePlan window stopped unexpectedly (${details.reason}) and was reloaded. Work already saved is kept; changes not yet saved on the last screen may need to be redone.`,
      );
    } else {
      notify(
        win,
        `The RakePlan window stopped ${MAX_RELOADS} times within a minute (${details.reason}). Close RakePlan and start it again; if it keeps happening, send the logs (Help → Open Logs) to support.`,
      );
    }
  });
}
