import { beforeEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { createI18n } from 'vue-i18n';
import { LOCALE_STORAGE_KEY, applyLocale, localeOf, readStoredLocale, translator } from './index';

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

  it('translator adapts an i18n instance to a plain t(key, values?) that follows its locale', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'en',
      messages: { en: { hi: 'Hi', level: 'Level {n}' }, 'zh-CN': { hi: '你好', level: '{n} 级' } },
    });
    const t = translator(i18n.global);
    expect(t('hi')).toBe('Hi');
    expect(t('level', { n: 3 })).toBe('Level 3');
    i18n.global.locale.value = 'zh-CN';
    expect(t('level', { n: 3 })).toBe('3 级');
  });
});
