import type { StabilityInfo } from './plan-loop';

// The notes a re-plan leaves on its plan (core/plans/replan.ts, core/optimizer/locks.ts), written
// here and read back here, so the interface can write them in Hindi; any other text is shown as written.

/** Why each re-planned candidate is what it is, as its note says: "Re-planned from a base plan: <why>." */
export const REPLAN_WHY: Record<StabilityInfo['candidate'], string> = {
  keep: 'base kept, forced changes only',
  'keep + re-optimize': 'unforced rakes kept, the rest re-optimized',
  'locks only': 'locked and started decisions kept, the rest re-optimized',
};

export const replanNote = (why: string): string => `Re-planned from a base plan: ${why}.`;

const REPLAN = /^Re-planned from a base plan: (.*)\.$/s;

/** The `why` of a note `replanNote` wrote; null for any other note. */
export function readReplanNote(note: string): string | null {
  return REPLAN.exec(note)?.[1] ?? null;
}

/** A residual rake fitted around the kept ones: moved later at its loading point, or with no time left there. */
export type FitNote =
  | { kind: 'moved'; rake: string; loadingPoint: string; hours: number }
  | { kind: 'unserved'; rake: string; loadingPoint: string };

export function fitNote(n: FitNote): string {
  return n.kind === 'moved'
    ? `Rake ${n.rake}: loading at ${n.loadingPoint} moved ${n.hours.toFixed(1)} h later, clear of the kept rakes, outages and "now".`
    : `Rake ${n.rake}: no free time at ${n.loadingPoint} from its placement to the end of the horizon; its load is unserved.`;
}

const MOVED =
  /^Rake (\S+): loading at (\S+) moved (\d+(?:\.\d+)?) h later, clear of the kept rakes, outages and "now"\.$/;
const UNSERVED =
  /^Rake (\S+): no free time at (\S+) from its placement to the end of the horizon; its load is unserved\.$/;

/** The note `fitNote` wrote, read back; null for any other note. */
export function readFitNote(note: string): FitNote | null {
  let m = MOVED.exec(note);
  if (m) return { kind: 'moved', rake: m[1]!, loadingPoint: m[2]!, hours: Number(m[3]) };
  m = UNSERVED.exec(note);
  return m ? { kind: 'unserved', rake: m[1]!, loadingPoint: m[2]! } : null;
}
