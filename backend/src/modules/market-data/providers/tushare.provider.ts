import { msUntilShanghaiMidnight } from '@zhice/shared';
import type { AdjFactor, DailyBar, Exchange, ListingStatus, StockBasic, TradeCalendarDay } from '../domain/market-types.js';
import { parseTsCode } from '../domain/stock-codes.js';
import { addDays, chinaDateOf, fromCompactDate, toCompactDate } from '../domain/trade-dates.js';
import { sampleOf, sendHttp } from './http-transport.js';
import { byCodeThenDate, isObject, numberOrNaN, roundCents } from './payload-values.js';
import type { MarketDataProvider, ProviderCallOptions, ProviderCapabilities } from './market-data-provider.js';
import {
  MalformedPayloadError,
  PermanentProviderError,
  RateLimitError,
  TransientProviderError,
  type RateLimitWindow,
} from './provider-errors.js';

/** Protocol facts: /work/shared/protocols/tushare.md. */

export interface TushareConfig {
  token: string;
  /** `http://api.tushare.pro` (default), `https://api.tushare.pro`, `http://api.waditu.com/dataapi` or a proxy. */
  baseUrl?: string;
  /** Last-resort socket timeout; the manager's per-call timeout normally fires first. */
  timeoutMs?: number;
}

export const TUSHARE_DEFAULT_BASE_URL = 'http://api.tushare.pro';

/** `daily` returns at most 6000 rows per call (doc T4). */
const ROW_CAP = 6000;

const DAILY_FIELDS = ['ts_code', 'trade_date', 'open', 'high', 'low', 'close', 'pre_close', 'vol', 'amount'];
const ADJ_FACTOR_FIELDS = ['ts_code', 'trade_date', 'adj_factor'];
const STOCK_BASIC_FIELDS = ['ts_code', 'symbol', 'name', 'industry', 'market', 'exchange', 'list_status', 'list_date', 'delist_date'];
const TRADE_CAL_FIELDS = ['exchange', 'cal_date', 'is_open'];

const EXCHANGES: Record<string, Exchange> = { SSE: 'SH', SZSE: 'SZ', BSE: 'BJ' };
const LIST_STATUSES: Record<string, ListingStatus> = { L: 'listed', D: 'delisted', P: 'suspended' };

type Row = Record<string, unknown>;
type Params = Record<string, string | number>;

export class TushareProvider implements MarketDataProvider {
  static readonly providerName = 'tushare';
  readonly name = TushareProvider.providerName;
  readonly capabilities: ProviderCapabilities = {
    bulkByTradeDate: true,
    synthetic: false,
    endpoints: {
      stockBasics: 'stock_basic',
      tradeCalendar: 'trade_cal',
      dailyByTradeDate: 'daily',
      dailyByStock: 'daily',
      adjFactorByTradeDate: 'adj_factor',
      adjFactorByStock: 'adj_factor',
    },
  };
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly config: TushareConfig) {
    this.baseUrl = (config.baseUrl?.trim() || TUSHARE_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? 30_000;
  }

  async stockBasics(options?: ProviderCallOptions): Promise<StockBasic[]> {
    // One call per listing status: the default (L) omits delisted and suspended names.
    const basics: StockBasic[] = [];
    for (const listStatus of ['L', 'D', 'P']) {
      const rows = await this.query('stock_basic', { list_status: listStatus }, STOCK_BASIC_FIELDS, options);
      for (const row of rows) basics.push(this.toStockBasic(row, listStatus));
    }
    return basics;
  }

  async tradeCalendar(from: string, to: string, options?: ProviderCallOptions): Promise<TradeCalendarDay[]> {
    const rows = await this.query(
      'trade_cal',
      { exchange: 'SSE', start_date: toCompactDate(from), end_date: toCompactDate(to) },
      TRADE_CAL_FIELDS,
      options,
    );
    return rows
      .map((row) => ({ date: this.date(row, 'cal_date', 'trade_cal'), isOpen: Number(row.is_open) === 1 }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Exactly one HTTP call for a normal market (~5,400 rows); pages only if the 6000-row cap is hit. */
  async dailyByTradeDate(tradeDate: string, options?: ProviderCallOptions): Promise<DailyBar[]> {
    const rows = await this.queryAllByOffset('daily', { trade_date: toCompactDate(tradeDate) }, DAILY_FIELDS, options);
    return rows.map((row) => this.toDailyBar(row)).sort(byCodeThenDate);
  }

  async dailyByStock(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<DailyBar[]> {
    const rows = await this.queryStockRange('daily', tsCode, from, to, DAILY_FIELDS, options);
    return rows.map((row) => this.toDailyBar(row)).sort(byCodeThenDate);
  }

  async adjFactorByTradeDate(tradeDate: string, options?: ProviderCallOptions): Promise<AdjFactor[]> {
    const rows = await this.queryAllByOffset('adj_factor', { trade_date: toCompactDate(tradeDate) }, ADJ_FACTOR_FIELDS, options);
    return rows.map((row) => this.toAdjFactor(row)).sort(byCodeThenDate);
  }

  async adjFactorByStock(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<AdjFactor[]> {
    const rows = await this.queryStockRange('adj_factor', tsCode, from, to, ADJ_FACTOR_FIELDS, options);
    return rows.map((row) => this.toAdjFactor(row)).sort(byCodeThenDate);
  }

  /** `trade_cal` for the current week: cheap, and proves the URL and token. */
  async healthCheck(options?: ProviderCallOptions): Promise<void> {
    const today = chinaDateOf(new Date());
    await this.tradeCalendar(addDays(today, -7), today, options);
  }

  /** Range query for one stock; rows come newest first, so a capped page continues before its oldest date. */
  private async queryStockRange(
    api: string,
    tsCode: string,
    from: string,
    to: string,
    fields: string[],
    options?: ProviderCallOptions,
  ): Promise<Row[]> {
    const all: Row[] = [];
    let end = to;
    for (;;) {
      const params = { ts_code: tsCode, start_date: toCompactDate(from), end_date: toCompactDate(end) };
      const rows = await this.query(api, params, fields, options);
      all.push(...rows);
      if (rows.length < ROW_CAP) return all;
      const oldest = rows.map((row) => this.date(row, 'trade_date', api)).sort()[0]!;
      if (oldest <= from) return all;
      end = addDays(oldest, -1);
    }
  }

  private async queryAllByOffset(api: string, params: Params, fields: string[], options?: ProviderCallOptions): Promise<Row[]> {
    const all = await this.query(api, params, fields, options);
    let page = all;
    while (page.length >= ROW_CAP) {
      page = await this.query(api, { ...params, limit: ROW_CAP, offset: all.length }, fields, options);
      all.push(...page);
    }
    return all;
  }

  /** One POST; returns rows keyed by `data.fields` (never by request order, per the protocol notes). */
  private async query(api: string, params: Params, fields: string[], options?: ProviderCallOptions): Promise<Row[]> {
    const answer = await sendHttp({
      provider: this.name,
      api,
      url: this.urlFor(api),
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_name: api, token: this.config.token, params, fields: fields.join(',') }),
      },
      signal: options?.signal,
      timeoutMs: this.timeoutMs,
    });
    this.throwOnHttpStatus(api, answer.status, answer.body);

    let envelope: unknown;
    try {
      envelope = JSON.parse(answer.body);
    } catch (error) {
      throw this.malformed(api, 'response is not JSON', answer.body, error);
    }
    if (!isObject(envelope) || typeof envelope.code !== 'number') {
      throw this.malformed(api, 'no numeric `code` in the envelope', answer.body);
    }
    if (envelope.code !== 0) {
      throw this.businessError(api, envelope.code, typeof envelope.msg === 'string' ? envelope.msg : '');
    }
    const data = envelope.data;
    if (!isObject(data) || !Array.isArray(data.fields) || !Array.isArray(data.items)) {
      throw this.malformed(api, '`data.fields` / `data.items` missing', answer.body);
    }
    const columns = data.fields as unknown[];
    if (!columns.every((column) => typeof column === 'string')) throw this.malformed(api, 'non-string field name', answer.body);
    const missing = fields.filter((field) => !columns.includes(field));
    if (missing.length > 0) throw this.malformed(api, `columns missing: ${missing.join(',')}`, answer.body);

    return (data.items as unknown[]).map((item) => {
      if (!Array.isArray(item) || item.length !== columns.length) {
        throw this.malformed(api, 'row does not match `fields`', JSON.stringify(item));
      }
      const row: Row = {};
      columns.forEach((column, index) => {
        row[column as string] = item[index];
      });
      return row;
    });
  }

  /** The SDK 1.4 endpoint (`…/dataapi`) takes the API name in the path; the root endpoint does not. */
  private urlFor(api: string): string {
    return this.baseUrl.endsWith('/dataapi') ? `${this.baseUrl}/${api}` : this.baseUrl;
  }

  private throwOnHttpStatus(api: string, status: number, body: string): void {
    if (status >= 200 && status < 300) return;
    if (status === 429) {
      throw new RateLimitError({ provider: this.name, api, window: 'unknown', retryAfterMs: 60_000, message: `${api}: HTTP 429` });
    }
    if (status >= 500 || status === 408) {
      throw new TransientProviderError({ provider: this.name, api, reason: 'http_status', status, message: `${api}: HTTP ${status}` });
    }
    // Business errors come back as HTTP 200, so any other status means a wrong base URL or proxy.
    throw new PermanentProviderError({
      provider: this.name,
      api,
      scope: 'provider',
      code: status,
      message: `${api}: HTTP ${status} from ${this.baseUrl} (check the base URL): ${sampleOf(body, 100)}`,
    });
  }

  /**
   * 40203 means both "no permission" and "rate limited"; only the message tells them apart
   * (每分钟/每小时/每天最多访问 = rate limit).
   */
  private businessError(api: string, code: number, msg: string): Error {
    const base = { provider: this.name, api, message: `${api}: ${code} ${msg}` };
    const window = rateLimitWindowOf(msg);
    if (window) return new RateLimitError({ ...base, window, retryAfterMs: retryAfterFor(window) });
    if (code === 40101) return new PermanentProviderError({ ...base, scope: 'provider', code });
    if (msg.includes('IP数量超限')) return new PermanentProviderError({ ...base, scope: 'provider', code });
    if (code === 40203 || code === -2002 || code === 2002 || msg.includes('权限')) {
      return new PermanentProviderError({ ...base, scope: 'api', code });
    }
    if (msg.includes('请指定正确的接口名')) return new PermanentProviderError({ ...base, scope: 'api', code });
    // Undocumented codes may be server trouble; retrying a few times is cheap and bounded.
    return new TransientProviderError({ ...base, reason: 'upstream' });
  }

  private toDailyBar(row: Row): DailyBar {
    const bar: DailyBar = {
      tsCode: this.tsCode(row, 'daily'),
      tradeDate: this.date(row, 'trade_date', 'daily'),
      open: numberOrNaN(row.open),
      high: numberOrNaN(row.high),
      low: numberOrNaN(row.low),
      close: numberOrNaN(row.close),
      // vol is in lots (手, may be fractional for odd lots); amount in thousand yuan (千元).
      volume: Math.round(numberOrNaN(row.vol) * 100),
      amount: roundCents(numberOrNaN(row.amount) * 1000),
    };
    if (row.pre_close !== null && row.pre_close !== undefined) bar.preClose = numberOrNaN(row.pre_close);
    return bar;
  }

  private toAdjFactor(row: Row): AdjFactor {
    return {
      tsCode: this.tsCode(row, 'adj_factor'),
      tradeDate: this.date(row, 'trade_date', 'adj_factor'),
      factor: numberOrNaN(row.adj_factor),
    };
  }

  private toStockBasic(row: Row, requestedStatus: string): StockBasic {
    const tsCode = this.tsCode(row, 'stock_basic');
    const parsed = parseTsCode(tsCode)!;
    const basic: StockBasic = {
      tsCode,
      symbol: typeof row.symbol === 'string' ? row.symbol : parsed.symbol,
      name: typeof row.name === 'string' ? row.name : '',
      exchange: EXCHANGES[String(row.exchange)] ?? parsed.exchange,
      listDate: typeof row.list_date === 'string' ? fromCompactDate(row.list_date) : null,
      status: LIST_STATUSES[String(row.list_status ?? requestedStatus)] ?? 'listed',
    };
    if (typeof row.market === 'string' && row.market) basic.market = row.market;
    if (typeof row.industry === 'string' && row.industry) basic.industry = row.industry;
    const delistDate = typeof row.delist_date === 'string' ? fromCompactDate(row.delist_date) : null;
    if (delistDate) basic.delistDate = delistDate;
    return basic;
  }

  private tsCode(row: Row, api: string): string {
    if (typeof row.ts_code !== 'string' || !parseTsCode(row.ts_code)) {
      throw this.malformed(api, `bad ts_code ${JSON.stringify(row.ts_code)}`, JSON.stringify(row));
    }
    return row.ts_code;
  }

  /** A date column that does not parse is a broken payload, not a bad row. */
  private date(row: Row, column: string, api: string): string {
    const value = row[column];
    const iso = typeof value === 'string' ? fromCompactDate(value) : null;
    if (!iso) throw this.malformed(api, `bad ${column} ${JSON.stringify(value)}`, JSON.stringify(row));
    return iso;
  }

  private malformed(api: string, problem: string, body: string, cause?: unknown): MalformedPayloadError {
    return new MalformedPayloadError({ provider: this.name, api, message: `${api}: ${problem}`, sample: sampleOf(body), cause });
  }
}

function rateLimitWindowOf(msg: string): RateLimitWindow | null {
  if (!msg.includes('最多访问')) return null;
  if (msg.includes('每分钟')) return 'minute';
  if (msg.includes('每小时')) return 'hour';
  if (msg.includes('每天')) return 'day';
  return 'unknown';
}

function retryAfterFor(window: RateLimitWindow): number {
  switch (window) {
    case 'minute':
    case 'unknown':
      return 60_000;
    case 'hour':
      return 3_600_000;
    case 'day': {
      // The daily quota resets at midnight China time.
      return msUntilShanghaiMidnight(new Date());
    }
  }
}
