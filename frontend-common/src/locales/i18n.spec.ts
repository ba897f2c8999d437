import { beforeEach, describe, expect, it } from 'vitest';
import { isReactive, ref } from 'vue';
import { createSpaI18n, mergeMessages, resolveDottedKey, sharedMessages } from './i18n';
import { LOCALE_STORAGE_KEY } from './index';

describe('mergeMessages', () => {
  it('deep-merges per locale: later sets add keys and override strings, inputs stay as they were', () => {
    const base = { 'zh-CN': { login: { submit: '登录', disabled: '已停用' } }, en: { login: { submit: 'Sign in', disabled: 'Disabled' } } };
    const app = { 'zh-CN': { login: { disabled: '已停用，请联系客服' }, nav: { home: '首页' } }, en: { login: { disabled: 'Disabled, contact support' }, nav: { home: 'Home' } } };
    const merged = mergeMessages(base, app);
    expect(merged.en).toEqual({ login: { submit: 'Sign in', disabled: 'Disabled, contact support' }, nav: { home: 'Home' } });
    expect(merged['zh-CN']).toEqual({ login: { submit: '登录', disabled: '已停用，请联系客服' }, nav: { home: '首页' } });
    expect(base.en.login.disabled).toBe('Disabled');
    expect(merged.en.login).not.toBe(base.en.login);
  });
});

describe('createSpaI18n', () => {
  beforeEach(() => localStorage.clear());

  it('holds the shared messages with the app sets merged over them, in the stored locale', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    const { i18n, currentLocale } = createSpaI18n([
      { 'zh-CN': { login: { disabled: '请联系管理员' }, menu: { users: '用户' } }, en: { login: { disabled: 'Contact an administrator' }, menu: { users: 'Users' } } },
      { 'zh-CN': { menu: { pools: '股票池' } }, en: { menu: { pools: 'Pools' } } },
    ]);
    const t = i18n.global.t;
    expect(currentLocale()).toBe('en');
    expect(t('login.submit')).toBe(sharedMessages.en.login.submit);
    expect(t('login.disabled')).toBe('Contact an administrator');
    expect([t('menu.users'), t('menu.pools')]).toEqual(['Users', 'Pools']);
    expect(t('vip.levelN', { n: 7 })).toBe('VIP7');
    i18n.global.locale.value = 'zh-CN';
    expect(currentLocale()).toBe('zh-CN');
    expect(t('login.disabled')).toBe('请联系管理员');
    // another app's instance does not see these overrides
    expect(createSpaI18n([]).i18n.global.t('login.disabled')).toBe(sharedMessages.en.login.disabled); // stored locale: en
  });
});

describe('resolveDottedKey', () => {
  const messages = { a: { b: { c: 'deep' }, top: 'x' }, 'flat.key': 'flat' };

  it('walks dotted keys through own properties only; null for anything missing', () => {
    expect(resolveDottedKey(messages, 'a.b.c')).toBe('deep');
    expect(resolveDottedKey(messages, 'a.top')).toBe('x');
    expect(resolveDottedKey(messages, 'a.b')).toEqual({ c: 'deep' });
    expect(resolveDottedKey(messages, 'a.b.c.d')).toBeNull();
    expect(resolveDottedKey(messages, 'a.missing')).toBeNull();
    expect(resolveDottedKey(messages, 'a.toString')).toBeNull();
    expect(resolveDottedKey(messages, '__proto__.x')).toBeNull();
    expect(resolveDottedKey(null, 'a')).toBeNull();
  });

  it('through createSpaI18n: nested keys, a missing key shown as itself, language switches still apply, messages not reactive', () => {
    const { i18n } = createSpaI18n([{ 'zh-CN': { x: { y: '中' } }, en: { x: { y: 'en' } } }]);
    i18n.global.locale.value = 'en';
    expect(i18n.global.t('x.y')).toBe('en');
    expect(i18n.global.t('x.nope')).toBe('x.nope');
    i18n.global.locale.value = 'zh-CN';
    expect(i18n.global.t('x.y')).toBe('中');
    // vue-i18n keeps messages in a ref: they stay raw objects (no proxies walked by every t())
    expect(isReactive(ref(i18n.global.messages.value).value)).toBe(false);
    expect(isReactive(i18n.global.messages.value['zh-CN'])).toBe(false);
  });
});
