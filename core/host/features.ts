import type { Contract } from '../contract';
import type { HostApp } from './app';
import type { HostServices } from './services';
import { registerSystem } from './handlers';
import { registerTraining } from '../training/handlers';
import { registerScenarios } from '../scenarios/handlers';
import { registerMonitoring } from '../monitoring/handlers';
import { registerRegistry } from '../registry/handlers';
import { registerPlans } from '../plans/handlers';
import { registerForecasts } from '../forecasts/handlers';
import { registerPlanLoop } from '../plans/loop-handlers';

/** One line per feature: each registers its handlers on the shared table. */
export function registerFeatures(app: HostApp<Contract>, s: HostServices): void {
  registerSystem(app, s);
  registerTraining(app, s);
  registerScenarios(app, s);
  registerMonitoring(app, s);
  registerRegistry(app, s);
  registerPlans(app, s);
  registerForecasts(app, s);
  registerPlanLoop(app, s);
}
