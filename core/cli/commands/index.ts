import type { CliCommand } from '../command';
import { serveCommand } from './serve';
import { healthCommand } from './health';
import { planCommand } from './plan';
import { checkCommand } from './check';
import { trainCommand } from './train';
import { predictCommand } from './predict';
import { demoDataCommand } from './demo-data';
import { modelsCommand } from './models';
import { metricsCommand } from './metrics';
import { scenarioCommand } from './scenario';
import { historyCommand } from './history';
import { indentCommand } from './indent';

/** Every `rakeplan` subcommand; one line per command. */
export const COMMANDS: CliCommand[] = [
  serveCommand,
  healthCommand,
  scenarioCommand,
  planCommand,
  checkCommand,
  trainCommand,
  predictCommand,
  demoDataCommand,
  historyCommand,
  modelsCommand,
  metricsCommand,
  indentCommand,
];
