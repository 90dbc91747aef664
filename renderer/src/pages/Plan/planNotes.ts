import type { Plan } from '../../../../core/domain/plan';
import { finalPassNotes } from '../../../../core/domain/plan-notes';
import { format, type Lang } from '../../i18n';
import { hiSolver } from '../../i18n/hi-solver';
import { formatRs } from '../../lib/format';

/**
 * The plan's notes as the summary shows them: the rule-based yardstick's own note left out (the
 * saving figure says it), and in Hindi the final improvement pass's notes written from its figures
 * (`solver.finalPass`); other notes stay as the core wrote them.
 */
export function planNotes(plan: Plan, lang: Lang): string[] {
  const notes = plan.notes.filter((n) => !n.startsWith('Rule-based plan returned'));
  const s = plan.solver;
  const fp = s.finalPass;
  if (lang === 'en' || !fp || s.timeLimitS === undefined) return notes;
  // The core's notes rewritten from the same figures, each beside its Hindi sentence.
  const english = finalPassNotes(fp, s.timeLimitS);
  const m = fp.moves;
  const n = m.road + m.rake + m.fill + m.move;
  const hindi = [
    ...(n > 0
      ? [
          format(hiSolver.finalPassMoves, {
            n,
            rake: m.rake,
            road: m.road,
            fill: m.fill,
            move: m.move,
            saved: formatRs(fp.savedRs),
          }),
        ]
      : []),
    ...(!fp.complete ? [format(hiSolver.finalPassStopped, { limit: s.timeLimitS })] : []),
  ];
  return notes.map((note) => {
    const i = english.indexOf(note);
    return i >= 0 ? hindi[i]! : note;
  });
}
