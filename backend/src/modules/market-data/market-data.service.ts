import { Injectable } from '@nestjs/common';
import type { BarsAdjust, CalendarCoverageDto, MarketBarDto, MarketBarsDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { allocateSeries, forwardAdjustSeries, type MarketBarSeries } from './bars/bar-series.js';
import { addDays, chinaDateOf, isIsoDate } from './domain/trade-dates.js';
import { Stock } from './entities/stock.entity.js';
import { MarketDataStore, type BarRow } from './market-data.store.js';

export type { MarketBarSeries };

export interface BarsForOptions {
  /** `qfq` (default): forward-adjusted to the last bar of each returned series; `none`: as traded. */
  adjust?: BarsAdjust;
  /** Stocks per SQL query (default 500 ≈ 150k rows for 300 bars): bounds memory while streaming. */
  batchSize?: number;
}

/** Longest range the bars route serves in one answer (about ten years). */
const MAX_BARS_RANGE_DAYS = 3_700;
const DEFAULT_BARS_RANGE_DAYS = 365;

/**
 * The read side of market data, exported for other modules (signals reads bars through here).
 *
 * For the signals job: `streamBarsFor(codes, from, to)` yields one columnar series per stock
 * (Float64Arrays, structurally the signals module's `BarColumns`) with bounded memory: one SQL query
 * per batch of 500 stocks, rows fetched in pg's array mode (no per-row objects) and written straight
 * into typed arrays. `barsFor` collects the same into a Map for callers that want everything at once
 * (5,000 stocks × 300 bars ≈ 100 MB of typed arrays). Stocks without bars in the window are absent.
 */
@Injectable()
export class MarketDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
    private readonly clock: Clock,
  ) {}

  /** Bars of many stocks in [from, to], one series per stock with data, keyed by ts_code. */
  async barsFor(tsCodes: readonly string[], from: string, to: string, options: BarsForOptions = {}): Promise<Map<string, MarketBarSeries>> {
    const out = new Map<string, MarketBarSeries>();
    for await (const series of this.streamBarsFor(tsCodes, from, to, options)) out.set(series.tsCode, series);
    return out;
  }

  /** Same as barsFor, one series at a time in ts_code order. */
  async *streamBarsFor(tsCodes: readonly string[], from: string, to: string, options: BarsForOptions = {}): AsyncGenerator<MarketBarSeries> {
    assertDates(from, to);
    const adjust = options.adjust ?? 'qfq';
    const batchSize = Math.max(1, options.batchSize ?? 500);
    const codes = [...new Set(tsCodes)].sort();
    for (let i = 0; i < codes.length; i += batchSize) {
      const batch = codes.slice(i, i + batchSize);
      const { rows, seeds } = await this.store.barRows(this.dataSource.manager, batch, from, to, adjust === 'qfq');
      yield* toSeries(rows, seeds);
    }
  }

  /** Latest trade date with any stored bar, or null when the store is empty. */
  latestTradeDate(): Promise<string | null> {
    return this.store.latestBarDate(this.dataSource.manager);
  }

  /** The newest `n` trade dates with any stored bar, ascending (the demo signals' days). */
  latestBarDates(n: number): Promise<string[]> {
    return this.store.latestBarDates(this.dataSource.manager, n);
  }

  /** Basics of the given stocks (names and listing status for lists, validation and draws). */
  async stocksByCode(codes: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, Stock>> {
    if (codes.length === 0) return new Map();
    const rows = await this.store.stocksByCode(m, codes);
    return new Map(rows.map((s) => [s.tsCode, s]));
  }

  /** Deletes these stocks (leaving demo mode: the caller passes codes no pool lists); returns how many went. */
  async deleteStocksIn(m: EntityManager, codes: readonly string[]): Promise<number> {
    if (codes.length === 0) return 0;
    return this.store.deleteStocks(m, codes);
  }

  /** Open days of the stored trade calendar in [from, to], ascending. */
  async tradingDays(from: string, to: string): Promise<string[]> {
    assertDates(from, to);
    return this.store.openDates(this.dataSource.manager, from, to);
  }

  /**
   * `GET /market/bars`, first half: the range asked for (defaults: the last DEFAULT_BARS_RANGE_DAYS
   * up to today), validated, and the stock known. Who may see the stock's bars is the caller's rule
   * (allocation serves the route: a member only for a stock they hold now); then `barsDto`.
   */
  async barsRange(q: { tsCode: string; from?: string; to?: string }): Promise<{ from: string; to: string }> {
    const to = q.to ?? chinaDateOf(this.clock.now());
    const from = q.from ?? addDays(to, -DEFAULT_BARS_RANGE_DAYS);
    if (from > to) throw AppException.badRequest('VALIDATION_FAILED', 'from must not be after to', [{ field: 'from', errors: ['from must not be after to'] }]);
    if (Date.parse(to) - Date.parse(from) > MAX_BARS_RANGE_DAYS * 86_400_000) {
      throw AppException.badRequest('VALIDATION_FAILED', `The range may span at most ${MAX_BARS_RANGE_DAYS} days`, [{ field: 'from', errors: ['range too long'] }]);
    }
    if (!(await this.store.stockExists(this.dataSource.manager, q.tsCode))) throw AppException.notFound('STOCK_NOT_FOUND', `Unknown stock ${q.tsCode}`);
    return { from, to };
  }

  /** `GET /market/bars`, second half: the stock's bars in [from, to] as the route answers them. */
  async barsDto(q: { tsCode: string; adjust?: BarsAdjust }, from: string, to: string): Promise<MarketBarsDto> {
    const adjust = q.adjust ?? 'qfq';
    const series = (await this.barsFor([q.tsCode], from, to, { adjust })).get(q.tsCode);
    const items: MarketBarDto[] = [];
    if (series) {
      const price = adjust === 'qfq' ? round4 : (v: number) => v;
      for (let i = 0; i < series.length; i++) {
        items.push({
          tradeDate: series.tradeDates[i]!,
          open: price(series.open[i]!),
          high: price(series.high[i]!),
          low: price(series.low[i]!),
          close: price(series.close[i]!),
          volume: series.volume[i]!,
          amount: series.amount[i]!,
        });
      }
    }
    return { tsCode: q.tsCode, adjust, synthetic: series?.synthetic ?? false, items };
  }

  /** Open days of a year up to today with the bars stored for each (the admin heat-map). */
  async calendarCoverage(year: number): Promise<CalendarCoverageDto> {
    const from = `${year}-01-01`;
    const today = chinaDateOf(this.clock.now());
    const to = `${year}-12-31` < today ? `${year}-12-31` : today;
    const rows = await this.store.calendarCoverage(this.dataSource.manager, from, to);
    return { year, tradingDays: rows.length, days: rows };
  }
}

/** Groups rows (ordered by ts_code, trade_date) into series and applies the adjustment. */
function* toSeries(rows: readonly BarRow[], seeds: Map<string, number> | null): Generator<MarketBarSeries> {
  let start = 0;
  while (start < rows.length) {
    const tsCode = rows[start]![0];
    let end = start + 1;
    while (end < rows.length && rows[end]![0] === tsCode) end++;
    const series = allocateSeries(tsCode, end - start);
    const factors = seeds ? new Float64Array(end - start) : null;
    for (let i = 0; i < end - start; i++) {
      const r = rows[start + i]!;
      series.tradeDates[i] = r[1];
      series.open[i] = r[2];
      series.high[i] = r[3];
      series.low[i] = r[4];
      series.close[i] = r[5];
      series.volume[i] = r[6];
      series.amount[i] = r[7];
      if (factors) factors[i] = r[8] ?? Number.NaN;
      if (r[9]) series.synthetic = true;
    }
    if (factors) forwardAdjustSeries(series, factors, seeds!.get(tsCode) ?? null);
    yield series;
    start = end;
  }
}

function assertDates(from: string, to: string): void {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) throw new RangeError(`bad date range ${from}..${to}`);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
