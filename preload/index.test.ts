import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PRELOAD_API_KEYS, type MenuCommand, type PreloadApi } from '../core/contract/preload-api';

// Electron mocked at the boundary: we keep what preload exposes and the listeners it registers.
const exposed: Record<string, unknown> = {};
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: {
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => void listeners.set(channel, fn),
    removeListener: vi.fn(),
    send: vi.fn(),
    invoke: vi.fn(),
  },
}));

describe('preload menu commands', () => {
  beforeEach(() => vi.resetModules());

  it('exposes exactly the keys of PreloadApi', async () => {
    await import('./index');
    expect(Object.keys(exposed.rakeplan as object).sort()).toEqual([...PRELOAD_API_KEYS].sort());
  });

  it('delivers commands that arrived before the page subscribed, then live ones, and stops on unsubscribe', async () => {
    await import('./index');
    const api = exposed.rakeplan as PreloadApi;
    const fromMain = (c: MenuCommand) => listeners.get('rakeplan:menu')!({}, c);
    fromMain({ command: 'open-file', name: 'w49.rakeplan.json', base64: 'e30=' });
    const got: MenuCommand[] = [];
    const off = api.onMenuCommand((c) => got.push(c));
    fromMain({ command: 'export' });
    off();
    fromMain({ command: 'import' });
    expect(got.map((c) => c.command)).toEqual(['open-file', 'export']);
  });
});
