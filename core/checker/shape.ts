/**
 * What a plan must be for its rules to be read at all: the lists the checker walks and the
 * summary it adds up. A hand-edited file missing one gets these as rule-0 findings instead of a
 * crash ("rakes is not iterable").
 */
export function shapeProblems(plan: unknown): Array<{ where: string; message: string }> {
  const out: Array<{ where: string; message: string }> = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(plan)) return [{ where: 'plan', message: 'is not a JSON object' }];
  for (const k of ['rakes', 'road', 'unserved'] as const)
    if (!Array.isArray(plan[k])) out.push({ where: k, message: 'must be a list' });
  if (Array.isArray(plan.rakes))
    plan.rakes.forEach((r: unknown, i) => {
      if (!isObj(r) || !Array.isArray(r.lines)) out.push({ where: `rakes[${i}]`, message: 'needs a list of lines' });
      else
        r.lines.forEach((l: unknown, j) => {
          if (!isObj(l) || !Array.isArray(l.sources))
            out.push({ where: `rakes[${i}].lines[${j}]`, message: 'needs a list of sources' });
        });
    });
  for (const k of ['road', 'unserved'] as const)
    if (Array.isArray(plan[k]))
      (plan[k] as unknown[]).forEach((x, i) => {
        if (!isObj(x)) out.push({ where: `${k}[${i}]`, message: 'must be an object' });
      });
  if (!isObj(plan.summary) || !isObj(plan.summary.costs)) out.push({ where: 'summary', message: 'needs its costs' });
  return out;
}
