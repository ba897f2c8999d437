import { fnv1a32, mulberry32 } from '../../../common/prng/index.js';
import { DEMO_UNIVERSE, type DemoStock } from './demo-universe.js';
import type { AdjFactor, DailyBar, StockBasic, TradeCalendarDay } from './market-types.js';
import { boardOfSymbol, parseTsCode, priceLimitOfSymbol } from './stock-codes.js';
import { addDays, dayOfWeek, eachDay } from './trade-dates.js';

/**
 * Deterministic synthetic A-share market for the offline demo and the protocol fakes.
 *
 * Every stock's history is a geometric random walk seeded from its ts_code, so any two consumers
 * (the demo provider, the Tushare fake, the AKTools fake) see exactly the same bars. Prices obey the
 * board's daily limit and the quality rules; volumes are whole lots; amounts whole yuan (so Tushare's
 * 千元 and AKShare's 元 both convert back to identical numbers). Once a year each stock pays a cash
 * dividend: the unadjusted price drops on the ex-date and the adjustment factor rises, as in real data.
 */

/** First day the demo market has data for; earlier dates are simply empty. */
export const DEMO_EPOCH = '2018-01-02';

/** Weekdays are trading days except these month-days (a fixed stand-in for the real holiday table). */
const FIXED_HOLIDAYS = new Set([
  '01-01',
  '02-10', '02-11', '02-12', '02-13', '02-14',
  '04-05',
  '05-01', '05-02', '05-03',
  '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07',
]);

export function isDemoTradingDay(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !FIXED_HOLIDAYS.has(date.slice(5));
}

interface SeriesDay {
  tradeDate: string;
  factor: number;
  /** Null on a suspension day: no bar, but the factor row still exists (as with Tushare). */
  bar: DailyBar | null;
}

const SUSPENSION_PROBABILITY = 0.004;

/** One stock's lazily extended history. Extending never changes days already generated. */
class StockSeries {
  readonly days: SeriesDay[] = [];
  readonly byDate = new Map<string, SeriesDay>();
  /** Shares in free float, fixed per stock; used for turnover in the AKShare columns. */
  readonly floatShares: number;
  private readonly random: () => number;
  private readonly sigma: number;
  private readonly drift: number;
  private readonly baseShares: number;
  private readonly limit: number;
  private readonly exDividendMonthDay: string;
  private readonly firstDay: string;
  private readonly lastDay: string | null;
  private nextDay: string;
  private lastClose: number;
  private factor: number;
  private lastDividendYear = 0;

  constructor(readonly stock: DemoStock, epoch: string) {
    this.random = mulberry32(fnv1a32(stock.tsCode));
    const symbol = parseTsCode(stock.tsCode)?.symbol ?? '000000';
    this.limit = priceLimitOfSymbol(symbol);
    this.sigma = 0.012 + this.random() * 0.014;
    this.drift = (this.random() - 0.45) * 0.0012;
    const dailyTurnoverYuan = 10 ** (8.3 + this.random() * 1.3);
    this.baseShares = dailyTurnoverYuan / stock.startPrice;
    this.floatShares = Math.round(this.baseShares * (60 + this.random() * 240)) * 100;
    this.factor = round(1 + this.random() * 11, 3);
    const month = this.random() < 0.5 ? '06' : '07';
    this.exDividendMonthDay = `${month}-${String(1 + Math.floor(this.random() * 28)).padStart(2, '0')}`;
    this.firstDay = stock.listDate > epoch ? stock.listDate : epoch;
    // The delisting date is the first day without trading.
    this.lastDay = stock.delistDate ? addDays(stock.delistDate, -1) : null;
    this.nextDay = this.firstDay;
    this.lastClose = stock.startPrice;
  }

  extendTo(date: string): void {
    const until = this.lastDay !== null && this.lastDay < date ? this.lastDay : date;
    while (this.nextDay <= until) {
      const day = this.nextDay;
      this.nextDay = addDays(day, 1);
      if (isDemoTradingDay(day)) this.generate(day);
    }
  }

  private generate(tradeDate: string): void {
    // Draw the same number of values every day so the sequence never depends on branches taken.
    const suspendedDraw = this.random();
    const returnShock = gaussian(this.random);
    const gapShock = gaussian(this.random);
    const upperWick = this.random();
    const lowerWick = this.random();
    const volumeShock = gaussian(this.random);
    const dividendDraw = this.random();

    const suspended = suspendedDraw < SUSPENSION_PROBABILITY && this.days.length > 0;
    let preClose = this.lastClose;
    const year = Number(tradeDate.slice(0, 4));
    if (!suspended && year > this.lastDividendYear && tradeDate.slice(5) >= this.exDividendMonthDay) {
      this.lastDividendYear = year;
      const cash = round(this.lastClose * (0.004 + dividendDraw * 0.025), 2);
      if (cash >= 0.01 && cash < this.lastClose) {
        this.factor = round((this.factor * this.lastClose) / (this.lastClose - cash), 3);
        preClose = round(this.lastClose - cash, 2);
      }
    }
    if (suspended) {
      this.push({ tradeDate, factor: this.factor, bar: null });
      return;
    }

    const maxMove = this.limit - 0.002;
    const limitUp = round(preClose * (1 + this.limit), 2);
    const limitDown = Math.max(0.01, round(preClose * (1 - this.limit), 2));
    // σ²/2 offsets the volatility drag of a geometric walk, so prices wander instead of decaying.
    const change = clamp(this.drift + (this.sigma * this.sigma) / 2 + this.sigma * returnShock, -maxMove, maxMove);
    const close = clamp(round(preClose * (1 + change), 2), limitDown, limitUp);
    const gap = clamp(this.sigma * 0.3 * gapShock, -maxMove, maxMove);
    const open = clamp(round(preClose * (1 + gap), 2), limitDown, limitUp);
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    const high = clamp(round(top * (1 + this.sigma * 0.6 * upperWick), 2), top, Math.max(top, limitUp));
    const low = clamp(round(bottom * (1 - this.sigma * 0.6 * lowerWick), 2), Math.min(bottom, limitDown), bottom);

    const lots = Math.max(1, Math.round((this.baseShares * Math.exp(0.35 * volumeShock) * (1 + 8 * Math.abs(change))) / 100));
    const volume = lots * 100;
    const amount = Math.round((volume * (open + high + low + close)) / 4);

    this.lastClose = close;
    this.push({
      tradeDate,
      factor: this.factor,
      bar: { tsCode: this.stock.tsCode, tradeDate, open, high, low, close, preClose, volume, amount },
    });
  }

  private push(day: SeriesDay): void {
    this.days.push(day);
    this.byDate.set(day.tradeDate, day);
  }
}

/** Series are pure functions of (stock, epoch), so all DemoMarket instances share them. */
const seriesCache = new Map<string, StockSeries>();

export class DemoMarket {
  private readonly stocksByCode: Map<string, DemoStock>;

  constructor(
    readonly universe: readonly DemoStock[] = DEMO_UNIVERSE,
    private readonly epoch: string = DEMO_EPOCH,
  ) {
    this.stocksByCode = new Map(universe.map((stock) => [stock.tsCode, stock]));
  }

  isTradingDay(date: string): boolean {
    return isDemoTradingDay(date);
  }

  calendar(from: string, to: string): TradeCalendarDay[] {
    return eachDay(from, to).map((date) => ({ date, isOpen: isDemoTradingDay(date) }));
  }

  tradingDays(from: string, to: string): string[] {
    return eachDay(from, to).filter(isDemoTradingDay);
  }

  stockBasics(): StockBasic[] {
    return this.universe.map((stock) => {
      const parsed = parseTsCode(stock.tsCode);
      if (!parsed) throw new RangeError(`bad demo ts_code ${stock.tsCode}`);
      const basic: StockBasic = {
        tsCode: stock.tsCode,
        symbol: parsed.symbol,
        name: stock.name,
        exchange: parsed.exchange,
        market: boardOfSymbol(parsed.symbol) ?? '主板',
        industry: stock.industry,
        listDate: stock.listDate,
        status: stock.delistDate ? 'delisted' : 'listed',
      };
      if (stock.delistDate) basic.delistDate = stock.delistDate;
      return basic;
    });
  }

  has(tsCode: string): boolean {
    return this.stocksByCode.has(tsCode);
  }

  /** Bars ascending by date; suspension days have no bar. */
  barsForStock(tsCode: string, from: string, to: string): DailyBar[] {
    return this.daysForStock(tsCode, from, to).flatMap((day) => (day.bar ? [{ ...day.bar }] : []));
  }

  /** Whole market on one date, ordered by ts_code. */
  barsForDate(date: string): DailyBar[] {
    return this.dayAcrossMarket(date).flatMap((day) => (day.bar ? [{ ...day.bar }] : []));
  }

  adjFactorsForStock(tsCode: string, from: string, to: string): AdjFactor[] {
    return this.daysForStock(tsCode, from, to).map((day) => ({ tsCode, tradeDate: day.tradeDate, factor: day.factor }));
  }

  adjFactorsForDate(date: string): AdjFactor[] {
    return this.dayAcrossMarket(date).map((day) => ({
      tsCode: day.tsCode,
      tradeDate: day.tradeDate,
      factor: day.factor,
    }));
  }

  floatShares(tsCode: string): number {
    return this.series(tsCode)?.floatShares ?? 0;
  }

  private daysForStock(tsCode: string, from: string, to: string): SeriesDay[] {
    const series = this.series(tsCode);
    if (!series) return [];
    series.extendTo(to);
    return series.days.filter((day) => day.tradeDate >= from && day.tradeDate <= to);
  }

  private dayAcrossMarket(date: string): Array<SeriesDay & { tsCode: string }> {
    const codes = [...this.stocksByCode.keys()].sort();
    const days: Array<SeriesDay & { tsCode: string }> = [];
    for (const tsCode of codes) {
      const series = this.series(tsCode);
      if (!series) continue;
      series.extendTo(date);
      const day = series.byDate.get(date);
      if (day) days.push({ ...day, tsCode });
    }
    return days;
  }

  private series(tsCode: string): StockSeries | undefined {
    const stock = this.stocksByCode.get(tsCode);
    if (!stock) return undefined;
    const key = `${this.epoch}|${stock.tsCode}|${stock.listDate}|${stock.delistDate ?? ''}|${stock.startPrice}`;
    let series = seriesCache.get(key);
    if (!series) {
      series = new StockSeries(stock, this.epoch);
      seriesCache.set(key, series);
    }
    return series;
  }
}

/** Box–Muller; clipped so a single draw cannot produce an absurd day. */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return clamp(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v), -4, 4);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round(value: number, decimals: number): number {
  const power = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * power) / power;
}
