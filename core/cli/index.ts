import path from 'node:path';
import { ContractError } from '../contract/errors';
import { appVersion, dataDirProblem, resolveDataDir } from '../host/paths';
import { CliUsageError, onlyFor, parseArgs, str } from './args';
import { EXIT, type CliEnv } from './command';
import { COMMANDS } from './commands';
import { COMMAND_OPTIONS, SUBCOMMAND_OPTIONS } from './options';
import { PROGRESS_OPTIONS, ProgressLine, progressWanted } from './progress';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'rakeplan — dispatch planning for an integrated steel plant',
    '',
    'Usage: rakeplan <command> [options]     (RAKEPLAN_DATA_DIR or --data-dir selects the data directory)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'rakeplan <command> --help' for a command's options.",
    '',
    `Exit codes: ${EXIT.ok} done; ${EXIT.failed} the work failed or found a problem (a check's violations, a refused`,
    `import, a failed gate); ${EXIT.usage} usage error (an unknown option, a bad value, an --out that cannot be`,
    `written); ${EXIT.interrupted} stopped by Ctrl-C. Results go to stdout (JSON with --json), an import's rejected`,
    'rows too; warnings and errors to stderr, and progress only when stderr is a terminal (--progress or',
    '--no-progress to decide). --out replaces a file whole (never half-written); its folder must exist.',
  ].join('\n');
}

const commandHelp = (c: (typeof COMMANDS)[number]) => `${c.summary}\n\nUsage: ${c.usage}`;

/** Every help text and the version, for the launcher's fast path (written to dist/cli-help.json at build). */
export function helpCatalog(): { version: string; help: string; commands: Record<string, string> } {
  return {
    version: appVersion(),
    help: help(),
    commands: Object.fromEntries(COMMANDS.map((c) => [c.name, commandHelp(c)])),
  };
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const progress = new ProgressLine(process.stderr);
  const env: CliEnv = {
    dataDir: '',
    out: (l) => {
      progress.end();
      process.stdout.write(l + '\n');
    },
    err: (l) => {
      progress.end();
      process.stderr.write(l + '\n');
    },
  };
  if (name === 'help' && rest.length > 0) {
    // `help X` is `X --help`: an unknown X is refused as `rakeplan X` would be.
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    if (rest.length > 1 || !topic) {
      env.err(`rakeplan help: no command '${rest.join(' ')}'\n\n${help()}`);
      return EXIT.usage;
    }
    env.out(commandHelp(topic));
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    env.out(help());
    return 0;
  }
  if (name === '--version') {
    env.out(appVersion());
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    env.err(`rakeplan: unknown command '${name}'\n\n${help()}`);
    return EXIT.usage;
  }
  try {
    const args = parseArgs(rest, { ...COMMAND_OPTIONS[cmd.name], ...(cmd.reportsProgress ? PROGRESS_OPTIONS : {}) });
    if (args.flags.help) {
      env.out(commandHelp(cmd));
      return 0;
    }
    const sub = args.positionals[0];
    const subOptions = sub === undefined ? undefined : SUBCOMMAND_OPTIONS[cmd.name]?.[sub];
    if (subOptions) onlyFor(args, `${cmd.name} ${sub}`, subOptions);
    const flag = str(args, 'data-dir');
    env.dataDir = resolveDataDir({ flag });
    const problem = dataDirProblem(env.dataDir);
    if (problem)
      throw new CliUsageError(
        `cannot use ${env.dataDir} as the data directory: ${problem}; point RAKEPLAN_DATA_DIR or --data-dir at a folder`,
      );
    // The environment wins (tests and scripts set it); a flag it overrides is said, not dropped.
    if (flag !== undefined && path.resolve(flag) !== env.dataDir)
      env.err(`rakeplan: RAKEPLAN_DATA_DIR is set, so --data-dir ${flag} is not used (data directory ${env.dataDir})`);
    if (cmd.reportsProgress && progressWanted(args, process.stderr.isTTY === true))
      env.progress = (l) => progress.show(l);
    return await cmd.run(args, env);
  } catch (err) {
    if (err instanceof CliUsageError) {
      env.err(`rakeplan ${name}: ${err.message}\nUsage: ${cmd.usage}`);
      return EXIT.usage;
    }
    if (err instanceof ContractError) {
      env.err(`rakeplan ${name}: ${err.code}: ${err.message}`);
      for (const i of err.issues ?? []) env.err(`  ${i.path}: ${i.message}`);
      return 1;
    }
    env.err(`rakeplan ${name}: ${(err as Error).message}`);
    return 1;
  } finally {
    progress.end();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
