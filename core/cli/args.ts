import { closestOption, GLOBAL_OPTIONS, type OptionSpec } from './options';

/** `--key value`, `--key=value`, `--flag`, positionals. Repeated keys keep the last value. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

/**
 * Parse against the command's declared options (plus the global ones): an unknown option, a
 * missing value, or a value given to a switch is a usage error naming it. Without `options`
 * (tests of one command) every `--name` is taken as written.
 */
export function parseArgs(argv: readonly string[], options?: OptionSpec): ParsedArgs {
  const known = options ? { ...GLOBAL_OPTIONS, ...options } : null;
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      flags.help = true;
      continue;
    }
    // A single-dash word (`-threads 1`) is a mistyped option, not a positional to drop silently.
    if (/^-[A-Za-z]/.test(a)) throw new CliUsageError(`unknown option ${a}; options start with --`);
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = known ? known[name] : undefined;
    if (known && !kind) {
      const near = closestOption(name, Object.keys(known));
      throw new CliUsageError(`unknown option --${name}${near ? `; did you mean --${near}?` : ''}`);
    }
    if (kind === 'boolean') {
      if (eq > 0 && !['true', 'false'].includes(a.slice(eq + 1)))
        throw new CliUsageError(`--${name} is a switch and takes no value`);
      if (eq < 0 || a.slice(eq + 1) === 'true') flags[name] = true;
      else delete flags[name];
    } else if (eq > 0) flags[name] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags[name] = argv[++i]!;
    else if (kind === 'string') throw new CliUsageError(`--${name} needs a value`);
    else flags[name] = true;
  }
  return { positionals, flags };
}

/**
 * Options of another mode or subcommand are refused, not ignored: `--edits` without `edit`, or
 * `--json` on a subcommand that prints text, would otherwise give what was not asked for.
 */
export function onlyFor(args: ParsedArgs, mode: string, allowed: readonly string[]): void {
  const stray = Object.keys(args.flags).filter((f) => !allowed.includes(f) && !(f in GLOBAL_OPTIONS));
  if (stray.length)
    throw new CliUsageError(
      `${stray.map((f) => `--${f}`).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to \`rakeplan ${mode}\` (options: ${allowed.map((a) => `--${a}`).join(' ') || 'none'})`,
    );
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

/** A whole-number option within the app's bounds, refused before the call with its name and range. */
export function wholeNumber(args: ParsedArgs, name: string, min: number, max: number, fallback: number): number {
  const n = num(args, name, fallback)!;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

/** An option that takes one of a fixed set of words. */
export function oneOf<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const v = str(args, name);
  if (v !== undefined && !(choices as readonly string[]).includes(v))
    throw new CliUsageError(`--${name} must be one of ${choices.join(', ')}, got '${v}'`);
  return v as T | undefined;
}

/** `--time-limit` [s] within the app's bounds (plans.solve): below a second the rule-based yardstick itself is cut short. */
export function checkTimeLimit(t: number): number {
  if (!(t >= 1 && t <= 3600)) throw new CliUsageError(`--time-limit must be from 1 to 3600 seconds, got ${t}`);
  return t;
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true || args.flags[name] === 'true';
}
