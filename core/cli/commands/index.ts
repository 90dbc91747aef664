import type { CliCommand } from '../command';
import { serveCommand } from './serve';
import { healthCommand } from './health';

/** Every `rakeplan` subcommand; one line per command. */
export const COMMANDS: CliCommand[] = [serveCommand, healthCommand];
