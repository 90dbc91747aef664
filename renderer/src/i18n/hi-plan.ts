import type { enPlan } from './en-plan';

/** Hindi messages of the Plan page. */
export const hiPlan: Record<keyof typeof enPlan, string> = {};
