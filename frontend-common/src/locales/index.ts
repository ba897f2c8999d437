/** Locale helpers shared by both SPAs (their i18n instance and shared messages: ./i18n.ts). */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
];

/** Shared by both SPAs (same origin in production), so the choice follows the person. */
export const LOCALE_STORAGE_KEY = 'zhice.locale';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

export function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The locale held by an i18n locale ref, or the default when it holds something else. */
export function localeOf(ref: { value: string }): Locale {
  const value = ref.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** Switches an i18n instance's locale ref, remembers the choice and updates `<html lang>`. */
export function applyLocale(ref: { value: string }, locale: Locale): void {
  ref.value = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    /* storage may be unavailable (private mode) */
  }
  document.documentElement.lang = locale;
}

/** A plain translate function, as shared code takes it (apps pass their i18n's `t`). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Adapts an i18n instance's overloaded `global.t` to a plain `Translate`. */
export function translator(global: { t: (key: string, named: Record<string, unknown>) => string }): Translate {
  return (key, values) => global.t(key, values ?? {});
}
