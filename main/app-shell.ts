import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { z } from 'zod';
import { menuCommandSchema, type MenuCommand, type PickedFile } from '../core/contract/preload-api';
import { readJsonFile, writeJsonFileAtomic } from './json-file';
import { buildMenuTemplate, type ThemeSource } from './menu';
import { OpenFileQueue, pushRecent } from './open-files';

const prefsSchema = z.object({
  recent: z.array(z.string().max(4096)).max(50).catch([]),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
});
type Prefs = z.infer<typeof prefsSchema>;

/** The Electron surface the shell touches, injected so the tests need no Electron. */
export interface ShellDeps {
  userData: string;
  /** The host's log folder (Help → Open Logs): its rakeplan.log and main's main.log. */
  logsDir: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  setMenu(template: MenuItemConstructorOptions[]): void;
  setThemeSource(theme: ThemeSource): void;
  addRecentDocument(file: string): void;
  clearRecentDocuments(): void;
  openPath(dir: string): void;
  /** The window menu commands go to (the focused one, else the first); undefined if none. */
  target(): { webContents: { send(channel: string, payload: unknown): void } } | undefined;
  readFile(file: string): Promise<PickedFile>;
  showError(title: string, message: string): void;
}

/**
 * The desktop parts around the window: the application menu, the theme, recent scenarios and
 * scenario files opened from the OS. Preferences live in a small JSON beside the window state.
 */
export class AppShell {
  readonly openQueue = new OpenFileQueue();
  private prefs: Prefs;
  private readonly prefsFile: string;

  constructor(private readonly deps: ShellDeps) {
    this.prefsFile = path.join(deps.userData, 'desktop-prefs.json');
    this.prefs = prefsSchema.parse(readJsonFile(this.prefsFile) ?? {});
  }

  /** Apply the saved theme and show the menu; call once the app is ready. */
  start(): void {
    this.deps.setThemeSource(this.prefs.theme);
    this.refreshMenu();
  }

  /** Ask for a scenario file to be opened; it waits in the queue until a window is attached. */
  requestOpen(file: string): void {
    this.openQueue.open(file);
  }

  /** Read the file and hand it to the renderer; remember it as recent. */
  async openScenario(file: string): Promise<void> {
    let picked: PickedFile;
    try {
      picked = await this.deps.readFile(file);
    } catch (err) {
      this.deps.showError('Cannot open scenario', `${file}\n\n${(err as Error).message}`);
      // A recent entry whose file is gone only misleads.
      if (this.prefs.recent.includes(file)) this.update({ recent: this.prefs.recent.filter((f) => f !== file) });
      return;
    }
    this.send({ command: 'open-file', name: picked.name, base64: picked.base64 });
    this.deps.addRecentDocument(file);
    this.update({ recent: pushRecent(this.prefs.recent, file) });
  }

  send(command: MenuCommand): void {
    // Main is the sender, but the channel's shape is the contract: check it here, once.
    const payload = menuCommandSchema.parse(command);
    this.deps.target()?.webContents.send('rakeplan:menu', payload);
  }

  refreshMenu(): void {
    this.deps.setMenu(
      buildMenuTemplate(
        {
          isPackaged: this.deps.isPackaged,
          platform: this.deps.platform,
          recent: this.prefs.recent,
          theme: this.prefs.theme,
        },
        {
          send: (c) => this.send(c),
          openRecent: (f) => void this.openScenario(f),
          clearRecent: () => {
            this.deps.clearRecentDocuments();
            this.update({ recent: [] });
          },
          setTheme: (theme) => {
            this.deps.setThemeSource(theme);
            this.update({ theme });
          },
          openDataFolder: () => this.deps.openPath(this.deps.userData),
          openLogs: () => this.deps.openPath(this.deps.logsDir),
        },
      ),
    );
  }

  get recent(): readonly string[] {
    return this.prefs.recent;
  }

  private update(change: Partial<Prefs>): void {
    this.prefs = { ...this.prefs, ...change };
    try {
      writeJsonFileAtomic(this.prefsFile, this.prefs);
    } catch (err) {
      console.warn(`Desktop preferences not saved: ${(err as Error).message}`);
    }
    this.refreshMenu();
  }
}
