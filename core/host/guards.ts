/**
 * A stray rejected promise or exception in some background task must not end the host that is
 * serving the planner's window: report it on stderr and keep serving. (Native aborts still end
 * the process; main restarts it.)
 */
export function installProcessGuards(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  process.on('unhandledRejection', (reason) => {
    log(JSON.stringify({ level: 'error', msg: 'unhandled rejection', error: describe(reason), at: new Date().toISOString() }));
  });
  process.on('uncaughtException', (err) => {
    log(JSON.stringify({ level: 'error', msg: 'uncaught exception', error: describe(err), at: new Date().toISOString() }));
  });
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
