import { AkshareProvider, type AkshareConfig } from './akshare.provider.js';
import { DemoProvider, type DemoProviderOptions } from './demo.provider.js';
import type { MarketDataProvider } from './market-data-provider.js';
import { TushareProvider, type TushareConfig } from './tushare.provider.js';

/** Connection settings for every provider (token, URLs); enable switches and order live in the manager's settings. */
export interface MarketDataConnectionConfig {
  tushare: TushareConfig;
  akshare: AkshareConfig;
  demo?: DemoProviderOptions;
}

export interface MarketDataProviderRegistration {
  readonly name: string;
  readonly create: (config: MarketDataConnectionConfig) => MarketDataProvider;
}

/** Every provider the platform knows. A new provider is one class plus one line here. */
export const MARKET_DATA_PROVIDERS: readonly MarketDataProviderRegistration[] = [
  { name: TushareProvider.providerName, create: (config) => new TushareProvider(config.tushare) },
  { name: AkshareProvider.providerName, create: (config) => new AkshareProvider(config.akshare) },
  { name: DemoProvider.providerName, create: (config) => new DemoProvider(config.demo) },
];

export function createMarketDataProviders(config: MarketDataConnectionConfig): MarketDataProvider[] {
  return MARKET_DATA_PROVIDERS.map((registration) => registration.create(config));
}
