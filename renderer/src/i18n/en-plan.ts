/** English messages of the Plan page (scenarios, optimize, plan views, the planner's edits). */
export const enPlan = {} as const;
