import { randomUUID } from 'node:crypto';
import { DemoMarket } from '../../src/modules/market-data/domain/demo-market.js';
import { DEMO_UNIVERSE, generateDemoUniverse, type DemoStock } from '../../src/modules/market-data/domain/demo-universe.js';
import type { AdjFactor, DailyBar } from '../../src/modules/market-data/domain/market-types.js';
import { boardOfSymbol, parseTsCode } from '../../src/modules/market-data/domain/stock-codes.js';
import { addDays, chinaDateOf, fromCompactDate, toCompactDate } from '../../src/modules/market-data/domain/trade-dates.js';
import {
  applyTransportFaults,
  countCall,
  NO_FAULTS,
  selects,
  sendJson,
  startLoopbackServer,
  type ApiSelector,
  type FakeExchange,
  type TransportFaults,
} from './loopback-server.js';

/**
 * A Tushare Pro HTTP server on loopback, faithful to /work/shared/protocols/tushare.md §1.8:
 * POST on `/`, `/dataapi` or `/dataapi/:api_name` (api from the body wins), `{code,msg,data:{fields,items}}`
 * envelopes, business errors as HTTP 200 with the documented codes and messages, YYYYMMDD dates,
 * newest-first rows, `vol` in lots and `amount` in thousand yuan, a 6000-row cap with limit/offset.
 * Data comes from the demo market, so the AKTools fake serves the very same bars.
 */

export const TUSHARE_FAKE_TOKEN = 'f'.repeat(56);
const DOC_LINK = '权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。';
const ROW_CAP = 6000;

export interface TushareFakeMode extends TransportFaults {
  /** APIs the token has no permission for (40203 "抱歉，您没有接口(<api>)访问权限…"). */
  noPermission: readonly string[];
  /** Per (token, api) calls allowed in a sliding 60 s window; null = unlimited. */
  rateLimitPerMinute: number | null;
  /** Token rejected as if expired (40101) even though it is in the valid list. */
  revokeTokens: boolean;
  /** `daily` answers with its first row broken (high below close), to exercise the quality check. */
  corruptBars: ApiSelector;
}

export interface TushareFakeOptions {
  universe?: readonly DemoStock[];
  /** A generated universe of this many stocks instead (benchmarks: ~5,000 = a whole market); see generateDemoUniverse. */
  universeSize?: number;
  /** First day of the synthetic market (default DEMO_EPOCH); a later one keeps a big universe's memory small. */
  epoch?: string;
  validTokens?: readonly string[];
  /** Newest date that has data ("today" for the fake). */
  lastDate?: string;
  /** Time source for the rate-limit window; tests advance it instead of sleeping. */
  now?: () => number;
  mode?: Partial<TushareFakeMode>;
}

export interface TushareRequestRecord {
  path: string;
  api: string;
  token: unknown;
  params: Record<string, unknown>;
  fields: unknown;
}

export interface TushareFake {
  url: string;
  /** Requests per api_name, counted before any fault or refusal. */
  calls: Record<string, number>;
  requests: TushareRequestRecord[];
  market: DemoMarket;
  setMode(mode: Partial<TushareFakeMode>): void;
  /** Back to a healthy service (no faults, no refusals). */
  resetMode(): void;
  resetCounters(): void;
  close(): Promise<void>;
}

type Cell = string | number | null;
interface Table {
  columns: readonly string[];
  defaults: readonly string[];
  rows: Array<Record<string, Cell>>;
}

const DAILY_COLUMNS = ['ts_code', 'trade_date', 'open', 'high', 'low', 'close', 'pre_close', 'change', 'pct_chg', 'vol', 'amount'];
const ADJ_COLUMNS = ['ts_code', 'trade_date', 'adj_factor'];
const STOCK_BASIC_COLUMNS = [
  'ts_code', 'symbol', 'name', 'area', 'industry', 'fullname', 'enname', 'cnspell', 'market', 'exchange',
  'curr_type', 'list_status', 'list_date', 'delist_date', 'is_hs', 'act_name', 'act_ent_type',
];
const STOCK_BASIC_DEFAULTS = ['ts_code', 'symbol', 'name', 'area', 'industry', 'cnspell', 'market', 'list_date', 'act_name', 'act_ent_type'];
const TRADE_CAL_COLUMNS = ['exchange', 'cal_date', 'is_open', 'pretrade_date'];
const EXCHANGE_NAMES = { SH: 'SSE', SZ: 'SZSE', BJ: 'BSE' } as const;

export async function startTushareFake(options: TushareFakeOptions = {}): Promise<TushareFake> {
  const market = new DemoMarket(options.universe ?? (options.universeSize ? generateDemoUniverse(options.universeSize) : DEMO_UNIVERSE), options.epoch);
  const stocksByCode = new Map(market.universe.map((stock) => [stock.tsCode, stock]));
  const validTokens = new Set(options.validTokens ?? [TUSHARE_FAKE_TOKEN]);
  const lastDate = options.lastDate ?? chinaDateOf(new Date());
  const now = options.now ?? Date.now;
  const healthy: TushareFakeMode = { ...NO_FAULTS, noPermission: [], rateLimitPerMinute: null, revokeTokens: false, corruptBars: false };
  let mode: TushareFakeMode = { ...healthy, ...options.mode };
  const calls: Record<string, number> = {};
  const faultsUsed = { count: 0 };
  const requests: TushareRequestRecord[] = [];
  const windows = new Map<string, number[]>();

  const server = await startLoopbackServer(async (exchange) => {
    const path = exchange.url.pathname.replace(/\/+$/, '') || '/';
    const pathApi = /^\/dataapi\/([\w]+)$/.exec(path)?.[1];
    if (exchange.req.method !== 'POST' || !(path === '/' || path === '/dataapi' || pathApi)) {
      exchange.res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
      return;
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(exchange.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      // Real behaviour for an unparsable request is unknown; the protocol notes suggest code -1.
      return reply(exchange, -1, '请求参数格式错误', null);
    }
    const api = typeof body.api_name === 'string' && body.api_name ? body.api_name : (pathApi ?? '');
    const params = (typeof body.params === 'object' && body.params !== null ? body.params : {}) as Record<string, unknown>;
    countCall(calls, api);
    requests.push({ path, api, token: body.token, params, fields: body.fields });

    if (await applyTransportFaults(server, mode, faultsUsed, api, exchange, '{"request_id":"x","code":0,"msg":"","data":{"fields":["ts_code","trade_d')) {
      return;
    }
    const token = typeof body.token === 'string' ? body.token : '';
    if (!validTokens.has(token) || mode.revokeTokens) return reply(exchange, 40101, '您的token不对，请确认。', null);

    const table = tableFor(api, params);
    if (!table) return reply(exchange, -1, '请指定正确的接口名', null);
    if (mode.noPermission.includes(api)) {
      return reply(exchange, 40203, `抱歉，您没有接口(${api})访问权限，${DOC_LINK}`, null);
    }
    if (mode.rateLimitPerMinute !== null) {
      const key = `${token}|${api}`;
      const recent = (windows.get(key) ?? []).filter((at) => at > now() - 60_000);
      if (recent.length >= mode.rateLimitPerMinute) {
        windows.set(key, recent);
        return reply(exchange, 40203, `抱歉，您每分钟最多访问该接口${mode.rateLimitPerMinute}次，${DOC_LINK}`, null);
      }
      recent.push(now());
      windows.set(key, recent);
    }

    const fields = selectFields(table, body.fields);
    let rows = table.rows;
    if (api === 'daily') rows = rows.slice(0, ROW_CAP);
    const offset = toInt(params.offset) ?? 0;
    const limit = toInt(params.limit);
    rows = rows.slice(offset, limit === undefined ? undefined : offset + Math.min(limit, ROW_CAP));
    const items = rows.map((row) => fields.map((field) => row[field] ?? null));
    if (api === 'daily' && selects(mode.corruptBars, api) && items[0]) {
      const highIndex = fields.indexOf('high');
      const closeIndex = fields.indexOf('close');
      if (highIndex >= 0 && closeIndex >= 0) items[0][highIndex] = Number(items[0][closeIndex]) - 0.5;
    }
    return reply(exchange, 0, '', { fields, items, has_more: false, count: items.length });
  });

  function tableFor(api: string, params: Record<string, unknown>): Table | null {
    switch (api) {
      case 'daily':
        return { columns: DAILY_COLUMNS, defaults: DAILY_COLUMNS, rows: selectBars(params).map(dailyRow) };
      case 'adj_factor':
        return { columns: ADJ_COLUMNS, defaults: ADJ_COLUMNS, rows: selectFactors(params) };
      case 'stock_basic':
        return { columns: STOCK_BASIC_COLUMNS, defaults: STOCK_BASIC_DEFAULTS, rows: stockBasicRows(params) };
      case 'trade_cal':
        return { columns: TRADE_CAL_COLUMNS, defaults: TRADE_CAL_COLUMNS, rows: tradeCalRows(params) };
      default:
        return null;
    }
  }

  /** `trade_date` = whole market that day; otherwise `ts_code` (comma list) + optional range, newest first. */
  function selectBars(params: Record<string, unknown>): DailyBar[] {
    const tradeDate = dateParam(params.trade_date);
    const codes = codeList(params.ts_code);
    if (tradeDate) {
      if (tradeDate > lastDate) return [];
      const bars = market.barsForDate(tradeDate);
      return codes ? bars.filter((bar) => codes.includes(bar.tsCode)) : bars;
    }
    if (!codes) return [];
    const from = dateParam(params.start_date) ?? '1990-01-01';
    const endParam = dateParam(params.end_date) ?? lastDate;
    const to = endParam < lastDate ? endParam : lastDate;
    return codes.flatMap((code) => market.barsForStock(code, from, to)).sort(newestFirst);
  }

  function selectFactors(params: Record<string, unknown>): Array<Record<string, Cell>> {
    const tradeDate = dateParam(params.trade_date);
    const codes = codeList(params.ts_code);
    let factors: AdjFactor[];
    if (tradeDate) {
      factors = tradeDate > lastDate ? [] : market.adjFactorsForDate(tradeDate).filter((row) => !codes || codes.includes(row.tsCode));
    } else if (codes) {
      const from = dateParam(params.start_date) ?? '1990-01-01';
      const endParam = dateParam(params.end_date) ?? lastDate;
      const to = endParam < lastDate ? endParam : lastDate;
      factors = codes.flatMap((code) => market.adjFactorsForStock(code, from, to)).sort(newestFirst);
    } else {
      factors = [];
    }
    return factors.map((row) => ({ ts_code: row.tsCode, trade_date: toCompactDate(row.tradeDate), adj_factor: row.factor }));
  }

  function stockBasicRows(params: Record<string, unknown>): Array<Record<string, Cell>> {
    const status = typeof params.list_status === 'string' && params.list_status ? params.list_status : 'L';
    const codes = codeList(params.ts_code);
    return market
      .stockBasics()
      .filter((basic) => basic.listDate !== null && basic.listDate <= lastDate)
      .map((basic) => {
        const delisted = basic.delistDate !== undefined && basic.delistDate <= lastDate;
        const stock = stocksByCode.get(basic.tsCode);
        return {
          ts_code: basic.tsCode,
          symbol: basic.symbol,
          name: basic.name,
          area: stock?.area ?? null,
          industry: basic.industry ?? null,
          fullname: `${basic.name}股份有限公司`,
          enname: null,
          cnspell: null,
          market: boardOfSymbol(basic.symbol),
          exchange: EXCHANGE_NAMES[basic.exchange],
          curr_type: 'CNY',
          list_status: delisted ? 'D' : 'L',
          list_date: toCompactDate(basic.listDate!),
          delist_date: delisted ? toCompactDate(basic.delistDate!) : null,
          is_hs: 'N',
          act_name: null,
          act_ent_type: null,
        } satisfies Record<string, Cell>;
      })
      .filter((row) => row.list_status === status)
      .filter((row) => !codes || codes.includes(row.ts_code))
      .filter((row) => typeof params.exchange !== 'string' || !params.exchange || row.exchange === params.exchange)
      .filter((row) => typeof params.market !== 'string' || !params.market || row.market === params.market);
  }

  /** One calendar for every exchange (the demo market has one); `is_open` as integer, newest first. */
  function tradeCalRows(params: Record<string, unknown>): Array<Record<string, Cell>> {
    const exchangeName = typeof params.exchange === 'string' && params.exchange ? params.exchange : 'SSE';
    const to = dateParam(params.end_date) ?? `${lastDate.slice(0, 4)}-12-31`;
    const from = dateParam(params.start_date) ?? addDays(to, -365);
    const isOpenFilter = params.is_open === undefined || params.is_open === '' ? null : Number(params.is_open);
    let previousOpen: string | null = null;
    // Walk back far enough to know the first day's previous trading day.
    for (let day = addDays(from, -1); day >= addDays(from, -30); day = addDays(day, -1)) {
      if (market.isTradingDay(day)) {
        previousOpen = day;
        break;
      }
    }
    const rows: Array<Record<string, Cell>> = [];
    for (const day of market.calendar(from, to)) {
      rows.push({
        exchange: exchangeName,
        cal_date: toCompactDate(day.date),
        is_open: day.isOpen ? 1 : 0,
        pretrade_date: previousOpen ? toCompactDate(previousOpen) : null,
      });
      if (day.isOpen) previousOpen = day.date;
    }
    return rows.filter((row) => isOpenFilter === null || row.is_open === isOpenFilter).reverse();
  }

  return {
    url: server.url,
    calls,
    requests,
    market,
    setMode: (change) => {
      mode = { ...mode, ...change };
      faultsUsed.count = 0;
    },
    resetMode: () => {
      mode = { ...healthy };
      faultsUsed.count = 0;
    },
    resetCounters: () => {
      for (const key of Object.keys(calls)) delete calls[key];
      requests.length = 0;
      windows.clear();
    },
    close: () => server.close(),
  };
}

function reply(exchange: FakeExchange, code: number, msg: string, data: unknown): void {
  sendJson(exchange, 200, { request_id: randomUUID(), code, msg, data });
}

function dailyRow(bar: DailyBar): Record<string, Cell> {
  const preClose = bar.preClose ?? bar.open;
  const change = round(bar.close - preClose, 2);
  return {
    ts_code: bar.tsCode,
    trade_date: toCompactDate(bar.tradeDate),
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    pre_close: preClose,
    change,
    pct_chg: round((change / preClose) * 100, 4),
    vol: bar.volume / 100,
    amount: round(bar.amount / 1000, 3),
  };
}

/** `fields` as the documented comma string or, as some clients send, an array; empty = default columns. */
function selectFields(table: Table, requested: unknown): string[] {
  const names = Array.isArray(requested)
    ? requested.filter((name): name is string => typeof name === 'string')
    : typeof requested === 'string'
      ? requested.split(',').map((name) => name.trim()).filter(Boolean)
      : [];
  const known = names.filter((name) => table.columns.includes(name));
  return known.length > 0 ? known : [...table.defaults];
}

function dateParam(value: unknown): string | null {
  return typeof value === 'string' ? fromCompactDate(value) : null;
}

function codeList(value: unknown): string[] | null {
  if (typeof value !== 'string' || !value) return null;
  return value.split(',').map((code) => code.trim()).filter((code) => parseTsCode(code));
}

function toInt(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value ? Number(value) : Number.NaN;
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}

function newestFirst<T extends { tsCode: string; tradeDate: string }>(a: T, b: T): number {
  if (a.tradeDate !== b.tradeDate) return a.tradeDate < b.tradeDate ? 1 : -1;
  return a.tsCode < b.tsCode ? -1 : a.tsCode > b.tsCode ? 1 : 0;
}

function round(value: number, decimals: number): number {
  const power = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * power) / power;
}
