import type { z } from 'zod';
import { detailOf } from './reason-error';
import { reasonText, validDetail, type ErrorReason, type RefusalDetail } from './refusals';

/**
 * Errors are data: every rejected call answers `{code, message, issues?}`, and a refusal the
 * interface words in its own language also its `reason`, `violations` and `causes` (refusals.ts).
 * Each failure kind has its own code so a client can react without parsing messages.
 */
export const ERROR_CODES = [
  'UNKNOWN_CALL', // no handler under that name
  'BAD_PAYLOAD', // the payload failed the call's schema; `issues` names each field
  'HANDLER_ERROR', // the handler threw something unexpected
  'CANCELLED', // the caller cancelled, or the connection closed
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_DATA', // well-formed payload whose content breaks a domain rule (issues name rows)
  'UNAVAILABLE', // a service (database, model, host) cannot answer now
  'LIMIT_EXCEEDED', // input too large, too many requests
  'INTERNAL', // the host or transport failed (crash, restart)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** `orders[12].quantityT` */
  path: string;
  message: string;
}

export interface ContractErrorData extends RefusalDetail {
  code: ErrorCode;
  /** In English: what the command line and logs show, and the interface when it has no detail. */
  message: string;
  issues?: FieldIssue[];
}

/** Thrown by handlers (and rethrown by clients) to answer with a specific code. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly detail?: RefusalDetail;
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[], detail?: RefusalDetail) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    if (issues && issues.length > 0) this.issues = issues;
    if (detail && Object.keys(detail).length > 0) this.detail = detail;
  }
  get reason() {
    return this.detail?.reason;
  }
  get violations() {
    return this.detail?.violations;
  }
  get causes() {
    return this.detail?.causes;
  }
  toData(): ContractErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...this.detail,
    };
  }
  /** From the wire: a detail that does not match its schema is dropped, and the English message stands. */
  static fromData(data: ContractErrorData): ContractError {
    return new ContractError(data.code, data.message, data.issues, validDetail(data));
  }
}

/** A refusal that says why as data; its message is the reasons' English unless given. */
export function refusal(code: ErrorCode, reasons: ErrorReason | ErrorReason[], message?: string): ContractError {
  const list = Array.isArray(reasons) ? reasons : [reasons];
  return new ContractError(code, message ?? list.map(reasonText).join(' '), undefined, detailOf(list));
}

/** `['orders', 12, 'quantityT']` → `orders[12].quantityT`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Zod issues → field issues with short, planner-readable messages. */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: describeIssue(issue) }));
}

/** One zod issue in plain words. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      // Zod leaves `input` out of issues unless asked; its message says what it received.
      const received = 'input' in issue ? typeOfInput(issue.input) : /received (\w+)/.exec(issue.message)?.[1];
      return received === 'undefined'
        ? 'is required'
        : `expected ${issue.expected}, got ${received ?? 'something else'}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return issue.message;
      return issue.message.startsWith('Too small')
        ? `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`
        : issue.message;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      return issue.message.startsWith('Too big')
        ? `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`
        : issue.message;
    case 'unrecognized_keys': {
      // A strict object of a hostile payload can hold a thousand unknown keys, each megabytes long:
      // the first few, cut short, fit the issue's 500 characters.
      const named = issue.keys.slice(0, 5).map((k) => (k.length > 60 ? `${k.slice(0, 60)}…` : k));
      const more = issue.keys.length - named.length;
      return `unknown field(s): ${named.join(', ')}${more > 0 ? ` … and ${more.toLocaleString('en-US')} more` : ''}`;
    }
    case 'invalid_value':
      return issue.message.startsWith('Invalid')
        ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
        : issue.message;
    default:
      return issue.message;
  }
}

function typeOfInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  return typeof input;
}

/**
 * Longest error message sent [characters]. Messages name rows, columns and files; one that echoes
 * its input (every column of a hostile header) would otherwise be megabytes, sent and logged.
 */
export const MAX_ERROR_MESSAGE_CHARS = 4_000;

/**
 * Most field issues sent with one error; the rest are counted in a last one. Each issue's path and
 * message are cut like the message: an unknown-fields issue lists every key the payload held.
 */
export const MAX_ERROR_ISSUES = 1_000;
const MAX_ISSUE_CHARS = 500;

/** Any thrown value → error data; unknown exceptions become HANDLER_ERROR with their message. */
export function toErrorData(err: unknown): ContractErrorData {
  if (err instanceof ContractError) {
    const { reason, violations, causes, ...data } = err.toData();
    // Sent only as its schema allows: the English message alone still says everything.
    return {
      ...data,
      ...validDetail({ reason, violations, causes }),
      message: capMessage(data.message),
      ...(data.issues ? { issues: capIssues(data.issues) } : {}),
    };
  }
  if (isAbortError(err)) return { code: 'CANCELLED', message: 'The call was cancelled.' };
  const message = err instanceof Error ? err.message : String(err);
  // An error that says why (reason-error.ts) keeps its reasons: a worker's refusal reaches the host so.
  const reasons = (err as { reasons?: ErrorReason[] } | null)?.reasons;
  return {
    code: 'HANDLER_ERROR',
    message: capMessage(message) || 'The handler failed without a message.',
    ...(Array.isArray(reasons) ? validDetail(detailOf(reasons)) : {}),
  };
}

function capMessage(message: string, max = MAX_ERROR_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  return `${message.slice(0, max)}… (${message.length - max} more characters)`;
}

function capIssues(issues: FieldIssue[]): FieldIssue[] {
  const kept = issues
    .slice(0, MAX_ERROR_ISSUES)
    .map((i) => ({ path: capMessage(i.path, MAX_ISSUE_CHARS), message: capMessage(i.message, MAX_ISSUE_CHARS) }));
  const left = issues.length - kept.length;
  if (left > 0) kept.push({ path: '(more)', message: `… and ${left.toLocaleString('en-US')} more issue(s)` });
  return kept;
}

export function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'AbortError';
}
