import { beforeAll, describe, expect, it } from 'vitest';

// The stores run in the browser; a minimal window with a hash and its hashchange listeners is all
// the navigation store touches.
const listeners: (() => void)[] = [];
const fakeWindow = {
  location: { hash: '#/models' },
  addEventListener: (type: string, fn: () => void) => {
    if (type === 'hashchange') listeners.push(fn);
  },
};
let nav: typeof import('./navigation');
let conn: typeof import('./connection');

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = fakeWindow;
  nav = await import('./navigation');
  conn = await import('./connection');
});

const hashChange = (hash: string) => {
  fakeWindow.location.hash = hash;
  for (const fn of listeners) fn();
};

describe('navigation store (hash routing)', () => {
  it('starts on the page the hash names', () => {
    expect(nav.useNavigation.getState().page).toBe('models');
  });

  it('go() sets the page and writes the hash, so a reload and the back button land there', () => {
    nav.useNavigation.getState().go('monitor');
    expect(nav.useNavigation.getState().page).toBe('monitor');
    expect(fakeWindow.location.hash).toBe('/monitor');
  });

  it('follows the hash (back and forward), with query parts and unknown pages falling back to the plan', () => {
    hashChange('#/forecasts?x=1');
    expect(nav.useNavigation.getState().page).toBe('forecasts');
    hashChange('#/no-such-page');
    expect(nav.useNavigation.getState().page).toBe('plan');
  });

  it('ignores the one-time token link, which is not a page change', () => {
    hashChange('#/models');
    hashChange('#token=abc');
    expect(nav.useNavigation.getState().page).toBe('models');
  });
});

describe('connection store', () => {
  it('starts connecting in the browser shell, then holds what the transport reports', () => {
    expect(conn.useConnection.getState()).toMatchObject({ state: 'connecting', shell: 'browser' });
    conn.useConnection.getState().set('open', 'electron');
    expect(conn.useConnection.getState()).toMatchObject({ state: 'open', shell: 'electron' });
  });
});
