import { DemoMarket } from '../../src/modules/market-data/domain/demo-market.js';
import { DEMO_UNIVERSE, type DemoStock } from '../../src/modules/market-data/domain/demo-universe.js';
import type { DailyBar } from '../../src/modules/market-data/domain/market-types.js';
import { parseTsCode, tsCodeOfSymbol } from '../../src/modules/market-data/domain/stock-codes.js';
import { chinaDateOf, fromCompactDate } from '../../src/modules/market-data/domain/trade-dates.js';
import {
  applyTransportFaults,
  countCall,
  NO_FAULTS,
  sendJson,
  startLoopbackServer,
  type FakeExchange,
  type TransportFaults,
} from './loopback-server.js';

/**
 * An AKTools server on loopback, faithful to /work/shared/protocols/aktools-eastmoney.md §2.4:
 * `GET /api/public/{fn}?k=v` with every value a string, JSON arrays of row objects with Chinese keys in
 * AKShare's column order, dates as `YYYY-MM-DDT00:00:00.000`, 成交量 in lots and 成交额 in yuan, AKTools'
 * exact 404 texts, and a "blocked upstream" mode that answers `500 Internal Server Error`.
 * Bars come from the demo market, identical to what the Tushare fake serves.
 */

const DOC = 'https://akshare.akfamily.xyz';
const NOT_FOUND = `未找到该接口，请升级 AKShare 到最新版本并在文档中确认该接口的使用方式：${DOC}`;
const FUNCTIONS = ['stock_zh_a_hist', 'stock_zh_a_spot_em', 'stock_info_a_code_name', 'tool_trade_date_hist_sina'];
const PERIODS = ['daily', 'weekly', 'monthly'];
const ADJUSTS = ['', 'qfq', 'hfq'];
/** Sina's list starts at the first trading day of the Shanghai exchange. */
const FIRST_TRADE_DATE = '1990-12-19';

export interface AktoolsFakeMode extends TransportFaults {
  /** Functions this AKShare install lacks (an old version): AKTools answers its "未找到该接口" 404. */
  missingFunctions: readonly string[];
}

export interface AktoolsFakeOptions {
  universe?: readonly DemoStock[];
  /** First day of the synthetic market (default DEMO_EPOCH); another epoch gives other prices than the demo seeder's ("real" data). */
  epoch?: string;
  /** Newest date that has data ("today" for the fake). */
  lastDate?: string;
  mode?: Partial<AktoolsFakeMode>;
}

export interface AktoolsFake {
  url: string;
  /** Requests per AKShare function name, counted before any fault. */
  calls: Record<string, number>;
  /** Raw query strings, for asserting what the client sent. */
  queries: Array<{ fn: string; query: Record<string, string> }>;
  market: DemoMarket;
  setMode(mode: Partial<AktoolsFakeMode>): void;
  /** Back to a healthy service (no faults). */
  resetMode(): void;
  resetCounters(): void;
  close(): Promise<void>;
}

type JsonRow = Record<string, string | number | null>;

export async function startAktoolsFake(options: AktoolsFakeOptions = {}): Promise<AktoolsFake> {
  const market = new DemoMarket(options.universe ?? DEMO_UNIVERSE, options.epoch);
  const lastDate = options.lastDate ?? chinaDateOf(new Date());
  const healthy: AktoolsFakeMode = { ...NO_FAULTS, missingFunctions: [] };
  let mode: AktoolsFakeMode = { ...healthy, ...options.mode };
  const calls: Record<string, number> = {};
  const faultsUsed = { count: 0 };
  const queries: AktoolsFake['queries'] = [];

  const server = await startLoopbackServer(async (exchange) => {
    const match = /^\/api\/(public|private)\/([^/]+)$/.exec(exchange.url.pathname);
    if (exchange.req.method !== 'GET' || !match) {
      sendJson(exchange, 404, { detail: 'Not Found' });
      return;
    }
    const fn = match[2]!;
    const query = Object.fromEntries(exchange.url.searchParams.entries());
    countCall(calls, fn);
    queries.push({ fn, query });
    if (await applyTransportFaults(server, mode, faultsUsed, fn, exchange, '[{"日期":"2024-05-28T00:00:00.000","股票代码":"0000')) return;
    if (!FUNCTIONS.includes(fn) || mode.missingFunctions.includes(fn)) return sendJson(exchange, 404, { error: NOT_FOUND });

    switch (fn) {
      case 'stock_zh_a_hist':
        return stockHist(exchange, query);
      case 'stock_info_a_code_name':
        return sendJson(exchange, 200, codeNameRows());
      case 'tool_trade_date_hist_sina':
        return sendJson(exchange, 200, tradeDateRows());
      case 'stock_zh_a_spot_em':
        return sendJson(exchange, 200, spotRows());
    }
  });

  function stockHist(exchange: FakeExchange, query: Record<string, string>): void {
    const symbol = query.symbol ?? '000001';
    const period = query.period ?? 'daily';
    const adjust = query.adjust ?? '';
    // akshare looks both up in dicts; AKTools turns the KeyError into this 404.
    const badKey = !PERIODS.includes(period) ? period : !ADJUSTS.includes(adjust) ? adjust : null;
    if (badKey !== null) {
      return sendJson(exchange, 404, { error: `请输入正确的参数错误 '${badKey}'，请升级 AKShare 到最新版本并在文档中确认该接口的使用方式：${DOC}` });
    }
    const from = fromCompactDate(query.start_date ?? '19700101') ?? '1970-01-01';
    const endParam = fromCompactDate(query.end_date ?? '20500101') ?? '2050-01-01';
    const to = endParam < lastDate ? endParam : lastDate;
    const tsCode = tsCodeOfSymbol(symbol);
    // Eastmoney answers `data: null` for unknown codes; akshare then returns an empty DataFrame.
    if (!tsCode || !market.has(tsCode)) return sendJson(exchange, 200, []);
    const bars = adjusted(market.barsForStock(tsCode, from, to), tsCode, adjust);
    sendJson(exchange, 200, aggregate(bars, period).map((bar) => histRow(symbol, bar, market.floatShares(tsCode))));
  }

  /** Eastmoney's qfq is relative to the newest factor it has; hfq multiplies by the factor. */
  function adjusted(bars: DailyBar[], tsCode: string, adjust: string): DailyBar[] {
    if (adjust === '' || bars.length === 0) return bars;
    const factors = new Map(market.adjFactorsForStock(tsCode, bars[0]!.tradeDate, lastDate).map((row) => [row.tradeDate, row.factor]));
    const latest = [...factors.values()].at(-1) ?? 1;
    return bars.map((bar) => {
      const factor = factors.get(bar.tradeDate) ?? latest;
      const scale = adjust === 'hfq' ? factor : factor / latest;
      const price = (value: number) => round(value * scale, 2);
      return { ...bar, open: price(bar.open), high: price(bar.high), low: price(bar.low), close: price(bar.close), preClose: price(bar.preClose ?? bar.open) };
    });
  }

  /** SZSE first, then SSE main board and STAR, then BSE, as stock_info_a_code_name concatenates them. */
  function codeNameRows(): JsonRow[] {
    const listed = market
      .stockBasics()
      .filter((basic) => basic.listDate !== null && basic.listDate <= lastDate)
      .filter((basic) => !basic.delistDate || basic.delistDate > lastDate);
    const order = { SZ: 0, SH: 1, BJ: 2 } as const;
    return listed
      .sort((a, b) => order[a.exchange] - order[b.exchange] || (a.symbol < b.symbol ? -1 : 1))
      .map((basic) => ({ code: basic.symbol, name: basic.exchange === 'SZ' ? szseStyleName(basic.name) : basic.name }));
  }

  function tradeDateRows(): JsonRow[] {
    return market.tradingDays(FIRST_TRADE_DATE, `${lastDate.slice(0, 4)}-12-31`).map((date) => ({ trade_date: isoTimestamp(date) }));
  }

  function spotRows(): JsonRow[] {
    const tradeDate = market.tradingDays('1990-12-19', lastDate).at(-1);
    const bars = tradeDate ? market.barsForDate(tradeDate) : [];
    const names = new Map(market.stockBasics().map((basic) => [basic.tsCode, basic.name]));
    return bars
      .map((bar) => ({ bar, pct: pctChange(bar) }))
      .sort((a, b) => b.pct - a.pct)
      .map(({ bar, pct }, index) => {
        const preClose = bar.preClose ?? bar.open;
        return {
          序号: index + 1,
          代码: parseTsCode(bar.tsCode)!.symbol,
          名称: names.get(bar.tsCode) ?? '',
          最新价: bar.close,
          涨跌幅: pct,
          涨跌额: round(bar.close - preClose, 2),
          成交量: bar.volume / 100,
          成交额: bar.amount,
          振幅: round(((bar.high - bar.low) / preClose) * 100, 2),
          最高: bar.high,
          最低: bar.low,
          今开: bar.open,
          昨收: preClose,
          量比: null,
          换手率: round((bar.volume / market.floatShares(bar.tsCode)) * 100, 2),
          '市盈率-动态': null,
          市净率: null,
          总市值: null,
          流通市值: round(market.floatShares(bar.tsCode) * bar.close, 0),
          涨速: 0,
          '5分钟涨跌': 0,
          '60日涨跌幅': null,
          年初至今涨跌幅: null,
        };
      });
  }

  return {
    url: server.url,
    calls,
    queries,
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
      queries.length = 0;
    },
    close: () => server.close(),
  };
}

/** Columns in stock_zh_a_hist order; 成交量 an integer number of lots. */
function histRow(symbol: string, bar: DailyBar, floatShares: number): JsonRow {
  const preClose = bar.preClose ?? bar.open;
  return {
    日期: isoTimestamp(bar.tradeDate),
    股票代码: symbol,
    开盘: bar.open,
    收盘: bar.close,
    最高: bar.high,
    最低: bar.low,
    成交量: Math.round(bar.volume / 100),
    成交额: bar.amount,
    振幅: round(((bar.high - bar.low) / preClose) * 100, 2),
    涨跌幅: pctChange(bar),
    涨跌额: round(bar.close - preClose, 2),
    换手率: floatShares > 0 ? round((bar.volume / floatShares) * 100, 2) : null,
  };
}

function aggregate(bars: DailyBar[], period: string): DailyBar[] {
  if (period === 'daily') return bars;
  const groups = new Map<string, DailyBar[]>();
  for (const bar of bars) {
    const key = period === 'monthly' ? bar.tradeDate.slice(0, 7) : isoWeekKey(bar.tradeDate);
    groups.set(key, [...(groups.get(key) ?? []), bar]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    return {
      tsCode: first.tsCode,
      tradeDate: last.tradeDate,
      open: first.open,
      close: last.close,
      high: Math.max(...group.map((bar) => bar.high)),
      low: Math.min(...group.map((bar) => bar.low)),
      preClose: first.preClose ?? first.open,
      volume: group.reduce((sum, bar) => sum + bar.volume, 0),
      amount: group.reduce((sum, bar) => sum + bar.amount, 0),
    };
  });
}

function isoWeekKey(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - weekday);
  return day.toISOString().slice(0, 10);
}

/** The SZSE list pads short names and uses full-width letters ("万  科Ａ"); clients must normalise. */
function szseStyleName(name: string): string {
  const wide = name.replace(/[A-Z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
  return wide.length === 3 ? `${wide[0]}  ${wide.slice(1)}` : wide;
}

function pctChange(bar: DailyBar): number {
  const preClose = bar.preClose ?? bar.open;
  return round(((bar.close - preClose) / preClose) * 100, 2);
}

function isoTimestamp(date: string): string {
  return `${date}T00:00:00.000`;
}

function round(value: number, decimals: number): number {
  const power = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * power) / power;
}
