import type { DailyBar, StockBasic, TradeCalendarDay } from '../domain/market-types.js';
import { boardOfSymbol, exchangeOfSymbol, parseTsCode } from '../domain/stock-codes.js';
import { addDays, chinaDateOf, eachDay, isIsoDate, toCompactDate } from '../domain/trade-dates.js';
import { sampleOf, sendHttp } from './http-transport.js';
import type { MarketDataProvider, ProviderCallOptions, ProviderCapabilities } from './market-data-provider.js';
import { byCodeThenDate, isObject, numberOrNaN, roundCents } from './payload-values.js';
import { MalformedPayloadError, PermanentProviderError, TransientProviderError } from './provider-errors.js';

/** Protocol facts: /work/shared/protocols/aktools-eastmoney.md (AKTools ≥0.0.91, AKShare 1.18). */

export interface AkshareConfig {
  /** AKTools server root (`AKTOOLS_URL`), e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  timeoutMs?: number;
}

/** `stock_zh_a_hist` columns (Chinese keys, in this order in the JSON objects). */
const HIST = {
  date: '日期',
  open: '开盘',
  close: '收盘',
  high: '最高',
  low: '最低',
  volumeLots: '成交量',
  amountYuan: '成交额',
} as const;

type Row = Record<string, unknown>;

export class AkshareProvider implements MarketDataProvider {
  static readonly providerName = 'akshare';
  readonly name = AkshareProvider.providerName;
  /** Eastmoney klines are per stock; there is no whole-market-by-date call and no factor API here. */
  readonly capabilities: ProviderCapabilities = {
    bulkByTradeDate: false,
    synthetic: false,
    endpoints: {
      stockBasics: 'stock_info_a_code_name',
      tradeCalendar: 'tool_trade_date_hist_sina',
      dailyByStock: 'stock_zh_a_hist',
    },
  };
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(config: AkshareConfig) {
    this.baseUrl = config.baseUrl.trim().replace(/\/+$/, '');
    this.timeoutMs = config.timeoutMs ?? 30_000;
  }

  async stockBasics(options?: ProviderCallOptions): Promise<StockBasic[]> {
    const rows = await this.get('stock_info_a_code_name', {}, options);
    const basics: StockBasic[] = [];
    for (const row of rows) {
      const symbol = typeof row.code === 'string' ? row.code : '';
      const exchange = exchangeOfSymbol(symbol);
      // The list is SZSE + SSE + BSE A-shares only; anything that is not an A-share code is skipped.
      if (!exchange || typeof row.name !== 'string') continue;
      basics.push({
        tsCode: `${symbol}.${exchange}`,
        symbol,
        name: normaliseName(row.name),
        exchange,
        market: boardOfSymbol(symbol) ?? undefined,
        listDate: null,
        status: 'listed',
      });
    }
    return basics;
  }

  /**
   * Sina publishes trading days only, up to the end of its current year; days after the last published
   * date are left out rather than reported closed.
   */
  async tradeCalendar(from: string, to: string, options?: ProviderCallOptions): Promise<TradeCalendarDay[]> {
    const rows = await this.get('tool_trade_date_hist_sina', {}, options);
    const open = new Set<string>();
    for (const row of rows) open.add(this.isoDate(row, 'trade_date', 'tool_trade_date_hist_sina'));
    const lastKnown = [...open].sort().at(-1);
    if (!lastKnown) return [];
    const until = to < lastKnown ? to : lastKnown;
    return from > until ? [] : eachDay(from, until).map((date) => ({ date, isOpen: open.has(date) }));
  }

  async dailyByStock(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<DailyBar[]> {
    const parsed = parseTsCode(tsCode);
    if (!parsed) throw new RangeError(`not a ts_code: ${tsCode}`);
    const rows = await this.get(
      'stock_zh_a_hist',
      { symbol: parsed.symbol, period: 'daily', start_date: toCompactDate(from), end_date: toCompactDate(to), adjust: '' },
      options,
    );
    return rows.map((row) => this.toDailyBar(tsCode, row)).sort(byCodeThenDate);
  }

  /** A short `stock_zh_a_hist`: exercises AKTools and the Eastmoney path that gets blocked. */
  async healthCheck(options?: ProviderCallOptions): Promise<void> {
    const today = chinaDateOf(new Date());
    await this.dailyByStock('000001.SZ', addDays(today, -10), today, options);
  }

  private toDailyBar(tsCode: string, row: Row): DailyBar {
    for (const column of Object.values(HIST)) {
      if (!(column in row)) throw this.malformed('stock_zh_a_hist', `column ${column} missing`, JSON.stringify(row));
    }
    return {
      tsCode,
      tradeDate: this.isoDate(row, HIST.date, 'stock_zh_a_hist'),
      open: numberOrNaN(row[HIST.open]),
      high: numberOrNaN(row[HIST.high]),
      low: numberOrNaN(row[HIST.low]),
      close: numberOrNaN(row[HIST.close]),
      // 成交量 is in lots (手); 成交额 is already yuan. Eastmoney has no 除权昨收, so preClose stays absent.
      volume: Math.round(numberOrNaN(row[HIST.volumeLots]) * 100),
      amount: roundCents(numberOrNaN(row[HIST.amountYuan])),
    };
  }

  /**
   * `GET /api/public/{function}?k=v`. AKTools passes every value to Python as a string, so values must
   * not contain `&`, `=`, `"` or `+` (none of ours do).
   */
  private async get(fn: string, params: Record<string, string>, options?: ProviderCallOptions): Promise<Row[]> {
    if (!this.baseUrl) {
      throw new PermanentProviderError({ provider: this.name, api: fn, scope: 'provider', message: 'AKTOOLS_URL is not set' });
    }
    const query = new URLSearchParams(params).toString();
    const answer = await sendHttp({
      provider: this.name,
      api: fn,
      url: `${this.baseUrl}/api/public/${fn}${query ? `?${query}` : ''}`,
      init: { method: 'GET', headers: { accept: 'application/json' } },
      signal: options?.signal,
      timeoutMs: this.timeoutMs,
    });
    if (answer.status === 404) return this.notFound(fn, answer.body);
    if (answer.status >= 500 || answer.status === 408 || answer.status === 429) {
      // AKTools does not catch upstream failures: Eastmoney blocking the IP (RemoteDisconnected) is a 500.
      throw new TransientProviderError({
        provider: this.name,
        api: fn,
        reason: 'http_status',
        status: answer.status,
        message: `${fn}: HTTP ${answer.status} ${sampleOf(answer.body, 100)}`,
      });
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new PermanentProviderError({
        provider: this.name,
        api: fn,
        scope: 'provider',
        code: answer.status,
        message: `${fn}: HTTP ${answer.status} from ${this.baseUrl} (check AKTOOLS_URL): ${sampleOf(answer.body, 100)}`,
      });
    }
    let rows: unknown;
    try {
      rows = JSON.parse(answer.body);
    } catch (error) {
      throw this.malformed(fn, 'response is not JSON', answer.body, error);
    }
    if (!Array.isArray(rows) || !rows.every(isObject)) throw this.malformed(fn, 'expected an array of row objects', answer.body);
    return rows;
  }

  /** AKTools answers 404 both for "no such function / bad parameter" and for "the function returned None". */
  private notFound(fn: string, body: string): Row[] {
    let error = '';
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed) && typeof parsed.error === 'string') error = parsed.error;
    } catch {
      // Not AKTools' JSON: a wrong base URL, handled below.
    }
    if (error.includes('该接口返回数据为空')) return [];
    const scope = error ? 'api' : 'provider';
    throw new PermanentProviderError({
      provider: this.name,
      api: fn,
      scope,
      code: 404,
      message: error ? `${fn}: ${error}` : `${fn}: HTTP 404 from ${this.baseUrl} (check AKTOOLS_URL)`,
    });
  }

  /** AKTools serialises dates as `2024-05-28T00:00:00.000`; only the first 10 characters count. */
  private isoDate(row: Row, column: string, fn: string): string {
    const value = row[column];
    const date = typeof value === 'string' ? value.slice(0, 10) : '';
    if (!isIsoDate(date)) throw this.malformed(fn, `bad ${column} ${JSON.stringify(value)}`, JSON.stringify(row));
    return date;
  }

  private malformed(fn: string, problem: string, body: string, cause?: unknown): MalformedPayloadError {
    return new MalformedPayloadError({ provider: this.name, api: fn, message: `${fn}: ${problem}`, sample: sampleOf(body), cause });
  }
}

/** Exchange lists pad names with (full-width) spaces and full-width letters: "万  科Ａ" → "万科A". */
function normaliseName(name: string): string {
  return name
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '');
}
