import { create } from 'zustand';
import type { ImportResult, ScenarioDetail, ScenarioSummary } from '../../../../core/contract/api/scenarios';
import type { TableName } from '../../../../core/domain/scenario-tables';
import { api } from '../../api/client';

/**
 * Scenario list and the open scenario. Every change goes through the contract and the open
 * scenario is re-read afterwards, so the editor shows exactly what is stored.
 */
export interface PendingImport {
  table: TableName | null;
  fileName: string;
  dataBase64: string;
  mode: 'merge' | 'replace';
  result: ImportResult;
}

interface ScenarioState {
  list: ScenarioSummary[];
  /** The list's first answer has arrived: before it, "no scenarios yet" would be a guess. */
  listed: boolean;
  selectedId: string | null;
  detail: ScenarioDetail | null;
  loading: boolean;
  error: unknown;
  lastImport: PendingImport | null;
  refresh(): Promise<void>;
  /**
   * The list for a page that shows it but does not manage it (the Forecasts page's panels): asked
   * for only if no answer has arrived yet, and once however many ask at the same time.
   */
  ensureListed(): Promise<void>;
  select(id: string | null): Promise<void>;
  reload(): Promise<void>;
  setError(e: unknown): void;
  setImport(p: PendingImport | null): void;
}

/** The list request `ensureListed` is waiting on, shared by whoever asks meanwhile. */
let listing: Promise<void> | null = null;

export const useScenarios = create<ScenarioState>((set, get) => ({
  list: [],
  listed: false,
  selectedId: null,
  detail: null,
  loading: false,
  error: null,
  lastImport: null,
  async refresh() {
    try {
      const list = await api.call('scenarios.list', {});
      set({ list, listed: true, error: null });
      const { selectedId, detail } = get();
      const current = list.find((s) => s.id === selectedId);
      if (selectedId && !current) await get().select(list[0]?.id ?? null);
      else if (!selectedId && list.length > 0) await get().select(list[0]!.id);
      // Changed elsewhere (renamed, imported into, another window): re-read the open scenario.
      else if (current && detail && current.updatedAt !== detail.summary.updatedAt) await get().reload();
    } catch (e) {
      set({ error: e });
    }
  },
  ensureListed() {
    if (get().listed) return Promise.resolve();
    listing ??= get()
      .refresh()
      .finally(() => (listing = null));
    return listing;
  },
  async select(id) {
    set({ selectedId: id, detail: null, lastImport: null });
    if (id) await get().reload();
  },
  async reload() {
    const id = get().selectedId;
    if (!id) return;
    set({ loading: true });
    try {
      const detail = await api.call('scenarios.get', { id });
      if (get().selectedId === id) set({ detail, error: null });
    } catch (e) {
      set({ error: e });
    } finally {
      set({ loading: false });
    }
  },
  setError: (error) => set({ error }),
  setImport: (lastImport) => set({ lastImport }),
}));
