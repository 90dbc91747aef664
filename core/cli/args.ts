/** `--key value`, `--key=value`, `--flag`, positionals. Repeated keys keep the last value. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[a.slice(2)] = argv[++i];
      else flags[a.slice(2)] = true;
    } else positionals.push(a);
  }
  return { positionals, flags };
}

/** Typed flag readers that fail with a message naming the flag. */
export class CliUsageError extends Error {}

export function str(args: ParsedArgs, name: string, required = false): string | undefined {
  const v = args.flags[name];
  if (v === undefined) {
    if (required) throw new CliUsageError(`--${name} is required`);
    return undefined;
  }
  if (v === true) throw new CliUsageError(`--${name} needs a value`);
  return v;
}

export function num(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = str(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliUsageError(`--${name} must be a number, got '${v}'`);
  return n;
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true || args.flags[name] === 'true';
}
