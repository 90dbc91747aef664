import { create } from 'zustand';
import type {
  PlanCheckResult,
  PlanComparison,
  PlanListItem,
  SolveProgressEvent,
} from '../../../../core/contract/api/plans';
import type { Plan } from '../../../../core/domain/plan';
import { api } from '../../api/client';
import { t } from '../../i18n';

/**
 * Plans of the Plan page: the optimize run in flight, saved plans, the plan shown, a comparison.
 * Everything shown belongs to one scenario (`scenarioId`): the list, the plan and the progress
 * of a solve are never another scenario's.
 */
interface PlanState {
  scenarioId: string | null;
  plans: PlanListItem[];
  /** The scenario whose list answer has arrived: until then "no plans yet" would be a guess. */
  listedFor: string | null;
  /** The plan shown; opened from the list, with the host's verdict on it (a fresh solve has none yet). */
  current: { id: string; scenarioId: string | null; plan: Plan; check?: PlanCheckResult } | null;
  running: {
    solveId: string;
    scenarioId: string;
    ctrl: AbortController;
    progress: SolveProgressEvent | null;
    stopping: boolean;
    /** Wall-clock start [ms since epoch]: the progress clock counts from here, not from phase reports. */
    startedAt: number;
    timeLimitS: number;
  } | null;
  comparison: PlanComparison | null;
  error: unknown;
  /** Solves running in other windows: solveId → their scenario (said on the Optimize card). */
  othersSolving: Record<string, string | null>;
  /** Show `scenarioId`'s saved plans (none selected: no list). */
  refresh(scenarioId: string | null): Promise<void>;
  optimize(scenarioId: string, opts: { timeLimitS: number; gap: number; robust?: boolean }): Promise<void>;
  stop(): Promise<void>;
  cancel(): void;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  compare(a: string, b: string): Promise<void>;
  clearComparison(): void;
}

/** Only the newest list request may write: a late answer would show another scenario's plans. */
let listSeq = 0;

export const usePlans = create<PlanState>((set, get) => ({
  scenarioId: null,
  plans: [],
  listedFor: null,
  current: null,
  running: null,
  comparison: null,
  error: null,
  othersSolving: {},
  async refresh(scenarioId) {
    const seq = ++listSeq;
    set((s) =>
      s.scenarioId === scenarioId
        ? {}
        : {
            scenarioId,
            plans: [],
            listedFor: null,
            comparison: null,
            current: s.current?.scenarioId === scenarioId ? s.current : null,
          },
    );
    if (!scenarioId) return;
    try {
      const plans = await api.call('plans.list', { scenarioId });
      if (seq === listSeq) set({ plans, listedFor: scenarioId, error: null });
    } catch (error) {
      if (seq === listSeq) set({ error });
    }
  },
  async optimize(scenarioId, opts) {
    if (get().running) return;
    const solveId = `solve-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const ctrl = new AbortController();
    set({
      running: {
        solveId,
        scenarioId,
        ctrl,
        progress: null,
        stopping: false,
        startedAt: Date.now(),
        timeLimitS: opts.timeLimitS,
      },
      error: null,
    });
    try {
      const res = await api.call(
        'plans.solve',
        { scenarioId, solveId, ...opts },
        {
          signal: ctrl.signal,
          onProgress: (progress) =>
            set((s) => (s.running?.solveId === solveId ? { running: { ...s.running, progress } } : {})),
        },
      );
      // The planner may have moved to another scenario meanwhile: the plan is saved and listed
      // under its own scenario, and shown only if that is still the one selected.
      if (get().scenarioId === scenarioId) {
        set({ current: { ...res, scenarioId } });
        await get().refresh(scenarioId);
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'CANCELLED' && get().scenarioId === scenarioId) set({ error });
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
      const { item, plan, check } = await api.call('plans.get', { id });
      set({ current: { id, scenarioId: item.scenarioId, plan, check }, error: null });
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

let following = false;
/**
 * Follow other windows' work (once per window): a plan saved, issued or deleted there refreshes
 * this window's list of that scenario, and their solves are known while they run.
 */
export function followPlans(): void {
  if (following) return;
  following = true;
  api.on('plans.changed', (e) => {
    const { scenarioId, refresh, current, plans } = usePlans.getState();
    // The plan on screen is gone: nothing on it can be saved, issued or exported any more.
    if (e.kind === 'deleted' && current?.id === e.id) {
      const name = plans.find((p) => p.id === e.id)?.name ?? e.id;
      usePlans.setState({
        current: null,
        error: { code: 'NOT_FOUND', message: t('plans.deletedElsewhere', { name }) },
      });
    }
    if (scenarioId && e.scenarioId === scenarioId) void refresh(scenarioId);
  });
  /** Solves whose start or end an event told while the list below was on its way: the event is newer. */
  const told = new Set<string>();
  let asking = true;
  const note = (solveId: string, scenarioId: string | null, running: boolean) => {
    // This window's own solve shows its progress bar instead.
    if (usePlans.getState().running?.solveId === solveId) return;
    usePlans.setState((s) => {
      const othersSolving = { ...s.othersSolving };
      if (running) othersSolving[solveId] = scenarioId;
      else delete othersSolving[solveId];
      return { othersSolving };
    });
  };
  api.on('plans.solving', (e) => {
    if (asking) told.add(e.solveId);
    note(e.solveId, e.scenarioId, e.running);
  });
  // A window opened mid-solve missed its start: ask once which solves are running.
  void api
    .call('plans.running', {})
    .then(({ solves }) => {
      for (const r of solves) if (!told.has(r.solveId)) note(r.solveId, r.scenarioId, true);
    })
    .catch(() => {
      // Not knowing of another window's solve only hides a note; the solve itself refuses nothing.
    })
    .finally(() => {
      asking = false;
      told.clear();
    });
}
