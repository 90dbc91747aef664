import { z } from 'zod';
import { VIOLATION_EN, idList, type PlaceKind, type Violation, type ViolationParams } from '../domain/violations';
import { MODEL_REASON_EN, WORD_PARAMS_EN, type CodeWords } from './model-reasons';

// A refusal as data, beside its English message: a reason code with the ids and figures it names,
// the checker's violations it cites and the causes behind them. The command line and logs read the
// message; the interface writes the refusal in its own language from these
// (renderer/src/lib/refusalText.ts), falling back to the message for an error without them.

/** Each reason's and cause's English words, by code, `{name}` standing for a parameter. */
export const REASON_EN = {
  // Why a re-plan or an issue is refused (the lead of the message)
  'replan-no-candidate': 'no re-planned candidate passes the checker; the closest ({candidate}) breaks',
  'replan-kept-clash': 'the disruption makes kept decisions impossible',
  'issue-broken': "Plan '{plan}' breaks {n|# rule check|# rule checks} and cannot be issued",
  // A kept decision behind a re-plan's violations
  'kept-rake-locked': 'rake {rake} is locked (it carries {orders})',
  'kept-rake-locked-order': 'rake {rake} carries order {order}, which is locked',
  'kept-rake-started': 'rake {rake} started loading before now',
  'kept-lot-locked': 'road lot {lot} is locked (it carries {orders})',
  'kept-lot-locked-order': 'road lot {lot} carries order {order}, which is locked',
  'kept-lot-left': 'road lot {lot} left before now',
  // A kept decision the disruption makes impossible
  'clash-rake-locked':
    'rake {rake} ({change}) is locked and the disruption makes its decision impossible — unlock it first',
  'clash-rake-locked-order':
    'rake {rake} ({change}) carries locked order {order} and the disruption makes its decision impossible — unlock the order first',
  'clash-rake-started':
    'rake {rake} ({change}) started loading at {start}, before "now" ({now}), and the disruption makes its decision impossible: set "now" earlier or remove the disruption',
  'clash-lot-locked': 'road lot {lot}: locked, but the stock it draws is gone — unlock it first',
  ...MODEL_REASON_EN,
} as const;

export type ReasonCode = keyof typeof REASON_EN;

export interface ErrorReason {
  code: ReasonCode;
  /** Ids and figures as a violation's: several ids (the orders a rake carries) as a list. */
  params: ViolationParams;
}

/** What a refusal carries beside its message. */
export interface RefusalDetail {
  reason?: ErrorReason;
  /** The checker's violations the refusal names (the first few: `reason.params.more` counts the rest). */
  violations?: Violation[];
  /** What lies behind the violations or the refusal: kept decisions, each a reason. */
  causes?: ErrorReason[];
}

const PLACE_KINDS = [
  'rake',
  'order',
  'road',
  'roadLot',
  'loadingPoint',
  'stockyard',
  'product',
  'unserved',
  'field',
] as const satisfies readonly PlaceKind[];
const text = z.string().max(500);
// A list of ids is bounded by the message that joins them (2,000 characters).
const params = z.record(z.string().max(64), z.union([text, z.number(), z.array(text).max(1_000)]));
const codes = <T extends Record<string, string>>(t: T) => Object.keys(t) as [keyof T & string, ...(keyof T & string)[]];

export const errorReasonSchema = z.strictObject({ code: z.enum(codes(REASON_EN)), params });

export const violationSchema = z.strictObject({
  rule: z.number().int().min(0).max(7),
  where: text,
  message: z.string().max(2_000),
  at: z.array(z.strictObject({ kind: z.enum(PLACE_KINDS), id: text })).max(4),
  code: z.enum(codes(VIOLATION_EN)),
  params,
});

/** The detail's shape on the wire; a refusal cites a few violations and causes, never the plan's thousands. */
export const refusalDetailSchema = z.strictObject({
  reason: errorReasonSchema.optional(),
  violations: z.array(violationSchema).max(50).optional(),
  causes: z.array(errorReasonSchema).max(50).optional(),
});

/**
 * `{name}` in `template` filled from `params` (a list of ids as `idList` writes it), `{n|one|other}`
 * as the English count's words (`#` the number), as the interface's catalogues write them; an
 * unknown parameter stays visible.
 */
export function fillReason(template: string, p: ErrorReason['params']): string {
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (m, k: string, one?: string, other?: string) => {
    const v = p[k];
    if (v === undefined) return m;
    if (typeof v === 'object') return idList(v);
    if (one === undefined || other === undefined) return String(v);
    return (Number(v) === 1 ? one : other).replaceAll('#', String(v));
  });
}

/**
 * `params` with each word parameter's code (a `job`, a history `noun`) as its words in `tables`, the
 * form as many when the reason counts `n` other than 1; a code the table lacks stays as it is.
 */
export function wordParams(
  params: ErrorReason['params'],
  tables: Readonly<Record<string, Readonly<Record<string, CodeWords>>>>,
): ErrorReason['params'] {
  const many = params.n !== undefined && Number(params.n) !== 1;
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      const words = typeof v === 'string' && tables[k] && Object.hasOwn(tables[k], v) ? tables[k][v] : undefined;
      return [k, words === undefined ? v : typeof words === 'string' ? words : words[many ? 1 : 0]];
    }),
  );
}

/** A reason in English. */
export const reasonText = (r: ErrorReason): string =>
  fillReason(REASON_EN[r.code], wordParams(r.params, WORD_PARAMS_EN));

/** The detail of error data as its schema allows it; undefined when there is none or it does not match. */
export function validDetail(data: RefusalDetail): RefusalDetail | undefined {
  const { reason, violations, causes } = data;
  if (reason === undefined && violations === undefined && causes === undefined) return undefined;
  const parsed = refusalDetailSchema.safeParse(
    Object.fromEntries(Object.entries({ reason, violations, causes }).filter(([, v]) => v !== undefined)),
  );
  return parsed.success ? parsed.data : undefined;
}
