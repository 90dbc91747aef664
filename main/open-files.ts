import path from 'node:path';

/** Scenario files, as saved by RakePlan and offered to the OS by the file association. */
export const SCENARIO_SUFFIX = '.rakeplan.json';

/**
 * The scenario files named on a command line. argv[0] is the executable; unpackaged, argv[1] is
 * the app folder Electron was started with. Chromium and Electron add switches (--flag=value),
 * notably in a second instance's argv, so anything starting with '-' is not a file. Relative
 * paths are taken from the launching shell's working directory.
 */
export function scenarioFilesFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string[] {
  const args = argv.slice(isPackaged ? 1 : 2);
  const files = args
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(SCENARIO_SUFFIX))
    .map((a) => path.resolve(cwd, a));
  return [...new Set(files)];
}

/** Most recent first, no duplicates, at most `max`. */
export function pushRecent(list: readonly string[], file: string, max = 10): string[] {
  return [file, ...list.filter((f) => f !== file)].slice(0, max);
}

/**
 * Files can be asked for before a window can take them (macOS sends 'open-file' before 'ready';
 * a first launch has them in argv). They wait here until the window has loaded.
 */
export class OpenFileQueue {
  private pending: string[] = [];
  private target: ((file: string) => void) | null = null;

  open(file: string): void {
    if (this.target) this.target(file);
    else this.pending.push(file);
  }

  /** The window is ready: hand over what waited, then deliver directly. */
  attach(deliver: (file: string) => void): void {
    this.target = deliver;
    const waiting = this.pending;
    this.pending = [];
    for (const f of waiting) deliver(f);
  }

  detach(): void {
    this.target = null;
  }
}
