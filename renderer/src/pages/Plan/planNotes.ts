import type { FinalPassInfo, Plan } from '../../../../core/domain/plan';
import { finalPassNotes, readProductionNote } from '../../../../core/domain/plan-notes';
import { readFitNote, readReplanNote, REPLAN_WHY } from '../../../../core/domain/replan-notes';
import { format, type Lang } from '../../i18n';
import { hiSolver } from '../../i18n/hi-solver';
import { formatRs } from '../../lib/format';

/**
 * The plan's notes as the summary shows them: the rule-based yardstick's own note left out (the
 * saving figure says it), and in Hindi the final improvement pass's notes written from its figures
 * (`solver.finalPass`), and the production suggestion's and a re-plan's from what their notes say;
 * other notes stay as the core wrote them.
 */
export function planNotes(plan: Plan, lang: Lang): string[] {
  const notes = plan.notes.filter((n) => !n.startsWith('Rule-based plan returned'));
  if (lang === 'en') return notes;
  const { finalPass, timeLimitS } = plan.solver;
  const finalPassHi = finalPass && timeLimitS !== undefined ? finalPassInHindi(finalPass, timeLimitS) : new Map();
  return notes.map((note) => {
    const production = readProductionNote(note);
    if (production) return format(hiSolver[production.kind], { ...production });
    return finalPassHi.get(note) ?? replanInHindi(note) ?? note;
  });
}

/** A re-plan's note (core/domain/replan-notes.ts) in Hindi; null for any other note. */
function replanInHindi(note: string): string | null {
  const why = readReplanNote(note);
  if (why !== null) {
    const candidate = (Object.keys(REPLAN_WHY) as Array<keyof typeof REPLAN_WHY>).find((c) => REPLAN_WHY[c] === why);
    return format(hiSolver.replanned, { why: candidate ? hiSolver[`replan-${candidate}`] : why });
  }
  const fit = readFitNote(note);
  if (!fit) return null;
  const at = { rake: fit.rake, lp: fit.loadingPoint };
  return fit.kind === 'moved'
    ? format(hiSolver['fit-moved'], { ...at, hours: fit.hours.toFixed(1) })
    : format(hiSolver['fit-unserved'], at);
}

/** Each note the final pass wrote (core/domain/plan-notes.ts), with its Hindi sentence. */
function finalPassInHindi(fp: FinalPassInfo, limitS: number): Map<string, string> {
  const m = fp.moves;
  const n = m.road + m.rake + m.fill + m.move;
  const reformed = m.reform ? format(hiSolver.finalPassReformed, { reform: m.reform }) : '';
  const hindi = [
    ...(n > 0 || reformed ? [format(hiSolver.finalPassMoves, { n, ...m, reformed, saved: formatRs(fp.savedRs) })] : []),
    ...(!fp.complete ? [format(hiSolver.finalPassStopped, { limit: limitS })] : []),
  ];
  return new Map(finalPassNotes(fp, limitS).map((english, i) => [english, hindi[i]!]));
}
