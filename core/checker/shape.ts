import type { PlacePart, ViolationCode } from '../domain/violations';

type Problem = { at: PlacePart[]; code: ViolationCode };
const field = (id: string, code: ViolationCode): Problem => ({ at: [{ kind: 'field', id }], code });

/**
 * What a plan must be for its rules to be read at all: the lists the checker walks and the
 * summary it adds up. A hand-edited file missing one gets these as rule-0 findings instead of a
 * crash ("rakes is not iterable").
 */
export function shapeProblems(plan: unknown): Problem[] {
  const out: Problem[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(plan)) return [field('plan', 'shape-not-object')];
  for (const k of ['rakes', 'road', 'unserved'] as const)
    if (!Array.isArray(plan[k])) out.push(field(k, 'shape-not-list'));
  if (Array.isArray(plan.rakes))
    plan.rakes.forEach((r: unknown, i) => {
      if (!isObj(r) || !Array.isArray(r.lines)) out.push(field(`rakes[${i}]`, 'shape-no-lines'));
      else
        r.lines.forEach((l: unknown, j) => {
          if (!isObj(l) || !Array.isArray(l.sources)) out.push(field(`rakes[${i}].lines[${j}]`, 'shape-no-sources'));
        });
    });
  for (const k of ['road', 'unserved'] as const)
    if (Array.isArray(plan[k]))
      (plan[k] as unknown[]).forEach((x, i) => {
        if (!isObj(x)) out.push(field(`${k}[${i}]`, 'shape-item-not-object'));
      });
  if (!isObj(plan.summary) || !isObj(plan.summary.costs)) out.push(field('summary', 'shape-no-costs'));
  return out;
}
