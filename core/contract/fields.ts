import { z } from 'zod';
import { describeIssue } from './errors';
import { MAX_OBJECT_KEYS } from './limits';

// Bounded text fields every call shares: a window is untrusted, and an unbounded string or list
// in a payload is memory and time the host spends before any handler can refuse it.

/** A file or folder path from a payload: not empty, no NUL (Node refuses it with a raw error), at most 4,096 characters. */
export const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'may not hold a NUL character');

/** A name a payload gives: a column, model, spec, category, class, destination or product. */
export const label = z.string().min(1).max(200);

/** Up to `max` labels. */
export const labels = (max: number) => z.array(label).max(max);

/**
 * A record zod parses only after one pass over its keys and values has found nothing wrong, and
 * that pass stops at the first fault. Zod itself reports every bad key and value: a 60 MB call of
 * rows full of bad cells made millions of issues and exhausted the host's heap before it could
 * answer. Here a bad record costs one issue, naming its first bad key or value. No record may
 * allow more keys than the host reads in any object of a payload (limits.ts), or a valid payload
 * would be refused before its schema ran.
 */
export function checkedRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(
  key: K,
  value: V,
  max: { keys: number; what: string },
): z.ZodType<Record<z.output<K>, z.output<V>>, Record<z.input<K>, z.input<V>>> {
  if (max.keys > MAX_OBJECT_KEYS)
    throw new Error(
      `A record of ${max.what} allows ${max.keys} keys; a payload's objects hold at most ${MAX_OBJECT_KEYS}.`,
    );
  const firstFault = (schema: z.ZodType, input: unknown) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? null : parsed.error.issues[0]!;
  };
  return z
    .unknown()
    .superRefine((input, ctx) => {
      // Not an object: the record below names the wrong type.
      if (typeof input !== 'object' || input === null) return;
      const keys = Object.keys(input);
      if (keys.length > max.keys)
        return ctx.addIssue({ code: 'custom', message: `at most ${max.keys.toLocaleString('en-US')} ${max.what}` });
      for (const k of keys) {
        const keyFault = firstFault(key, k);
        // A key can be megabytes long: the issue names its start.
        if (keyFault) return ctx.addIssue({ code: 'custom', path: [k.slice(0, 60)], message: describeIssue(keyFault) });
        const fault = firstFault(value, (input as Record<string, unknown>)[k]);
        if (fault) return ctx.addIssue({ code: 'custom', path: [k, ...fault.path], message: describeIssue(fault) });
      }
    })
    .pipe(z.record(key, value)) as unknown as z.ZodType<
    Record<z.output<K>, z.output<V>>,
    Record<z.input<K>, z.input<V>>
  >;
}

/** A row of cells as the models read them, with at most 1,000 columns. */
const cell = z.union([z.number(), z.string().max(10_000), z.null()], {
  error: 'must be a number, text of at most 10,000 characters, or null',
});
export const cellRow = checkedRecord(z.string().max(200), cell, { keys: MAX_OBJECT_KEYS, what: 'columns' });
