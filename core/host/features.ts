import type { Contract } from '../contract';
import type { HostApp } from './app';
import type { HostServices } from './services';
import { registerSystem } from './system-handlers';

/** One line per feature: each registers its handlers on the shared table. */
export function registerFeatures(app: HostApp<Contract>, s: HostServices): void {
  registerSystem(app, s);
}
