import { create } from 'zustand';
import type { Disruption, PlanEdit, PlanEditResult } from '../../../../core/contract/api/plan-loop';
import type { PlanCheckResult } from '../../../../core/contract/api/plans';
import type { Plan } from '../../../../core/domain/plan';
import { api, saveBytes } from '../../api/client';
import { usePlans } from './planStore';

/**
 * What the planner has entered on one saved plan and not saved: a list of edits and a cursor
 * (undo/redo move the cursor; every step re-applies edits[0..cursor] to the saved plan on the
 * host, which checks and prices them), the host's answer for them, and the disruptions entered.
 */
export interface PlanDraft {
  edits: PlanEdit[];
  cursor: number;
  result: PlanEditResult | null;
  disruptions: Disruption[];
}

const EMPTY: PlanDraft = { edits: [], cursor: 0, result: null, disruptions: [] };

/**
 * The draft of the plan shown (its fields at the top level, as the editor reads them), the drafts
 * of plans opened before and left with edits or disruptions (restored when the planner goes back:
 * opening another plan loses nothing, and a plan's disruptions are never another plan's), and the
 * last re-plan's result.
 */
interface PlanLoopState extends PlanDraft {
  planId: string | null;
  drafts: Record<string, PlanDraft>;
  busy: 'editing' | 'saving' | 'replanning' | 'issuing' | null;
  error: unknown;
  /**
   * Why the last re-plan was refused, with the disruptions it was sent (the error names them by
   * place): shown beside the Re-plan button, not with the edit errors.
   */
  replanError: { error: unknown; sent: Disruption[] } | null;
  replanned: { id: string; plan: Plan; check: PlanCheckResult } | null;
  /** The host's check of the plan as saved (absent until it answers): a plan that fails is not issued. */
  savedCheck: { planId: string; check: PlanCheckResult } | null;
  /**
   * Start editing `planId`: the plan left keeps its draft, `planId` gets its own back. `check` is
   * the host's verdict when it came with the plan (plans.get); without it the host is asked.
   */
  attach(planId: string, check?: PlanCheckResult): void;
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

/**
 * Why the plan shown cannot be issued now, or null when it can: issued already, edits not saved,
 * the host busy, or the plan as saved fails the checker (the host refuses that too).
 */
export function issueBlock(
  s: Pick<PlanLoopState, 'planId' | 'cursor' | 'busy' | 'savedCheck'>,
  issued: boolean,
): 'issued' | 'unsaved' | 'busy' | 'broken' | null {
  if (issued) return 'issued';
  if (s.cursor > 0) return 'unsaved';
  if (s.busy !== null) return 'busy';
  if (s.savedCheck && s.savedCheck.planId === s.planId && !s.savedCheck.check.ok) return 'broken';
  return null;
}

/** Unsaved edits of `planId` (the plan shown or one left with edits); 0 when it has none. */
export function unsavedEdits(s: Pick<PlanLoopState, 'planId' | 'cursor' | 'drafts'>, planId: string): number {
  return s.planId === planId ? s.cursor : (s.drafts[planId]?.cursor ?? 0);
}

const draftOf = (s: PlanDraft): PlanDraft => ({
  edits: s.edits,
  cursor: s.cursor,
  result: s.result,
  disruptions: s.disruptions,
});
const isEmpty = (d: PlanDraft) => d.edits.length === 0 && d.disruptions.length === 0;

/** Only the newest edit request of a plan may write: answers can come back out of order. */
const seqs = new Map<string, number>();
/** Edit requests in flight per plan: `busy: 'editing'` is the shown plan's, not another's. */
const editing = new Map<string, number>();
let replanCtrl: AbortController | null = null;

export const usePlanLoop = create<PlanLoopState>((set, get) => {
  /** Write into `planId`'s draft, wherever it is now: shown, or kept while another plan is open. */
  const write = (planId: string, patch: Partial<PlanDraft>) =>
    set((s) => {
      if (s.planId === planId) return patch;
      const d = { ...(s.drafts[planId] ?? EMPTY), ...patch };
      const drafts = { ...s.drafts };
      if (isEmpty(d)) delete drafts[planId];
      else drafts[planId] = d;
      return { drafts };
    });
  const draftFor = (planId: string): PlanDraft => {
    const s = get();
    return s.planId === planId ? draftOf(s) : (s.drafts[planId] ?? EMPTY);
  };
  const run = async (edits: PlanEdit[], cursor: number) => {
    const id = get().planId;
    if (!id) return;
    const mine = (seqs.get(id) ?? 0) + 1;
    seqs.set(id, mine);
    const newest = () => seqs.get(id) === mine;
    editing.set(id, (editing.get(id) ?? 0) + 1);
    set({ busy: 'editing' });
    try {
      const result = cursor === 0 ? null : await api.call('plans.edit', { id, edits: edits.slice(0, cursor) });
      // The planner may have opened another plan meanwhile: the answer goes to this plan's draft.
      if (newest()) write(id, { edits, cursor, result });
      if (newest() && get().planId === id) set({ error: null });
    } catch (error) {
      if (newest() && get().planId === id) set({ error });
    } finally {
      const left = editing.get(id)! - 1;
      if (left > 0) editing.set(id, left);
      else editing.delete(id);
      if (left === 0 && get().planId === id && get().busy === 'editing') set({ busy: null });
    }
  };
  const checkSaved = async (planId: string) => {
    try {
      const check = await api.call('plans.check', { id: planId });
      if (get().planId === planId) set({ savedCheck: { planId, check } });
    } catch {
      // Without the host's answer nothing is shown; the host still refuses to issue a plan that fails.
    }
  };
  return {
    planId: null,
    ...EMPTY,
    drafts: {},
    busy: null,
    error: null,
    replanError: null,
    replanned: null,
    savedCheck: null,
    attach(planId, check) {
      if (get().planId === planId) return;
      set((s) => {
        const drafts = { ...s.drafts };
        if (s.planId && !isEmpty(s)) drafts[s.planId] = draftOf(s);
        const back = drafts[planId] ?? EMPTY;
        delete drafts[planId];
        // The plan opened is busy editing only if an edit of its own is in flight; a save or
        // re-plan in flight attaches the plan it made, and stays busy.
        const busy = editing.has(planId) ? 'editing' : s.busy === 'editing' ? null : s.busy;
        const savedCheck = check ? { planId, check } : null;
        return { planId, ...back, drafts, busy, error: null, replanError: null, replanned: null, savedCheck };
      });
      if (!check) void checkSaved(planId);
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
        // The edits now live in the new version, and the disruptions entered go with it (a re-plan
        // saves first, then sends them). The editor follows the new version before the view opens
        // it, so opening does not reset it.
        const { disruptions } = draftFor(planId);
        write(planId, EMPTY);
        get().attach(res.id!);
        set({ disruptions, error: null });
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
      // A result or refusal shown is of the last press, never of an earlier one.
      set({ replanError: null, replanned: null });
      const id = await get().saveVersion();
      if (!id) {
        set((s) => ({ replanError: { error: s.error, sent: [] }, error: null }));
        return;
      }
      set({ busy: 'replanning', error: null });
      const ctrl = (replanCtrl = new AbortController());
      const sent = draftFor(id).disruptions;
      try {
        const res = await api.call('plans.replan', { id, disruptions: sent, ...opts }, { signal: ctrl.signal });
        // The disruptions are in the re-plan now; the plan they were entered on keeps none.
        write(id, { disruptions: [] });
        get().attach(res.id);
        set({ replanned: res });
        const plans = usePlans.getState();
        if (plans.scenarioId) await plans.refresh(plans.scenarioId);
        await plans.open(res.id);
      } catch (error) {
        if ((error as { code?: string }).code !== 'CANCELLED') set({ replanError: { error, sent }, replanned: null });
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
