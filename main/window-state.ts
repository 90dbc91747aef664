import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

const savedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof savedSchema>;
export interface InitialBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** How much of the window must be on a display for the saved place to count as visible [px]. */
const MIN_VISIBLE = { width: 200, height: 100 };

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open with. The saved place is kept only if enough of it lies on a display that
 * exists now (a laptop undocked from its second monitor would otherwise open off-screen); then
 * the size is capped to that display. Otherwise the saved size, capped, opens centred on the
 * primary display (no x/y: Electron centres).
 */
export function initialBounds(
  saved: unknown,
  workAreas: Rectangle[],
  defaults: { width: number; height: number },
): InitialBounds {
  const parsed = savedSchema.safeParse(saved);
  const [primary] = workAreas;
  if (!parsed.success || !primary) return { ...defaults, maximized: false };
  const s = parsed.data;
  const home = workAreas.find((area) => {
    const o = overlap(s, area);
    return o.width >= Math.min(MIN_VISIBLE.width, s.width) && o.height >= Math.min(MIN_VISIBLE.height, s.height);
  });
  const area = home ?? primary;
  const width = Math.min(s.width, area.width);
  const height = Math.min(s.height, area.height);
  if (!home) return { width, height, maximized: s.maximized };
  // Pull it fully inside the display it is on, now that it fits.
  const x = Math.min(Math.max(s.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(s.y, area.y), area.y + area.height - height);
  return { x, y, width, height, maximized: s.maximized };
}

export function loadWindowState(
  file: string,
  workAreas: Rectangle[],
  defaults: { width: number; height: number },
): InitialBounds {
  return initialBounds(readJsonFile(file), workAreas, defaults);
}

/** Saves the window's normal (un-maximized) bounds when it moves, resizes or closes. */
export function trackWindowState(win: BrowserWindow, file: string, delayMs = 500): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    try {
      writeJsonFileAtomic(file, {
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        maximized: win.isMaximized(),
      } satisfies WindowState);
    } catch (err) {
      console.warn(`Window position not saved: ${(err as Error).message}`);
    }
  };
  // Debounced: a drag fires move events at frame rate.
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
