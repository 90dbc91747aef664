import { reasonText, type ErrorReason, type RefusalDetail } from './refusals';

/** Longest parameter text the detail's schema takes; the English message still says it all. */
const MAX_PARAM_CHARS = 500;

/**
 * An error that says why as data: reasons in the order its English message tells them. Thrown
 * where the model side fails, so whoever wraps it sends them along: the first as the refusal's
 * reason, the rest as its causes (errors.ts), each worded by the interface in its own language.
 */
export class ReasonError extends Error {
  readonly reasons: ErrorReason[];
  constructor(reasons: ErrorReason | ErrorReason[], message?: string) {
    const list = Array.isArray(reasons) ? reasons : [reasons];
    super(message ?? list.map(reasonText).join(' '));
    this.name = 'ReasonError';
    this.reasons = list;
  }
}

/** A parameter's text, cut to what the detail's schema takes. */
export const paramText = (s: string) => (s.length > MAX_PARAM_CHARS ? `${s.slice(0, MAX_PARAM_CHARS - 1)}…` : s);

/**
 * The reasons an error carries: a ReasonError's, a contract error's reason and causes, else its
 * text as one reason (a runtime's or a library's own words), so a wrapper's reason still leads.
 */
export function reasonsOf(err: unknown): ErrorReason[] {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    reasons?: ErrorReason[];
    reason?: ErrorReason;
    causes?: ErrorReason[];
  };
  if (Array.isArray(e.reasons)) return e.reasons;
  if (e.reason) return [e.reason, ...(e.causes ?? [])];
  return [{ code: 'error-text', params: { error: paramText(err instanceof Error ? err.message : String(err)) } }];
}

/** The reasons of a message written `${lead}: ${err.message}`. */
export const because = (lead: ErrorReason, err: unknown): ErrorReason[] => [lead, ...reasonsOf(err)];

/** The refusal detail of reasons told in order: the first leads, the rest are its causes. */
export function detailOf(reasons: readonly ErrorReason[]): RefusalDetail {
  const [reason, ...causes] = reasons;
  return reason ? { reason, ...(causes.length ? { causes } : {}) } : {};
}
