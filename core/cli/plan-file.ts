import fs from 'node:fs';
import { PLAN_FORMAT, type Plan } from '../domain/plan';
import type { CliEnv } from './command';

/** What a value is, for a message: `"x"`, `3`, `null`, a list, an object, missing. */
function shown(v: unknown): string {
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'an object';
  return JSON.stringify(v);
}

/**
 * Why a parsed file is not a plan `rakeplan plan` wrote, field by field (path and message); none
 * when it is one. A file of another format is said as that alone: its other fields say nothing.
 */
export function planFileProblems(raw: unknown): { path: string; message: string }[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [
      { path: '(root)', message: `must be a plan (an object with "format": "${PLAN_FORMAT}"), got ${shown(raw)}` },
    ];
  const plan = raw as Record<string, unknown>;
  if (plan.format !== PLAN_FORMAT)
    return [{ path: 'format', message: `must be "${PLAN_FORMAT}" (a plan rakeplan wrote), got ${shown(plan.format)}` }];
  const problems: { path: string; message: string }[] = [];
  for (const field of ['rakes', 'road'] as const) {
    const list = plan[field];
    if (!Array.isArray(list)) problems.push({ path: field, message: `must be a list, got ${shown(list)}` });
    else
      list.forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item))
          problems.push({ path: `${field}[${i}]`, message: `must be an object, got ${shown(item)}` });
      });
  }
  return problems;
}

/** A JSON file's value, or undefined once `Cannot read <what> <file>: why` is on stderr. */
export function readJsonFile(file: string, what: string, env: CliEnv): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    env.err(`Cannot read ${what} ${file}: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * A plan file for `check`, `plan edit` and `plan --base`: the plan, or null once every problem is
 * on stderr, each naming the file and the field.
 */
export function readPlanFile(file: string, env: CliEnv): Plan | null {
  const raw = readJsonFile(file, 'plan', env);
  if (raw === undefined) return null;
  const problems = planFileProblems(raw);
  for (const p of problems.slice(0, 20)) env.err(`${file}: error at ${p.path}: ${p.message}`);
  if (problems.length > 20) env.err(`${file}: … ${problems.length - 20} more`);
  return problems.length === 0 ? (raw as Plan) : null;
}
