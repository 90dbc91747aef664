import type { PlanCheckResult } from '../contract/api/plans';
import type { HostServices } from '../host/services';
import { Lru } from '../registry/lru';
import { checkWithOutages } from './outages';
import { loadPlan } from './store';

/** Saved plans whose verdicts are kept: a planner moves between a few plans at a time. */
const KEPT = 64;

/**
 * The checker's verdict on each saved plan, computed once per host. A saved version never
 * changes: its plan and the scenario it is checked against (the one saved with it, not the
 * scenario as edited since) are written once under an id never reused, and only its issue time is
 * updated. An edit or a re-plan is a new version with its own id, checked when it is made and
 * again here. Kept in memory, not stored: a new RakePlan may check by other rules.
 */
export class SavedVerdicts {
  private readonly kept = new Lru<PlanCheckResult>(KEPT, () => {});

  constructor(private readonly s: HostServices) {}

  of(id: string): PlanCheckResult {
    const db = this.s.requireDb();
    const hit = this.kept.get(id);
    // Deleted by another RakePlan on the same folder: refused as not found, as before.
    if (hit && db.prepare('SELECT 1 FROM plans WHERE id = ?').get(id)) return hit;
    const { plan, scenario } = loadPlan(db, id);
    const verdict = checkWithOutages(scenario, plan);
    this.kept.set(id, verdict);
    return verdict;
  }

  /** The verdict on a saved plan if it was computed already (the plan's row is read by the caller). */
  known(id: string): PlanCheckResult | undefined {
    return this.kept.get(id);
  }

  forget(id: string): void {
    this.kept.delete(id);
  }
}
