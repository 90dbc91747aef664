import type { CliCommand } from '../command';
import { serveCommand } from './serve';
import { healthCommand } from './health';
import { planCommand } from './plan';
import { checkCommand } from './check';

/** Every `rakeplan` subcommand; one line per command. */
export const COMMANDS: CliCommand[] = [serveCommand, healthCommand, planCommand, checkCommand];
