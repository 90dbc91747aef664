import { contextBridge, ipcRenderer } from 'electron';
import type { MenuCommand, PreloadApi } from '../core/contract/preload-api';

// A scenario opened from the OS can arrive before the UI has subscribed: hold a few until it does.
const menuListeners = new Set<(command: MenuCommand) => void>();
const earlyMenuCommands: MenuCommand[] = [];
ipcRenderer.on('rakeplan:menu', (_event, command: MenuCommand) => {
  if (menuListeners.size === 0) {
    if (earlyMenuCommands.length < 16) earlyMenuCommands.push(command);
    return;
  }
  for (const listener of menuListeners) listener(command);
});

// The renderer's only door: one narrow object. Messages are plain data; validation happens in
// main (sender) and in the host (payload schemas).
const api: PreloadApi = {
  platform: 'electron',
  send: (msg) => ipcRenderer.send('rakeplan:send', msg),
  onMessage: (listener) => {
    const fn = (_event: unknown, msg: Parameters<typeof listener>[0]) => listener(msg);
    ipcRenderer.on('rakeplan:message', fn);
    return () => void ipcRenderer.removeListener('rakeplan:message', fn);
  },
  openFile: (options) => ipcRenderer.invoke('rakeplan:open-file', options),
  saveFile: (options) => ipcRenderer.invoke('rakeplan:save-file', options),
  onMenuCommand: (listener) => {
    menuListeners.add(listener);
    for (const command of earlyMenuCommands.splice(0)) listener(command);
    return () => void menuListeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('rakeplan', api);
