import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  screen,
  shell,
  type BrowserWindowConstructorOptions,
} from 'electron';
import path from 'node:path';
import { AppShell } from './app-shell';
import { scenarioFilesFromArgv } from './open-files';
import { readPickedFile } from './read-picked-file';
import { reloadOnRendererCrash } from './renderer-crash';
import { loadWindowState, trackWindowState } from './window-state';

// Electron wiring of the desktop pieces (menu, window state, files from the OS, crash reload).
// The logic lives in the small modules imported above, each tested without Electron.

const DEFAULT_SIZE = { width: 1440, height: 900 };
const windowStateFile = (): string => path.join(app.getPath('userData'), 'window-state.json');

function commandTarget(windows: Map<number, BrowserWindow>): BrowserWindow | undefined {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused && windows.has(focused.webContents.id)) return focused;
  return [...windows.values()].find((w) => !w.isDestroyed());
}

/**
 * The host's data folder, whose logs/ holds its rakeplan.log and main's main.log: the override
 * the host honours first (core/host/paths.ts), else the user-data folder main hands it.
 */
export function hostDataDir(): string {
  return path.resolve(process.env.RAKEPLAN_DATA_DIR || app.getPath('userData'));
}

/** Call before app 'ready': macOS sends 'open-file' for a double-clicked scenario that early. */
export function createDesktopShell(windows: Map<number, BrowserWindow>, logsDir: string): AppShell {
  const desktop = new AppShell({
    userData: app.getPath('userData'),
    logsDir,
    isPackaged: app.isPackaged,
    platform: process.platform,
    setMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
    setThemeSource: (theme) => {
      nativeTheme.themeSource = theme;
    },
    addRecentDocument: (file) => app.addRecentDocument(file),
    clearRecentDocuments: () => app.clearRecentDocuments(),
    openPath: (dir) => void shell.openPath(dir),
    target: () => commandTarget(windows),
    readFile: readPickedFile,
    showError: (title, message) => dialog.showErrorBox(title, message),
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    desktop.requestOpen(file);
  });
  for (const file of scenarioFilesFromArgv(process.argv, process.cwd(), app.isPackaged)) desktop.requestOpen(file);
  return desktop;
}

/** A second launch (e.g. a double-clicked scenario) hands its files to us and focuses our window. */
export function onSecondInstance(
  desktop: AppShell,
  windows: Map<number, BrowserWindow>,
  argv: string[],
  cwd: string,
): void {
  for (const file of scenarioFilesFromArgv(argv, cwd, app.isPackaged)) desktop.requestOpen(file);
  const win = commandTarget(windows);
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
}

/** Size and place from the last session, if that place is still on a display. */
export function restoredWindowOptions(): Pick<BrowserWindowConstructorOptions, 'x' | 'y' | 'width' | 'height'> & {
  maximized: boolean;
} {
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  return loadWindowState(windowStateFile(), areas, DEFAULT_SIZE);
}

/** Once the window exists: remember its place, reload it after a crash, and feed it queued files. */
export function attachDesktop(
  desktop: AppShell,
  win: BrowserWindow,
  maximized: boolean,
  log: (msg: string, fields: Record<string, unknown>) => void,
): void {
  // Maximize before the first show (index.ts shows on ready-to-show), so it does not flash small.
  if (maximized) win.once('ready-to-show', () => win.maximize());
  trackWindowState(win, windowStateFile());
  reloadOnRendererCrash(
    win,
    (w, message) => void dialog.showMessageBox(w, { type: 'warning', title: 'RakePlan', message }),
    log,
  );
  win.webContents.once('did-finish-load', () => desktop.openQueue.attach((file) => void desktop.openScenario(file)));
  win.on('closed', () => desktop.openQueue.detach());
}
