import type { RunningWork } from './host-process';

/** The work worth asking about: a forecast read of a second or two is not (the host reports it too). */
const NAMES: Record<string, [one: string, many: string]> = {
  training: ['a training', 'trainings'],
  solve: ['a solve', 'solves'],
  import: ['a file import', 'file imports'],
  history: ['a history export or generation', 'history exports or generations'],
  batch: ['a batch scoring', 'batch scorings'],
};

/**
 * What to ask the planner before quitting, or null when nothing runs. A training goes on when its
 * window closes (any window can follow it), so quitting is the one way it ends unasked.
 */
export function quitQuestion(running: RunningWork): string | null {
  const kinds = Object.entries(running).filter(([kind, n]) => n > 0 && kind in NAMES);
  if (kinds.length === 0) return null;
  const parts = kinds.map(([kind, n]) => {
    const [one, many] = NAMES[kind]!;
    return n === 1 ? one : `${n} ${many}`;
  });
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const single = kinds.length === 1 && kinds[0]![1] === 1;
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} ${single ? 'is' : 'are'} still running. Quitting RakePlan stops ${single ? 'it' : 'them'}.`;
}

export interface QuitDeps {
  /** `app.on('before-quit', …)`. */
  onBeforeQuit(fn: (event: { preventDefault(): void }) => void): void;
  running(): RunningWork;
  /** Ask the planner; true to quit anyway. */
  confirm(question: string): boolean;
  /** Stop the host cleanly (resolves when it is gone). */
  stopHost(): Promise<void>;
  quit(): void;
  /** The planner chose to stay: give them a window to follow the work in, if none is open. */
  stay(): void;
}

/**
 * Hold the quit until the host has stopped cleanly, first asking the planner when work runs.
 * Electron quits only once `before-quit` is no longer prevented, so the handler lets the second
 * quit (issued after the host stopped) through.
 */
export function guardQuit(deps: QuitDeps): void {
  let state: 'open' | 'stopping' | 'stopped' = 'open';
  deps.onBeforeQuit((event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    const question = quitQuestion(deps.running());
    if (question && !deps.confirm(question)) return deps.stay();
    state = 'stopping';
    void deps.stopHost().finally(() => {
      state = 'stopped';
      deps.quit();
    });
  });
}
