import { RakeplanClient } from '../../../core/contract/client';
import { useConnection } from '../store/connection';
import { ipcTransport, takeToken, wsTransport } from './transport';

/** The renderer's one way to the backend: the preload object in Electron, a WebSocket otherwise. */
function createClient(): RakeplanClient {
  if (window.rakeplan) {
    useConnection.getState().set('open', 'electron');
    return new RakeplanClient(ipcTransport(window.rakeplan));
  }
  const token = takeToken();
  return new RakeplanClient(wsTransport(token, (s) => useConnection.getState().set(s, 'browser')));
}

export const api = createClient();

/** Read a File picked in an <input type=file> as base64, the form every import call takes. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Save bytes: the native dialog in Electron, a download in the browser. */
export async function saveBytes(suggestedName: string, base64: string): Promise<string | null> {
  if (window.rakeplan) return window.rakeplan.saveFile({ suggestedName, base64 });
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return suggestedName;
}
