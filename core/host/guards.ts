import { logLine } from '../monitoring/log';

/**
 * A stray rejected promise or exception in some background task must not end the host that is
 * serving the planner's window: report it on stderr and keep serving. (Native aborts still end
 * the process; main restarts it.)
 */
export function installProcessGuards(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  process.on('unhandledRejection', (reason) => {
    log(logLine('error', 'unhandled rejection', { error: describe(reason) }));
  });
  process.on('uncaughtException', (err) => {
    log(logLine('error', 'uncaught exception', { error: describe(err) }));
  });
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
