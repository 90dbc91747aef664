import { create } from 'zustand';
import type { ConnectionState } from '../api/transport';

interface ConnectionStore {
  state: ConnectionState;
  shell: 'electron' | 'browser';
  set(state: ConnectionState, shell: 'electron' | 'browser'): void;
}

export const useConnection = create<ConnectionStore>((set) => ({
  state: 'connecting',
  shell: 'browser',
  set: (state, shell) => set({ state, shell }),
}));
