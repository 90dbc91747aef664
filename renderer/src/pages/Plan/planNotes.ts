import type { FinalPassInfo, Plan } from '../../../../core/domain/plan';
import { finalPassNotes, readProductionNote } from '../../../../core/domain/plan-notes';
import { format, type Lang } from '../../i18n';
import { hiSolver } from '../../i18n/hi-solver';
import { formatRs } from '../../lib/format';

/**
 * The plan's notes as the summary shows them: the rule-based yardstick's own note left out (the
 * saving figure says it), and in Hindi the final improvement pass's notes written from its figures
 * (`solver.finalPass`) and the production suggestion's from what its note says; other notes stay
 * as the core wrote them.
 */
export function planNotes(plan: Plan, lang: Lang): string[] {
  const notes = plan.notes.filter((n) => !n.startsWith('Rule-based plan returned'));
  if (lang === 'en') return notes;
  const { finalPass, timeLimitS } = plan.solver;
  const finalPassHi = finalPass && timeLimitS !== undefined ? finalPassInHindi(finalPass, timeLimitS) : new Map();
  return notes.map((note) => {
    const production = readProductionNote(note);
    return finalPassHi.get(note) ?? (production ? format(hiSolver[production.kind], { ...production }) : note);
  });
}

/** Each note the final pass wrote (core/domain/plan-notes.ts), with its Hindi sentence. */
function finalPassInHindi(fp: FinalPassInfo, limitS: number): Map<string, string> {
  const m = fp.moves;
  const n = m.road + m.rake + m.fill + m.move;
  const hindi = [
    ...(n > 0 ? [format(hiSolver.finalPassMoves, { n, ...m, saved: formatRs(fp.savedRs) })] : []),
    ...(!fp.complete ? [format(hiSolver.finalPassStopped, { limit: limitS })] : []),
  ];
  return new Map(finalPassNotes(fp, limitS).map((english, i) => [english, hindi[i]!]));
}
