import { create } from 'zustand';
import type { Disruption, PlanEdit, PlanEditResult } from '../../../../core/contract/api/plan-loop';
import type { PlanCheckResult } from '../../../../core/contract/api/plans';
import type { Plan } from '../../../../core/domain/plan';
import { api, saveBytes } from '../../api/client';
import { usePlans } from './planStore';

/**
 * The planner's edits on the plan shown: a list of edits and a cursor (undo/redo move the
 * cursor; every step re-applies edits[0..cursor] to the saved plan on the host, which checks and
 * prices them), the disruptions entered, and the last re-plan's result.
 */
interface PlanLoopState {
  planId: string | null;
  edits: PlanEdit[];
  cursor: number;
  result: PlanEditResult | null;
  busy: 'editing' | 'saving' | 'replanning' | 'issuing' | null;
  error: unknown;
  disruptions: Disruption[];
  replanned: { id: string; plan: Plan; check: PlanCheckResult } | null;
  /** Start editing `planId` (clears edits when it is another plan). */
  attach(planId: string): void;
  apply(edit: PlanEdit): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  saveVersion(): Promise<string | null>;
  addDisruption(d: Disruption): void;
  removeDisruption(i: number): void;
  replan(opts: { stabilityRs: number; now?: string; timeLimitS: number }): Promise<void>;
  /** Cancel the re-plan in flight (its solves are stopped; nothing is saved). */
  cancelReplan(): void;
  issue(): Promise<void>;
  documents(format: 'xlsx' | 'pdf'): Promise<void>;
}

/** Only the newest edit request may write: answers can come back out of order. */
let seq = 0;
let replanCtrl: AbortController | null = null;

export const usePlanLoop = create<PlanLoopState>((set, get) => {
  const run = async (edits: PlanEdit[], cursor: number) => {
    const id = get().planId;
    if (!id) return;
    const mine = ++seq;
    set({ busy: 'editing' });
    try {
      const result = cursor === 0 ? null : await api.call('plans.edit', { id, edits: edits.slice(0, cursor) });
      if (mine === seq) set({ edits, cursor, result, error: null });
    } catch (error) {
      if (mine === seq) set({ error });
    } finally {
      if (mine === seq) set({ busy: null });
    }
  };
  return {
    planId: null,
    edits: [],
    cursor: 0,
    result: null,
    busy: null,
    error: null,
    disruptions: [],
    replanned: null,
    attach(planId) {
      if (get().planId === planId) return;
      seq++;
      set({ planId, edits: [], cursor: 0, result: null, error: null, replanned: null, busy: null });
    },
    async apply(edit) {
      const { edits, cursor } = get();
      // A new edit after undo drops the redo tail, as every editor does.
      const next = [...edits.slice(0, cursor), edit];
      await run(next, next.length);
    },
    async undo() {
      const { edits, cursor } = get();
      if (cursor > 0) await run(edits, cursor - 1);
    },
    async redo() {
      const { edits, cursor } = get();
      if (cursor < edits.length) await run(edits, cursor + 1);
    },
    async saveVersion() {
      const { planId, edits, cursor } = get();
      if (!planId || cursor === 0) return planId;
      set({ busy: 'saving' });
      try {
        const res = await api.call('plans.edit', { id: planId, edits: edits.slice(0, cursor), save: true });
        // The editor follows the new version before the view opens it, so opening does not reset it.
        set({ planId: res.id!, edits: [], cursor: 0, result: null, error: null });
        const plans = usePlans.getState();
        if (plans.scenarioId) await plans.refresh(plans.scenarioId);
        await plans.open(res.id!);
        return res.id!;
      } catch (error) {
        set({ error });
        return null;
      } finally {
        set({ busy: null });
      }
    },
    addDisruption(d) {
      set((s) => ({ disruptions: [...s.disruptions, d] }));
    },
    removeDisruption(i) {
      set((s) => ({ disruptions: s.disruptions.filter((_, k) => k !== i) }));
    },
    async replan(opts) {
      // Locks and edits not yet saved are saved first: the re-plan starts from what the planner sees.
      const id = await get().saveVersion();
      if (!id) return;
      set({ busy: 'replanning', error: null });
      const ctrl = (replanCtrl = new AbortController());
      try {
        const res = await api.call(
          'plans.replan',
          { id, disruptions: get().disruptions, ...opts },
          { signal: ctrl.signal },
        );
        set({ planId: res.id, replanned: res, disruptions: [], edits: [], cursor: 0, result: null });
        const plans = usePlans.getState();
        if (plans.scenarioId) await plans.refresh(plans.scenarioId);
        await plans.open(res.id);
      } catch (error) {
        if ((error as { code?: string }).code !== 'CANCELLED') set({ error });
      } finally {
        if (replanCtrl === ctrl) replanCtrl = null;
        set({ busy: null });
      }
    },
    cancelReplan() {
      replanCtrl?.abort();
    },
    async issue() {
      const id = get().planId;
      if (!id) return;
      set({ busy: 'issuing' });
      try {
        await api.call('plans.issue', { id });
        const plans = usePlans.getState();
        if (plans.scenarioId) await plans.refresh(plans.scenarioId);
      } catch (error) {
        set({ error });
      } finally {
        set({ busy: null });
      }
    },
    async documents(format) {
      const id = get().planId;
      if (!id) return;
      try {
        const f = await api.call('plans.documents', { id, format });
        await saveBytes(f.fileName, f.base64);
      } catch (error) {
        set({ error });
      }
    },
  };
});
