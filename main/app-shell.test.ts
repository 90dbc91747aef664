import type { MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuCommand } from '../core/contract/preload-api';
import { tempDir } from '../tests/helpers/tmp';
import { AppShell, type ShellDeps } from './app-shell';

let cleanup = (): void => {};
afterEach(() => cleanup());

/** The shell with Electron replaced by recorders, and files "on disk" in a map. */
function harness(userData: string, files: Record<string, string> = {}) {
  const sent: unknown[] = [];
  const rec = {
    menus: [] as MenuItemConstructorOptions[][],
    themes: [] as string[],
    osRecent: [] as string[],
    errors: [] as string[],
    opened: [] as string[],
  };
  const deps: ShellDeps = {
    userData,
    logsDir: '/var/log/rakeplan',
    isPackaged: true,
    platform: 'linux',
    setMenu: (t) => void rec.menus.push(t),
    setThemeSource: (t) => void rec.themes.push(t),
    addRecentDocument: (f) => void rec.osRecent.push(f),
    clearRecentDocuments: () => void (rec.osRecent = []),
    openPath: (d) => void rec.opened.push(d),
    target: () => ({ webContents: { send: (channel, payload) => void sent.push({ channel, payload }) } }),
    readFile: async (f) => {
      if (!(f in files)) throw new Error('ENOENT: no such file');
      return { name: f.split('/').pop()!, base64: Buffer.from(files[f]!).toString('base64') };
    },
    showError: (title, message) => void rec.errors.push(`${title}: ${message}`),
  };
  return { shell: new AppShell(deps), sent, rec };
}
const submenuLabels = (menu: MenuItemConstructorOptions[], label: string): string[] => {
  const all = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    t.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
  return ((all(menu).find((i) => i.label === label)?.submenu ?? []) as MenuItemConstructorOptions[]).map(
    (i) => i.label ?? '',
  );
};

describe('desktop shell', () => {
  it('hands an OS-opened scenario to the page as bytes, once the window is ready, and remembers it', async () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const h = harness(dir, { '/plans/w49.rakeplan.json': '{"scenario":1}' });
    h.shell.start();
    h.shell.requestOpen('/plans/w49.rakeplan.json');
    expect(h.sent).toEqual([]); // no window yet
    h.shell.openQueue.attach((f) => void h.shell.openScenario(f));
    await new Promise((r) => setTimeout(r, 0));
    expect(h.sent).toEqual([
      {
        channel: 'rakeplan:menu',
        payload: {
          command: 'open-file',
          name: 'w49.rakeplan.json',
          base64: Buffer.from('{"scenario":1}').toString('base64'),
        },
      },
    ]);
    expect(h.rec.osRecent).toEqual(['/plans/w49.rakeplan.json']);
    expect(submenuLabels(h.rec.menus.at(-1)!, 'Open Recent')).toContain('w49.rakeplan.json');
  });

  it('keeps recent scenarios and the theme across restarts', async () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const first = harness(dir, { '/a.rakeplan.json': '{}' });
    first.shell.start();
    await first.shell.openScenario('/a.rakeplan.json');
    const themeItem = (
      first.rec.menus
        .at(-1)!
        .flatMap((m) => (m.submenu ?? []) as MenuItemConstructorOptions[])
        .find((i) => i.label === 'Theme')!.submenu as MenuItemConstructorOptions[]
    ).find((i) => i.label === 'Dark')!;
    (themeItem.click as () => void)();
    const second = harness(dir);
    second.shell.start();
    expect(second.shell.recent).toEqual(['/a.rakeplan.json']);
    expect(second.rec.themes).toEqual(['dark']);
  });

  it('reports a file that cannot be read and drops it from Recent', async () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const h = harness(dir, { '/gone.rakeplan.json': '{}' });
    await h.shell.openScenario('/gone.rakeplan.json');
    expect(h.shell.recent).toEqual(['/gone.rakeplan.json']);
    const missing = harness(dir); // the file has since been deleted
    await missing.shell.openScenario('/gone.rakeplan.json');
    expect(missing.rec.errors[0]).toMatch(/Cannot open scenario: \/gone.rakeplan.json[\s\S]*ENOENT/);
    expect(missing.sent).toEqual([]);
    expect(missing.shell.recent).toEqual([]);
  });

  it('refuses to send a command outside the contract', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const h = harness(dir);
    expect(() => h.shell.send({ command: 'format-disk' } as unknown as MenuCommand)).toThrow();
    expect(() => h.shell.send({ command: 'open-file', name: '', base64: '' })).toThrow();
    expect(h.sent).toEqual([]);
  });

  it('ignores a corrupt preferences file instead of failing to start', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    fs.writeFileSync(`${dir}/desktop-prefs.json`, '{"recent": 7, "theme": "neon"}');
    const h = harness(dir);
    h.shell.start();
    expect(h.shell.recent).toEqual([]);
    expect(h.rec.themes).toEqual(['system']);
  });

  it('opens the data folder and the logs folder from Help', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const h = harness(dir);
    h.shell.start();
    const help = h.rec.menus.at(-1)!.find((m) => m.role === 'help')!.submenu as MenuItemConstructorOptions[];
    for (const label of ['Open Data Folder', 'Open Logs']) (help.find((i) => i.label === label)!.click as () => void)();
    expect(h.rec.opened).toEqual([dir, '/var/log/rakeplan']);
  });
});
