import { contract, type Contract } from '../contract';
import { prewarmSolver } from '../optimizer/run-solve';
import { closeModels } from '../registry/context';
import { logLine } from '../monitoring/log';
import { HostApp } from './app';
import { registerFeatures } from './features';
import { createServices, type HostMode, type HostServices } from './services';

export interface Host {
  app: HostApp<Contract>;
  services: HostServices;
  close(): void;
}

/**
 * Build the host: services (database, jobs), then every feature's handlers. Fails at start-up if
 * a call is registered twice or left without a handler.
 */
export function createHost(opts: { dataDir: string; mode: HostMode }): Host {
  const services = createServices(opts);
  const app = new HostApp(contract);
  registerFeatures(app, services);
  app.assertComplete();
  // A long-lived host keeps a pre-warmed solve worker so the planner's first solve is not V8's
  // cold start of HiGHS; tests and one-shot CLI commands keep none (no thread left behind).
  const releaseSpare = opts.mode === 'browser' || opts.mode === 'electron' ? prewarmSolver({ log: logInfo }) : () => {};
  return {
    app,
    services,
    close() {
      releaseSpare();
      closeModels(services);
      services.close();
    },
  };
}

function logInfo(msg: string): void {
  process.stderr.write(logLine('info', msg) + '\n');
}
