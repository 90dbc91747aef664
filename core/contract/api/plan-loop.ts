import { z } from 'zod';
import { defineCall } from '../define';
import type { Plan } from '../../domain/plan';
import type { PlanCheckResult } from './plans';

/**
 * The planner in the loop: edit a saved plan (checked and priced at once), lock decisions,
 * re-plan after a disruption, issue a plan and print its documents.
 *
 * A place a tonnage can be: `rake:R-12`, `road:SY-1:2026-11-23` (a stockyard's trucks that day)
 * or `unserved`.
 */
const place = z
  .string()
  .trim()
  .regex(
    /^(rake:[^:]+|road:[^:]+:\d{4}-\d{2}-\d{2}|unserved)$/,
    'must be rake:ID, road:STOCKYARD:YYYY-MM-DD or unserved',
  );
const code = z.string().trim().min(1, 'must not be empty').max(64);
const iso = z
  .string()
  .trim()
  .refine((s) => Number.isFinite(Date.parse(s)), 'must be an ISO timestamp');

export const planEditSchema = z.discriminatedUnion('op', [
  /** Move an order's tonnes (all of them when neither tonnes nor wagons is given) between places. */
  z
    .object({
      op: z.literal('move'),
      order: code,
      from: place,
      to: place,
      tonnes: z.number().positive('must be > 0').optional(),
      wagons: z.number().int('must be a whole number').positive('must be > 0').optional(),
      /** Stockyard to draw from when the tonnes come from `unserved` (default: the first that serves the siding and holds the product). */
      stockyard: code.optional(),
    })
    .strict(),
  /** Move a rake to another loading point and/or start time. */
  z.object({ op: z.literal('rake'), rake: code, loadingPoint: code.optional(), loadingStart: iso.optional() }).strict(),
  /** Set a road lot's tonnes (0 removes it; a new stockyard/date/order adds one). */
  z
    .object({
      op: z.literal('road'),
      order: code,
      stockyard: code,
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
      tonnes: z.number().min(0, 'must be ≥ 0'),
    })
    .strict(),
  /** Lock or unlock a rake (`rake:ID`), a road lot (`road:SY:DATE:ORDER`) or an order's assignment (`order:ID`). */
  z
    .object({
      op: z.literal('lock'),
      target: z
        .string()
        .trim()
        .regex(
          /^(rake:[^:]+|road:[^:]+:\d{4}-\d{2}-\d{2}:[^:]+|order:[^:]+)$/,
          'must be rake:ID, road:SY:DATE:ORDER or order:ID',
        ),
      locked: z.boolean().default(true),
    })
    .strict(),
]);
export type PlanEdit = z.infer<typeof planEditSchema>;
export const planEditsSchema = z.array(planEditSchema).max(10_000);

export const disruptionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rake-delayed'),
      rake: code,
      hours: z
        .number()
        .positive('must be > 0')
        .max(24 * 31),
    })
    .strict(),
  z.object({ kind: z.literal('rake-cancelled'), rake: code }).strict(),
  z
    .object({ kind: z.literal('siding-down'), loadingPoint: code, from: iso, to: iso })
    .strict()
    .refine((d) => Date.parse(d.to) > Date.parse(d.from), { message: 'must be after from', path: ['to'] }),
  /** Usable stock of a product at a stockyard is this many tonnes (lower than thought). */
  z
    .object({
      kind: z.literal('stock-lower'),
      stockyard: code,
      product: code,
      usableT: z.number().min(0, 'must be ≥ 0'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('urgent-order'),
      id: code,
      customer: z.string().trim().min(1).max(200).default('Urgent'),
      destination: code,
      product: code,
      quantityT: z.number().positive('must be > 0'),
      dueDate: iso,
      priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
      modes: z.enum(['rail', 'road', 'either']).default('either'),
      splittable: z.boolean().default(true),
    })
    .strict(),
]);
export type Disruption = z.infer<typeof disruptionSchema>;
export const disruptionsSchema = z.array(disruptionSchema).max(1000);

export interface PlanEditResult {
  plan: Plan;
  check: PlanCheckResult;
  /** Against the plan edited (the optimizer's): new − old total cost [₹] and as a share of old [%]. */
  costDelta: { rs: number; pct: number };
  /** Set when saved: the new version's id. */
  id?: string;
}

const id = z.string().trim().min(1, 'must not be empty').max(64);

export const planLoopContract = {
  'plans.edit': defineCall(
    z
      .object({
        id,
        edits: planEditsSchema,
        save: z.boolean().default(false),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
  ).returns<PlanEditResult>(),
  'plans.replan': defineCall(
    z
      .object({
        id,
        disruptions: disruptionsSchema.default([]),
        /** ₹ per changed rake assignment. */
        stabilityRs: z.number().min(0, 'must be ≥ 0').max(1e9).default(200_000),
        /** Rakes whose loading started before this are kept as they are. */
        now: iso.optional(),
        timeLimitS: z.number().min(1, 'must be ≥ 1 s').max(3600, 'must be ≤ 3600 s').default(20),
      })
      .strict(),
  ).returns<{ id: string; plan: Plan; check: PlanCheckResult }>(),
  /** Refused (CONFLICT) for a plan the checker fails; issuing an issued plan again answers when it was. */
  'plans.issue': defineCall(z.object({ id }).strict()).returns<{ issuedAt: string }>(),
  'plans.documents': defineCall(z.object({ id, format: z.enum(['xlsx', 'pdf']) }).strict()).returns<{
    fileName: string;
    mimeType: string;
    base64: string;
  }>(),
};
