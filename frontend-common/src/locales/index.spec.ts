import { beforeEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { LOCALE_STORAGE_KEY, applyLocale, localeOf, readStoredLocale } from './index';

describe('locale helpers', () => {
  beforeEach(() => localStorage.clear());

  it('reads the stored choice, defaulting to zh-CN', () => {
    expect(readStoredLocale()).toBe('zh-CN');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(readStoredLocale()).toBe('en');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(readStoredLocale()).toBe('zh-CN');
  });

  it('applies a locale to the i18n ref, storage and <html lang>', () => {
    const locale = ref('zh-CN');
    applyLocale(locale, 'en');
    expect(locale.value).toBe('en');
    expect(localeOf(locale)).toBe('en');
    expect(localStorage.getItem('zhice.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localeOf(ref('xx'))).toBe('zh-CN');
  });
});
