import { Injectable } from '@nestjs/common';
import type { BarsAdjust, CalendarCoverageDto, MarketBarDto, MarketBarsDto } from '@zhice/shared';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { allocateSeries, forwardAdjustSeries, type MarketBarSeries } from './bars/bar-series.js';
import { addDays, chinaDateOf, isIsoDate } from './domain/trade-dates.js';
import { Stock } from './entities/stock.entity.js';

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

type BarRow = [tsCode: string, tradeDate: string, open: number, high: number, low: number, close: number, volume: number, amount: number, factor: number | null, synthetic: boolean];

/** Exported so the signals benchmark's baseline streams with exactly this query. */
export const BARS_SQL = `
  SELECT b.ts_code, b.trade_date::text, b.open, b.high, b.low, b.close, b.volume::float8, b.amount, f.factor, b.source = 'demo'
    FROM daily_bars b
    -- The factor side repeats the filters so the planner probes its index instead of scanning it.
    LEFT JOIN adj_factors f ON f.ts_code = b.ts_code AND f.trade_date = b.trade_date
         AND f.ts_code = ANY($1::varchar[]) AND f.trade_date BETWEEN $2::date AND $3::date
   WHERE b.ts_code = ANY($1::varchar[]) AND b.trade_date BETWEEN $2::date AND $3::date
   ORDER BY b.ts_code, b.trade_date`;

/** The factor in force just before the window, per stock (one PK index probe each). */
const SEED_FACTORS_SQL = `
  SELECT c.code, f.factor
    FROM unnest($1::varchar[]) AS c(code)
    CROSS JOIN LATERAL (SELECT factor FROM adj_factors a WHERE a.ts_code = c.code AND a.trade_date < $2::date ORDER BY a.trade_date DESC LIMIT 1) f`;

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
      const [rows, seeds] = await this.withClient(async (client) => {
        const bars = await client.query<BarRow>({ text: BARS_SQL, values: [batch, from, to], rowMode: 'array' });
        if (adjust !== 'qfq') return [bars.rows, null] as const;
        const seed = await client.query<[string, number]>({ text: SEED_FACTORS_SQL, values: [batch, from], rowMode: 'array' });
        return [bars.rows, new Map(seed.rows)] as const;
      });
      yield* toSeries(rows, seeds);
    }
  }

  /** Latest trade date with any stored bar, or null when the store is empty. */
  async latestTradeDate(): Promise<string | null> {
    const rows: Array<{ d: string | null }> = await this.dataSource.query('SELECT max(trade_date)::text AS d FROM daily_bars');
    return rows[0]?.d ?? null;
  }

  /** The newest `n` trade dates with any stored bar, ascending (the demo signals' days). */
  async latestBarDates(n: number): Promise<string[]> {
    const rows: Array<{ d: string }> = await this.dataSource.query(
      'SELECT d::text FROM (SELECT DISTINCT trade_date AS d FROM daily_bars ORDER BY 1 DESC LIMIT $1) x ORDER BY 1',
      [n],
    );
    return rows.map((r) => r.d);
  }

  /** Basics of the given stocks (names and listing status for lists, validation and draws). */
  async stocksByCode(codes: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, Stock>> {
    if (codes.length === 0) return new Map();
    const rows = await m.createQueryBuilder(Stock, 's').where('s.ts_code = ANY(:codes)', { codes: [...new Set(codes)] }).getMany();
    return new Map(rows.map((s) => [s.tsCode, s]));
  }

  /** Deletes these stocks (leaving demo mode: the caller passes codes no pool lists); returns how many went. */
  async deleteStocksIn(m: EntityManager, codes: readonly string[]): Promise<number> {
    if (codes.length === 0) return 0;
    const rows: unknown = await m.query(`DELETE FROM stocks WHERE ts_code = ANY($1::varchar[]) RETURNING 1`, [[...codes]]);
    return Array.isArray(rows) && rows.length === 2 && Array.isArray(rows[0]) ? rows[0].length : Array.isArray(rows) ? rows.length : 0;
  }

  /** Open days of the stored trade calendar in [from, to], ascending. */
  async tradingDays(from: string, to: string): Promise<string[]> {
    assertDates(from, to);
    const rows: Array<{ d: string }> = await this.dataSource.query(
      'SELECT cal_date::text AS d FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2 AND is_open ORDER BY cal_date',
      [from, to],
    );
    return rows.map((r) => r.d);
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
    const known: unknown[] = await this.dataSource.query('SELECT 1 FROM stocks WHERE ts_code = $1', [q.tsCode]);
    if (known.length === 0) throw AppException.notFound('STOCK_NOT_FOUND', `Unknown stock ${q.tsCode}`);
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
    const rows: Array<{ date: string; rows: number; complete: boolean; source: string | null }> = await this.dataSource.query(
      `SELECT c.cal_date::text AS date, COALESCE(b.n, 0) AS rows,
              COALESCE(s.bars_complete AND s.factors_complete, false) AS complete, s.source
         FROM trade_calendar c
         LEFT JOIN (SELECT trade_date, count(*)::int AS n FROM daily_bars WHERE trade_date BETWEEN $1 AND $2 GROUP BY trade_date) b ON b.trade_date = c.cal_date
         LEFT JOIN market_sync_dates s ON s.trade_date = c.cal_date
        WHERE c.cal_date BETWEEN $1 AND $2 AND c.is_open
        ORDER BY c.cal_date`,
      [from, to],
    );
    return { year, tradingDays: rows.length, days: rows };
  }

  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      return await fn(client);
    } finally {
      await runner.release();
    }
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
