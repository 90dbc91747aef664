import { z } from 'zod';

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

/** A row of cells as the models read them, with at most 1,000 columns. */
const cell = z.union([z.number(), z.string().max(10_000), z.null()]);
export const cellRow = z
  .record(z.string().max(200), cell)
  .refine((r) => Object.keys(r).length <= 1000, 'at most 1,000 columns');
