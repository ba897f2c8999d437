import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';
import { applyLocale, localeOf, readStoredLocale, type Locale } from '@zhice/frontend-common/locales';

export { LOCALES, LOCALE_STORAGE_KEY, isLocale, readStoredLocale, type Locale } from '@zhice/frontend-common/locales';

export const i18n = createI18n({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function currentLocale(): Locale {
  return localeOf(i18n.global.locale);
}

export function setLocale(locale: Locale): void {
  applyLocale(i18n.global.locale, locale);
}
