/** How closely a plan's written figures must agree with what the checker derives. */
export const TOL_T = 0.01; // tonnes: plan figures are rounded to 1 kg
export const TOL_H = 0.02; // hours: times are written to the second
export const COST_REL = 0.005; // rule 7 (docs/plan-format.md, Rules): within 0.5 %
