import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
} from 'electron';
import path from 'node:path';
import { isClientMessage } from '../core/contract/protocol';
import { JsonLog } from '../core/monitoring/log';
import { attachDesktop, createDesktopShell, hostDataDir, onSecondInstance, restoredWindowOptions } from './desktop';
import { openFile, saveFile } from './dialogs';
import { HostProcess } from './host-process';
import { APP_RENDERER_URL, registerAppScheme, serveRenderer } from './protocol';
import { guardQuit } from './quit';
import { installSecurity, isTrustedSender, WEB_PREFERENCES } from './security';
import { windowCallGate } from './ipc-gate';
import { runAsSingleInstance } from './single-instance';

// main/ is a relay: windows ↔ the core host (utilityProcess). No business logic lives here.
const distDir = path.join(__dirname, '..');
const rendererUrl = APP_RENDERER_URL;
registerAppScheme(protocol);

app.enableSandbox();
// A second instance quits before registering anything (main/single-instance.ts).
runAsSingleInstance(app, startMain);

/** Everything the first instance sets up: the host process, IPC, windows, menu, app events. */
function startMain(): void {
  const windows = new Map<number, BrowserWindow>();
  // A packaged app's stdout and stderr go nowhere: main's own events go beside the host's log.
  const log = new JsonLog(hostDataDir(), { name: 'main.log' });
  const desktop = createDesktopShell(windows, path.dirname(log.file));
  const host = new HostProcess(
    path.join(distDir, 'host', 'utility.js'),
    { RAKEPLAN_USER_DATA: app.getPath('userData') },
    (conn, msg) => {
      const win = windows.get(conn);
      if (win && !win.isDestroyed()) win.webContents.send('rakeplan:message', msg);
    },
    {
      log: (level, msg, fields) => log.log(level, msg, fields),
      onGiveUp: () =>
        dialog.showErrorBox(
          'RakePlan',
          `The RakePlan host stopped and could not be restarted, so RakePlan cannot read or save data. Close RakePlan and start it again; if it keeps happening, send ${log.file} to support.`,
        ),
    },
  );

  const gate = windowCallGate();

  function createWindow(): void {
    const { maximized, ...bounds } = restoredWindowOptions();
    const win = new BrowserWindow({
      ...bounds,
      minWidth: 1024,
      minHeight: 640,
      title: 'RakePlan',
      show: false,
      webPreferences: { ...WEB_PREFERENCES, preload: path.join(distDir, 'preload', 'index.js') },
    });
    const conn = win.webContents.id;
    windows.set(conn, win);
    win.on('closed', () => {
      windows.delete(conn);
      gate.forget(conn);
      host.closeConnection(conn);
    });
    attachDesktop(desktop, win, maximized, (msg, fields) => log.log('error', msg, fields));
    win.once('ready-to-show', () => win.show());
    void win.loadURL(rendererUrl);
  }

  function trusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    return isTrustedSender(event, rendererUrl) && windows.has(event.sender.id);
  }

  ipcMain.on('rakeplan:send', (event, msg: unknown) => {
    if (!trusted(event) || !isClientMessage(msg)) return;
    const refused = gate(event.sender.id, msg);
    if (refused === null) host.send(event.sender.id, msg);
    else if (refused !== 'drop') event.sender.send('rakeplan:message', refused);
  });
  ipcMain.handle('rakeplan:open-file', (event, opts: unknown) => {
    if (!trusted(event)) throw new Error('Refused: untrusted sender.');
    return openFile(windows.get(event.sender.id)!, opts);
  });
  ipcMain.handle('rakeplan:save-file', (event, opts: unknown) => {
    if (!trusted(event)) throw new Error('Refused: untrusted sender.');
    return saveFile(windows.get(event.sender.id)!, opts);
  });

  app.whenReady().then(() => {
    installSecurity(app, session.defaultSession, shell, rendererUrl);
    serveRenderer(protocol, path.join(distDir, 'renderer'));
    host.start();
    desktop.start();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('second-instance', (_event, argv, workingDirectory) =>
    onSecondInstance(desktop, windows, argv, workingDirectory),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  guardQuit({
    onBeforeQuit: (fn) => void app.on('before-quit', fn),
    running: () => host.running(),
    confirm: (message) =>
      dialog.showMessageBoxSync({
        type: 'warning',
        title: 'RakePlan',
        message,
        buttons: ['Quit', 'Keep RakePlan open'],
        defaultId: 1,
        cancelId: 1,
      }) === 0,
    stopHost: () => host.stop(),
    quit: () => app.quit(),
    stay: () => {
      if (windows.size === 0) createWindow();
    },
  });
}
