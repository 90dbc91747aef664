import { create } from 'zustand';
import type { PlanComparison, PlanListItem, SolveProgressEvent } from '../../../../core/contract/api/plans';
import type { Plan } from '../../../../core/domain/plan';
import { api } from '../../api/client';

/** Plans of the Plan page: the optimize run in flight, saved plans, the plan shown, a comparison. */
interface PlanState {
  plans: PlanListItem[];
  current: { id: string; plan: Plan } | null;
  running: { solveId: string; ctrl: AbortController; progress: SolveProgressEvent | null; stopping: boolean } | null;
  comparison: PlanComparison | null;
  error: unknown;
  refresh(scenarioId?: string | null): Promise<void>;
  optimize(scenarioId: string, opts: { timeLimitS: number; gap: number }): Promise<void>;
  stop(): Promise<void>;
  cancel(): void;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  compare(a: string, b: string): Promise<void>;
  clearComparison(): void;
}

export const usePlans = create<PlanState>((set, get) => ({
  plans: [],
  current: null,
  running: null,
  comparison: null,
  error: null,
  async refresh(scenarioId) {
    try {
      set({ plans: await api.call('plans.list', scenarioId ? { scenarioId } : {}), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async optimize(scenarioId, opts) {
    if (get().running) return;
    const solveId = `solve-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const ctrl = new AbortController();
    set({ running: { solveId, ctrl, progress: null, stopping: false }, error: null });
    try {
      const res = await api.call('plans.solve', { scenarioId, solveId, ...opts }, {
        signal: ctrl.signal,
        onProgress: (progress) => set((s) => (s.running?.solveId === solveId ? { running: { ...s.running, progress } } : {})),
      });
      set({ current: res });
      await get().refresh(scenarioId);
    } catch (error) {
      if ((error as { code?: string }).code !== 'CANCELLED') set({ error });
    } finally {
      set((s) => (s.running?.solveId === solveId ? { running: null } : {}));
    }
  },
  async stop() {
    const r = get().running;
    if (!r) return;
    set({ running: { ...r, stopping: true } });
    await api.call('plans.stop', { solveId: r.solveId });
  },
  cancel() {
    get().running?.ctrl.abort();
    set({ running: null });
  },
  async open(id) {
    try {
      const { plan } = await api.call('plans.get', { id });
      set({ current: { id, plan }, error: null });
    } catch (error) {
      set({ error });
    }
  },
  async remove(id) {
    try {
      await api.call('plans.delete', { id });
      set((s) => ({ plans: s.plans.filter((p) => p.id !== id), current: s.current?.id === id ? null : s.current }));
    } catch (error) {
      set({ error });
    }
  },
  async compare(a, b) {
    try {
      set({ comparison: await api.call('plans.compare', { a, b }), error: null });
    } catch (error) {
      set({ error });
    }
  },
  clearComparison() {
    set({ comparison: null });
  },
}));
