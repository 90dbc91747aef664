import type { Contract } from '../contract';
import type { HealthInfo } from '../contract/api/system';
import { ContractError } from '../contract/errors';
import type { HostApp } from './app';
import { currentSchemaVersion, type HostServices } from './services';

export function registerSystem(app: HostApp<Contract>, s: HostServices): void {
  app.handleAll({
    'health.get': (): HealthInfo => ({
      appVersion: s.appVersion,
      schemaVersion: currentSchemaVersion(s),
      db: s.db
        ? { status: 'ok', path: s.dbPath, journalMode: String(s.db.pragma('journal_mode', { simple: true })) }
        : {
            status: s.dbError?.kind === 'corrupt' ? 'corrupt' : 'unavailable',
            message: s.dbError?.message,
            path: s.dbPath,
          },
      dataDir: s.dataDir,
      mode: s.mode,
      pid: process.pid,
      uptimeS: Math.round((Date.now() - s.startedAt) / 1000),
    }),
    'system.sleep': async ({ ms, steps }, ctx) => {
      for (let step = 1; step <= steps; step++) {
        await abortableDelay(ms / steps, ctx.signal);
        ctx.progress({ step, of: steps });
      }
      return { sleptMs: ms };
    },
  });
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ContractError('CANCELLED', 'The call was cancelled.'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new ContractError('CANCELLED', 'The call was cancelled.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
