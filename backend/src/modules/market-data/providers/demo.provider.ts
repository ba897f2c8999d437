import { DemoMarket } from '../domain/demo-market.js';
import type { AdjFactor, DailyBar, StockBasic, TradeCalendarDay } from '../domain/market-types.js';
import { chinaDateOf } from '../domain/trade-dates.js';
import type { MarketDataProvider, ProviderCallOptions, ProviderCapabilities } from './market-data-provider.js';

export interface DemoProviderOptions {
  market?: DemoMarket;
  /** Bars after "today" do not exist yet; tests pin it. Defaults to the current date in China. */
  today?: () => string;
}

/**
 * SYNTHETIC data for the offline demo and tests (see domain/demo-market.ts). Marked `synthetic` in its
 * capabilities so every screen and log can label it; never enabled by default.
 */
export class DemoProvider implements MarketDataProvider {
  static readonly providerName = 'demo';
  readonly name = DemoProvider.providerName;
  readonly capabilities: ProviderCapabilities = {
    bulkByTradeDate: true,
    synthetic: true,
    endpoints: {
      stockBasics: 'demo_stock_basics',
      tradeCalendar: 'demo_calendar',
      dailyByTradeDate: 'demo_daily',
      dailyByStock: 'demo_daily',
      adjFactorByTradeDate: 'demo_adj_factor',
      adjFactorByStock: 'demo_adj_factor',
    },
  };
  private readonly market: DemoMarket;
  private readonly today: () => string;

  constructor(options: DemoProviderOptions = {}) {
    this.market = options.market ?? new DemoMarket();
    this.today = options.today ?? (() => chinaDateOf(new Date()));
  }

  async stockBasics(options?: ProviderCallOptions): Promise<StockBasic[]> {
    options?.signal?.throwIfAborted();
    return this.market.stockBasics();
  }

  async tradeCalendar(from: string, to: string, options?: ProviderCallOptions): Promise<TradeCalendarDay[]> {
    options?.signal?.throwIfAborted();
    return this.market.calendar(from, to);
  }

  async dailyByTradeDate(tradeDate: string, options?: ProviderCallOptions): Promise<DailyBar[]> {
    options?.signal?.throwIfAborted();
    return tradeDate > this.today() ? [] : this.market.barsForDate(tradeDate);
  }

  async dailyByStock(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<DailyBar[]> {
    options?.signal?.throwIfAborted();
    return this.market.barsForStock(tsCode, from, this.cap(to));
  }

  async adjFactorByTradeDate(tradeDate: string, options?: ProviderCallOptions): Promise<AdjFactor[]> {
    options?.signal?.throwIfAborted();
    return tradeDate > this.today() ? [] : this.market.adjFactorsForDate(tradeDate);
  }

  async adjFactorByStock(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<AdjFactor[]> {
    options?.signal?.throwIfAborted();
    return this.market.adjFactorsForStock(tsCode, from, this.cap(to));
  }

  async healthCheck(): Promise<void> {}

  private cap(to: string): string {
    const today = this.today();
    return to > today ? today : to;
  }
}
