import { z } from 'zod';
import { zodIssues } from '../contract/errors';

/** The contract's planner-readable wording for one zod issue. */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  // zodIssues maps issues one to one: one in, one out.
  return zodIssues(new z.ZodError([{ ...issue, path: [] }]))[0]!.message;
}
