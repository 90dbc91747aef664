import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers/tmp';
import { writeJsonFileAtomic } from './json-file';
import { initialBounds, loadWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const defaults = { width: 1440, height: 900 };
let cleanup = (): void => {};
afterEach(() => cleanup());

describe('window state', () => {
  it('restores the saved place when it is on a display that still exists', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000, maximized: true };
    expect(initialBounds(saved, [laptop, rightMonitor], defaults)).toEqual(saved);
  });

  it('centres on the primary display when the saved monitor is gone, keeping a size that fits', () => {
    const saved = { x: 2100, y: 100, width: 2400, height: 1300, maximized: false };
    expect(initialBounds(saved, [laptop], defaults)).toEqual({ width: 1920, height: 1050, maximized: false });
  });

  it('treats a window with only a sliver on screen as off-screen', () => {
    const saved = { x: 1900, y: 100, width: 1200, height: 800, maximized: false }; // 20 px on the laptop
    expect(initialBounds(saved, [laptop], defaults)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('pulls a partly visible window fully onto its display', () => {
    const saved = { x: -300, y: 500, width: 1200, height: 800, maximized: false };
    expect(initialBounds(saved, [laptop], defaults)).toEqual({
      x: 0,
      y: 250,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('falls back to the defaults for a missing, corrupt or tampered file', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const file = path.join(dir, 'window-state.json');
    expect(loadWindowState(file, [laptop], defaults)).toEqual({ ...defaults, maximized: false });
    fs.writeFileSync(file, '{"x": 10, "y": 1');
    expect(loadWindowState(file, [laptop], defaults)).toEqual({ ...defaults, maximized: false });
    fs.writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: -5, height: 1e3, maximized: false }));
    expect(loadWindowState(file, [laptop], defaults)).toEqual({ ...defaults, maximized: false });
  });

  it('reads back what was written atomically, leaving no temp file', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const file = path.join(dir, 'nested', 'window-state.json');
    writeJsonFileAtomic(file, { x: 10, y: 20, width: 1300, height: 850, maximized: false });
    expect(loadWindowState(file, [laptop], defaults)).toEqual({
      x: 10,
      y: 20,
      width: 1300,
      height: 850,
      maximized: false,
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });
});

describe('tracking a window', () => {
  it('saves the normal bounds and maximized flag on close, so the next start restores them', async () => {
    const { EventEmitter } = await import('node:events');
    const { trackWindowState } = await import('./window-state');
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const file = path.join(dir, 'window-state.json');
    const win = Object.assign(new EventEmitter(), {
      isDestroyed: () => false,
      isMaximized: () => true,
      getNormalBounds: () => ({ x: 40, y: 30, width: 1500, height: 950 }),
    });
    trackWindowState(win as unknown as Parameters<typeof trackWindowState>[0], file, 10_000);
    win.emit('move');
    expect(fs.existsSync(file)).toBe(false); // debounced, not written per move event
    win.emit('close');
    expect(loadWindowState(file, [laptop], defaults)).toEqual({
      x: 40,
      y: 30,
      width: 1500,
      height: 950,
      maximized: true,
    });
  });
});
