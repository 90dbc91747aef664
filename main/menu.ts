import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../core/contract/preload-api';

export type ThemeSource = 'system' | 'light' | 'dark';

export interface MenuActions {
  /** A command for the focused window's renderer (through the preload contract). */
  send(command: MenuCommand): void;
  openRecent(file: string): void;
  clearRecent(): void;
  setTheme(theme: ThemeSource): void;
  openDataFolder(): void;
  openLogs(): void;
}

export interface MenuOptions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  recent: readonly string[];
  theme: ThemeSource;
}

/**
 * The application menu as a plain template, so what a planner sees (and what a packaged build
 * hides) is tested without Electron. Standard roles give the platform's own accelerators and
 * behaviour for editing, zoom and quitting.
 */
export function buildMenuTemplate(opts: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] =
    opts.recent.length === 0
      ? [{ label: 'No recent scenarios', enabled: false }]
      : [
          ...opts.recent.map((file) => ({
            label: path.basename(file),
            toolTip: file,
            click: () => actions.openRecent(file),
          })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];
  const theme = (label: string, value: ThemeSource): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: opts.theme === value,
    click: () => actions.setTheme(value),
  });

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Scenario', accelerator: 'CmdOrCtrl+N', click: () => actions.send({ command: 'new-scenario' }) },
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.send({ command: 'import' }) },
      { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.send({ command: 'export' }) },
      { type: 'separator' },
      { label: 'Open Recent', submenu: recent },
      ...(mac
        ? []
        : [{ type: 'separator' as const }, { role: 'quit' as const, label: 'Quit', accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { label: 'Theme', submenu: [theme('Follow System', 'system'), theme('Light', 'light'), theme('Dark', 'dark')] },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Developer tools in a planner's hands only invite pasted scripts; development keeps them.
      ...(opts.isPackaged
        ? []
        : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      ...(mac ? [] : [{ role: 'about' as const, label: 'About RakePlan' }, { type: 'separator' as const }]),
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { label: 'Open Logs', click: () => actions.openLogs() },
    ],
  };
  const appMenu: MenuItemConstructorOptions[] = mac ? [{ role: 'appMenu' }] : [];
  return [...appMenu, file, edit, view, ...(mac ? [{ role: 'windowMenu' as const }] : []), help];
}
