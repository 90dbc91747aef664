import { describe, expect, it } from 'vitest';
import { fitNote, readFitNote, readReplanNote, replanNote, REPLAN_WHY, type FitNote } from './replan-notes';

describe('re-plan notes', () => {
  it('reads back every note it writes, and nothing else', () => {
    for (const why of Object.values(REPLAN_WHY)) expect(readReplanNote(replanNote(why))).toBe(why);
    const fits: FitNote[] = [
      { kind: 'moved', rake: 'RK-260212-010', loadingPoint: 'LP-1', hours: 5 },
      { kind: 'moved', rake: 'R-2', loadingPoint: 'LP-3', hours: 12.5 },
      { kind: 'unserved', rake: 'R-2', loadingPoint: 'LP-3' },
    ];
    for (const n of fits) expect(readFitNote(fitNote(n))).toEqual(n);
    expect(readReplanNote('Edited by the planner: 1 edit on the milp plan.')).toBeNull();
    expect(readFitNote('Re-planned from a base plan: base kept, forced changes only.')).toBeNull();
  });
});
