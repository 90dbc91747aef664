import { create } from 'zustand';

export const PAGES = ['plan', 'forecasts', 'models', 'monitor'] as const;
export type PageId = (typeof PAGES)[number];

function fromHash(): PageId {
  const [h = ''] = window.location.hash.replace(/^#\/?/, '').split(/[/?&]/);
  return (PAGES as readonly string[]).includes(h) ? (h as PageId) : 'plan';
}

interface NavStore {
  page: PageId;
  go(page: PageId): void;
}

/**
 * Hash routing (`#/models`): the one index.html serves every route, from app:// in Electron and
 * from the host in a browser.
 */
export const useNavigation = create<NavStore>((set) => ({
  page: fromHash(),
  go: (page) => {
    window.location.hash = `/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => {
  if (!/token=/.test(window.location.hash)) useNavigation.setState({ page: fromHash() });
});
