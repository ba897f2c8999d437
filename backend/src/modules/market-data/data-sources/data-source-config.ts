import type { DataSourceConfiguredDto } from '@zhice/shared';
import {
  DEFAULT_DATA_SOURCE_SETTINGS,
  type DataSourceSettings,
  type ProviderSettings,
} from '../manager/data-source-settings.js';
import type { MarketDataConnectionConfig } from '../providers/market-data-providers.js';
import { TUSHARE_DEFAULT_BASE_URL } from '../providers/tushare.provider.js';

/**
 * Pure merge of the three places data-source settings come from, in order of strength:
 * environment variables (TUSHARE_TOKEN, TUSHARE_BASE_URL, AKTOOLS_URL, DEMO_PROVIDER_ENABLED) >
 * admin settings stored in `data_source_settings` > built-in defaults. An env value always wins and
 * the admin page shows it as "from environment".
 *
 * Enable switches: a stored `enabled` of null means "automatic": a provider is on when it is
 * configured (Tushare with a token, AKShare with an AKTools URL; demo when DEMO_PROVIDER_ENABLED).
 */

/** Which connection settings each provider takes (a new provider with credentials adds a line). */
export const CONNECTION_FIELDS: Readonly<Record<string, { token: boolean; url: boolean }>> = {
  tushare: { token: true, url: true },
  akshare: { token: false, url: true },
  demo: { token: false, url: false },
};

export interface StoredSourceSetting {
  name: string;
  /** null = automatic. */
  enabled: boolean | null;
  priority: number | null;
  token: string | null;
  baseUrl: string | null;
}

export interface DataSourceEnv {
  tushareToken: string | null;
  /** null unless TUSHARE_BASE_URL was set to something other than the default. */
  tushareBaseUrl: string | null;
  aktoolsUrl: string | null;
  demoProviderEnabled: boolean;
}

export interface ResolvedDataSources {
  connection: Omit<MarketDataConnectionConfig, 'demo'>;
  settings: DataSourceSettings;
  configured: Record<string, DataSourceConfiguredDto>;
}

export interface ResolveInput {
  /** Registered provider names, in registration order. */
  providers: readonly string[];
  env: DataSourceEnv;
  stored: readonly StoredSourceSetting[];
  /** Per-provider limits and timeouts over the defaults (tests shrink them). */
  providerOverrides?: Readonly<Record<string, Partial<Omit<ProviderSettings, 'enabled'>>>>;
}

export function resolveDataSources(input: ResolveInput): ResolvedDataSources {
  const stored = new Map(input.stored.map((row) => [row.name, row]));
  const pick = (envValue: string | null, storedValue: string | null | undefined) => {
    if (envValue) return { value: envValue, fromEnv: true };
    if (storedValue) return { value: storedValue, fromEnv: false };
    return { value: null, fromEnv: false };
  };

  const tushareToken = pick(input.env.tushareToken, stored.get('tushare')?.token);
  const tushareUrl = pick(input.env.tushareBaseUrl, stored.get('tushare')?.baseUrl);
  const aktoolsUrl = pick(input.env.aktoolsUrl, stored.get('akshare')?.baseUrl);

  const connection = {
    tushare: { token: tushareToken.value ?? '', baseUrl: tushareUrl.value ?? TUSHARE_DEFAULT_BASE_URL },
    akshare: { baseUrl: aktoolsUrl.value ?? '' },
  };

  const configured: Record<string, DataSourceConfiguredDto> = {};
  for (const name of input.providers) {
    const fields = CONNECTION_FIELDS[name] ?? { token: false, url: false };
    let token = { value: null as string | null, fromEnv: false };
    let url = { value: null as string | null, fromEnv: false };
    let effectiveUrl: string | null = null;
    if (name === 'tushare') {
      token = tushareToken;
      url = tushareUrl;
      effectiveUrl = connection.tushare.baseUrl;
    } else if (name === 'akshare') {
      url = aktoolsUrl;
      effectiveUrl = aktoolsUrl.value;
    }
    configured[name] = {
      takesToken: fields.token,
      takesUrl: fields.url,
      tokenSet: fields.token && token.value !== null,
      urlSet: fields.url && effectiveUrl !== null,
      tokenFromEnv: token.fromEnv,
      urlFromEnv: url.fromEnv,
      fromEnv: token.fromEnv || url.fromEnv,
      urlDisplay: effectiveUrl === null ? null : displayUrl(effectiveUrl),
    };
  }

  const realConfigured = (configured.tushare?.tokenSet ?? false) || (configured.akshare?.urlSet ?? false);
  const automatic = (name: string): boolean => {
    const fields = CONNECTION_FIELDS[name];
    // The synthetic provider steps aside by itself once a real source is configured (env or stored):
    // it must never fill a real install's gaps with invented prices. An admin switch still wins.
    if (name === 'demo') return input.env.demoProviderEnabled && !realConfigured;
    if (fields && (fields.token || fields.url)) {
      const c = configured[name]!;
      return (!fields.token || c.tokenSet) && (!fields.url || c.urlSet) && (name !== 'tushare' || c.tokenSet);
    }
    return DEFAULT_DATA_SOURCE_SETTINGS.providers[name]?.enabled ?? false;
  };

  const providers: Record<string, ProviderSettings> = {};
  for (const name of input.providers) {
    const row = stored.get(name);
    providers[name] = {
      ...(DEFAULT_DATA_SOURCE_SETTINGS.providers[name] ?? {}),
      ...(input.providerOverrides?.[name] ?? {}),
      enabled: row?.enabled ?? automatic(name),
    };
  }

  return { connection, settings: { order: resolveOrder(input.providers, input.stored), providers }, configured };
}

/** Stored priorities first (ascending), then the default order, then any other registered provider. */
export function resolveOrder(providers: readonly string[], stored: readonly StoredSourceSetting[]): string[] {
  const known = new Set(providers);
  const ranked = stored
    .filter((row) => known.has(row.name) && row.priority !== null)
    .sort((a, b) => a.priority! - b.priority! || (a.name < b.name ? -1 : 1))
    .map((row) => row.name);
  const rest = [...DEFAULT_DATA_SOURCE_SETTINGS.order, ...providers].filter((name) => known.has(name) && !ranked.includes(name));
  return [...new Set([...ranked, ...rest])];
}

/** Scheme, host and path only: credentials in the user-info part and query strings never show. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname;
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return '(invalid URL)';
  }
}
