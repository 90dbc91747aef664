import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { reloadOnRendererCrash, shouldReload } from './renderer-crash';

describe('reload after a renderer crash', () => {
  it('reloads after a crash, not after a clean exit', () => {
    expect(shouldReload('crashed', [], 1_000_000)).toBe(true);
    expect(shouldReload('oom', [], 1_000_000)).toBe(true);
    expect(shouldReload('clean-exit', [], 1_000_000)).toBe(false);
  });

  it('stops after three crashes within a minute, and reloads again once they are older', () => {
    const now = 1_000_000;
    expect(shouldReload('crashed', [now - 50_000, now - 20_000], now)).toBe(true);
    expect(shouldReload('crashed', [now - 50_000, now - 20_000, now - 1_000], now)).toBe(false);
    expect(shouldReload('crashed', [now - 200_000, now - 120_000, now - 61_000], now)).toBe(true);
  });
});

describe('renderer crash handling', () => {
  it('logs each crash, reloads the page and tells the planner', () => {
    let gone: (event: unknown, details: { reason: string; exitCode: number }) => void = () => {};
    const win = {
      isDestroyed: () => false,
      webContents: { on: (_e: string, fn: typeof gone) => void (gone = fn), reload: vi.fn() },
    };
    const log = vi.fn();
    const notify = vi.fn();
    reloadOnRendererCrash(win as unknown as BrowserWindow, notify, log);
    gone({}, { reason: 'oom', exitCode: 9 });
    expect(log).toHaveBeenCalledWith('renderer gone', { reason: 'oom', exitCode: 9, reloading: true });
    expect(win.webContents.reload).toHaveBeenCalledOnce();
    expect(notify).toHaveBeenCalledOnce();
  });
});
