import { create } from 'zustand';
import { en, type MessageKey } from './en';
import { hi } from './hi';

/**
 * The message catalogue: every user-visible string of the converted screens comes from here, in
 * English or Hindi. `t` reads the language chosen last; the app re-renders from its root when
 * the language changes (App keys its tree on it), so components need not subscribe.
 */
export type Lang = 'en' | 'hi';
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, hi };
export type { MessageKey };

const STORAGE_KEY = 'rakeplan.lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'hi') return saved;
  } catch {
    /* storage can be unavailable (private mode): English */
  }
  return 'en';
}

export const useLang = create<{ lang: Lang; setLang(l: Lang): void }>((set) => ({
  lang: initialLang(),
  setLang(lang) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      /* not remembered, still applied */
    }
    if (globalThis.document) document.documentElement.lang = lang;
    set({ lang });
  },
}));

if (globalThis.document) document.documentElement.lang = useLang.getState().lang;

/** Fill `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return format(CATALOGUES[lang][key] ?? en[key], params);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(useLang.getState().lang, key, params);
}
