import { describe, expect, it } from 'vitest';
import { displayUrl, resolveDataSources, resolveOrder, type DataSourceEnv, type StoredSourceSetting } from './data-source-config.js';

const PROVIDERS = ['tushare', 'akshare', 'demo'];
const NO_ENV: DataSourceEnv = { tushareToken: null, tushareBaseUrl: null, aktoolsUrl: null, demoProviderEnabled: false };
const row = (name: string, over: Partial<StoredSourceSetting> = {}): StoredSourceSetting => ({ name, enabled: null, priority: null, token: null, baseUrl: null, ...over });

describe('resolveDataSources', () => {
  it('enables providers automatically when configured', () => {
    const none = resolveDataSources({ providers: PROVIDERS, env: NO_ENV, stored: [] });
    expect(none.settings.order).toEqual(['tushare', 'akshare', 'demo']);
    expect(Object.values(none.settings.providers).map((p) => p.enabled)).toEqual([false, false, false]);
    expect(none.connection.tushare).toEqual({ token: '', baseUrl: 'http://api.tushare.pro' });
    expect(none.configured.tushare).toMatchObject({ tokenSet: false, urlSet: true, fromEnv: false });

    const env = resolveDataSources({ providers: PROVIDERS, env: { ...NO_ENV, tushareToken: 't'.repeat(56), aktoolsUrl: 'http://ak:8080', demoProviderEnabled: true }, stored: [] });
    // The synthetic provider steps aside once a real source is configured (an explicit switch still wins).
    expect(Object.values(env.settings.providers).map((p) => p.enabled)).toEqual([true, true, false]);
    const demoOnly = resolveDataSources({ providers: PROVIDERS, env: { ...NO_ENV, demoProviderEnabled: true }, stored: [] });
    expect(demoOnly.settings.providers.demo!.enabled).toBe(true);
    const storedUrl = resolveDataSources({ providers: PROVIDERS, env: { ...NO_ENV, demoProviderEnabled: true }, stored: [row('akshare', { baseUrl: 'http://ak:8080' })] });
    expect(storedUrl.settings.providers.demo!.enabled).toBe(false);
    const forced = resolveDataSources({ providers: PROVIDERS, env: { ...NO_ENV, aktoolsUrl: 'http://ak:8080', demoProviderEnabled: true }, stored: [row('demo', { enabled: true })] });
    expect(forced.settings.providers.demo!.enabled).toBe(true);
    expect(env.configured.tushare).toMatchObject({ tokenSet: true, tokenFromEnv: true, urlFromEnv: false, fromEnv: true });
    expect(env.configured.akshare).toMatchObject({ takesToken: false, urlSet: true, urlFromEnv: true, urlDisplay: 'http://ak:8080' });
    // Rate limits and timeouts come from the defaults.
    expect(env.settings.providers.tushare!.rateLimit).toEqual({ maxCalls: 200, intervalMs: 60_000 });
  });

  it('environment wins over stored values; stored values fill the gaps', () => {
    const stored = [row('tushare', { token: 'stored-token', baseUrl: 'http://proxy.example/dataapi' }), row('akshare', { baseUrl: 'http://stored:8080' })];
    const r = resolveDataSources({ providers: PROVIDERS, env: { ...NO_ENV, tushareToken: 'env-token' }, stored });
    expect(r.connection.tushare).toEqual({ token: 'env-token', baseUrl: 'http://proxy.example/dataapi' });
    expect(r.connection.akshare.baseUrl).toBe('http://stored:8080');
    expect(r.configured.tushare).toMatchObject({ tokenFromEnv: true, urlFromEnv: false, urlDisplay: 'http://proxy.example/dataapi' });
    expect(r.configured.akshare).toMatchObject({ urlFromEnv: false, fromEnv: false });
  });

  it('an explicit switch wins over automatic, and stored priorities order the list', () => {
    const stored = [row('demo', { enabled: true, priority: 1 }), row('tushare', { enabled: false, priority: 3 }), row('akshare', { priority: 2 })];
    const r = resolveDataSources({ providers: PROVIDERS, env: { ...NO_ENV, tushareToken: 'x' }, stored });
    expect(r.settings.order).toEqual(['demo', 'akshare', 'tushare']);
    expect(r.settings.providers.tushare!.enabled).toBe(false);
    expect(r.settings.providers.demo!.enabled).toBe(true);
  });

  it('test overrides replace limits and timeouts but never the switch', () => {
    const r = resolveDataSources({ providers: PROVIDERS, env: NO_ENV, stored: [], providerOverrides: { tushare: { timeoutMs: 200, rateLimit: null } } });
    expect(r.settings.providers.tushare).toMatchObject({ enabled: false, timeoutMs: 200, rateLimit: null });
  });
});

describe('resolveOrder / displayUrl', () => {
  it('puts unknown and unranked providers after ranked ones', () => {
    expect(resolveOrder(PROVIDERS, [row('akshare', { priority: 1 }), row('gone', { priority: 0 })])).toEqual(['akshare', 'tushare', 'demo']);
  });
  it('hides credentials and queries', () => {
    expect(displayUrl('http://user:secret@proxy.example:8080/dataapi?key=abc')).toBe('http://proxy.example:8080/dataapi');
    expect(displayUrl('http://api.tushare.pro')).toBe('http://api.tushare.pro');
    expect(displayUrl('nonsense')).toBe('(invalid URL)');
  });
});
