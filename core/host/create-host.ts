import { contract, type Contract } from '../contract';
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
  return {
    app,
    services,
    close() {
      services.close();
    },
  };
}
