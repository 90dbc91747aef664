import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadApi } from '../core/contract/preload-api';

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
};

contextBridge.exposeInMainWorld('rakeplan', api);
