import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuOptions } from './menu';

const actions = (): MenuActions => ({
  send: vi.fn(),
  openRecent: vi.fn(),
  clearRecent: vi.fn(),
  setTheme: vi.fn(),
  openDataFolder: vi.fn(),
  openLogs: vi.fn(),
});
const options = (o: Partial<MenuOptions> = {}): MenuOptions => ({
  isPackaged: true,
  platform: 'linux',
  recent: [],
  theme: 'system',
  ...o,
});

/** Every item of the menu, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}
const byLabel = (t: MenuItemConstructorOptions[], label: string) => items(t).find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as () => void)();

describe('application menu', () => {
  it('hides developer tools and reload in a packaged app, keeps them in development', () => {
    const packaged = items(buildMenuTemplate(options({ isPackaged: true }), actions()));
    expect(packaged.some((i) => i.role === 'toggleDevTools' || i.role === 'reload' || i.role === 'forceReload')).toBe(
      false,
    );
    const dev = items(buildMenuTemplate(options({ isPackaged: false }), actions()));
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('sends File commands to the renderer with standard accelerators', () => {
    const a = actions();
    const t = buildMenuTemplate(options(), a);
    expect(byLabel(t, 'New Scenario')?.accelerator).toBe('CmdOrCtrl+N');
    click(byLabel(t, 'New Scenario'));
    click(byLabel(t, 'Import…'));
    click(byLabel(t, 'Export…'));
    expect(vi.mocked(a.send).mock.calls.map(([c]) => c.command)).toEqual(['new-scenario', 'import', 'export']);
  });

  it('lists recent scenarios by file name and opens the full path', () => {
    const a = actions();
    const t = buildMenuTemplate(
      options({ recent: ['/plans/week-49.rakeplan.json', '/plans/week-48.rakeplan.json'] }),
      a,
    );
    click(byLabel(t, 'week-48.rakeplan.json'));
    expect(a.openRecent).toHaveBeenCalledWith('/plans/week-48.rakeplan.json');
    click(byLabel(t, 'Clear Recent'));
    expect(a.clearRecent).toHaveBeenCalled();
    const empty = buildMenuTemplate(options(), a);
    expect(byLabel(empty, 'No recent scenarios')?.enabled).toBe(false);
  });

  it('offers the three themes with the current one checked, and sets the chosen one', () => {
    const a = actions();
    const t = buildMenuTemplate(options({ theme: 'dark' }), a);
    const themes = byLabel(t, 'Theme')?.submenu as MenuItemConstructorOptions[];
    expect(themes.filter((i) => i.checked).map((i) => i.label)).toEqual(['Dark']);
    click(themes.find((i) => i.label === 'Light'));
    expect(a.setTheme).toHaveBeenCalledWith('light');
  });

  it('has zoom, edit roles and Quit on Windows/Linux; the app menu holds Quit on macOS', () => {
    const roles = items(buildMenuTemplate(options(), actions())).map((i) => i.role);
    expect(roles).toEqual(
      expect.arrayContaining([
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'quit',
        'about',
      ]),
    );
    const mac = buildMenuTemplate(options({ platform: 'darwin' }), actions());
    expect(mac[0]!.role).toBe('appMenu');
    expect(items(mac).some((i) => i.role === 'quit')).toBe(false);
  });

  it('opens the data folder and the logs from Help', () => {
    const a = actions();
    const t = buildMenuTemplate(options(), a);
    click(byLabel(t, 'Open Data Folder'));
    click(byLabel(t, 'Open Logs'));
    expect(a.openDataFolder).toHaveBeenCalledTimes(1);
    expect(a.openLogs).toHaveBeenCalledTimes(1);
  });
});
