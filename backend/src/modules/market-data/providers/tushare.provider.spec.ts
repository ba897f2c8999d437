import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../../../../test/fakes/tushare-fake.js';
import { checkDailyBars } from '../domain/bar-quality.js';
import { DemoMarket } from '../domain/demo-market.js';
import {
  MalformedPayloadError,
  PermanentProviderError,
  RateLimitError,
  TransientProviderError,
} from './provider-errors.js';
import { TushareProvider } from './tushare.provider.js';

const DAY = '2024-06-14';
const market = new DemoMarket();
let fake: TushareFake;
let provider: TushareProvider;

beforeAll(async () => {
  fake = await startTushareFake({ lastDate: '2024-12-31' });
  provider = new TushareProvider({ token: TUSHARE_FAKE_TOKEN, baseUrl: fake.url, timeoutMs: 5_000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetCounters();
  fake.resetMode();
});

describe('TushareProvider against the Tushare fake', () => {
  it('fetches the whole market for a trade date in exactly one call, converting lots and thousand-yuan', async () => {
    const bars = await provider.dailyByTradeDate(DAY);
    expect(fake.calls).toEqual({ daily: 1 });
    expect(fake.requests[0]).toMatchObject({
      path: '/',
      api: 'daily',
      token: TUSHARE_FAKE_TOKEN,
      params: { trade_date: '20240614' },
      fields: 'ts_code,trade_date,open,high,low,close,pre_close,vol,amount',
    });
    expect(bars).toEqual(market.barsForDate(DAY));
    expect(bars.length).toBeGreaterThan(55);
  });

  it('returns per-stock ranges ascending although Tushare sends newest first', async () => {
    const bars = await provider.dailyByStock('600519.SH', '2024-05-01', '2024-06-30');
    expect(bars).toEqual(market.barsForStock('600519.SH', '2024-05-01', '2024-06-30'));
    expect(bars[0]!.tradeDate < bars.at(-1)!.tradeDate).toBe(true);
  });

  it('reads adjustment factors by date (one call) and by stock', async () => {
    const byDate = await provider.adjFactorByTradeDate(DAY);
    expect(fake.calls.adj_factor).toBe(1);
    expect(byDate).toEqual(market.adjFactorsForDate(DAY));
    const byStock = await provider.adjFactorByStock('601398.SH', '2024-07-01', '2024-07-31');
    expect(byStock).toEqual(market.adjFactorsForStock('601398.SH', '2024-07-01', '2024-07-31'));
  });

  it('lists listed and delisted stocks with exchange, board and dates', async () => {
    const basics = await provider.stockBasics();
    expect(fake.calls.stock_basic).toBe(3);
    expect(basics.find((basic) => basic.tsCode === '600519.SH')).toEqual({
      tsCode: '600519.SH',
      symbol: '600519',
      name: '贵州茅台',
      exchange: 'SH',
      market: '主板',
      industry: '白酒',
      listDate: '2001-08-27',
      status: 'listed',
    });
    expect(basics.find((basic) => basic.tsCode === '002450.SZ')).toMatchObject({ status: 'delisted', delistDate: '2021-05-31' });
    expect(basics.find((basic) => basic.tsCode === '835185.BJ')).toMatchObject({ exchange: 'BJ', market: '北交所' });
  });

  it('reads the trade calendar ascending with boolean isOpen', async () => {
    const calendar = await provider.tradeCalendar('2024-09-27', '2024-10-08');
    expect(calendar.map((day) => [day.date, day.isOpen])).toEqual(market.calendar('2024-09-27', '2024-10-08').map((day) => [day.date, day.isOpen]));
    expect(calendar[0]).toEqual({ date: '2024-09-27', isOpen: true });
  });

  it('posts to /dataapi/<api_name> when the base URL is the SDK 1.4 endpoint', async () => {
    const sdkStyle = new TushareProvider({ token: TUSHARE_FAKE_TOKEN, baseUrl: `${fake.url}/dataapi/` });
    await sdkStyle.tradeCalendar('2024-06-10', '2024-06-14');
    expect(fake.requests[0]).toMatchObject({ path: '/dataapi/trade_cal', api: 'trade_cal' });
  });

  it('passes broken rows through for the quality check to reject', async () => {
    fake.setMode({ corruptBars: true });
    const { accepted, rejected } = checkDailyBars(await provider.dailyByTradeDate(DAY));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBe('high_below_open_or_close');
    expect(accepted.length).toBe(market.barsForDate(DAY).length - 1);
  });
});

describe('TushareProvider error classification', () => {
  it('bad token (40101) is permanent for the whole provider', async () => {
    const wrong = new TushareProvider({ token: 'nope', baseUrl: fake.url });
    const error = await wrong.dailyByTradeDate(DAY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
    expect(error).toMatchObject({ scope: 'provider', code: 40101, api: 'daily', message: expect.stringContaining('您的token不对') });
  });

  it('no permission (40203 没有…权限) is permanent for that API only', async () => {
    fake.setMode({ noPermission: ['daily'] });
    const error = await provider.dailyByTradeDate(DAY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
    expect(error).toMatchObject({ scope: 'api', code: 40203, message: expect.stringContaining('没有接口(daily)访问权限') });
    await expect(provider.adjFactorByTradeDate(DAY)).resolves.toHaveLength(market.adjFactorsForDate(DAY).length);
  });

  it('per-minute quota (40203 每分钟最多访问) is a rate limit with a one-minute wait', async () => {
    fake.setMode({ rateLimitPerMinute: 1 });
    await provider.dailyByTradeDate(DAY);
    const error = await provider.dailyByTradeDate(DAY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ window: 'minute', retryAfterMs: 60_000 });
  });

  it.each([
    ['connection reset', { resetConnection: true }, 'network'],
    ['HTTP 500', { http500: true }, 'http_status'],
  ] as const)('%s is transient', async (_label, mode, reason) => {
    fake.setMode(mode);
    const error = await provider.tradeCalendar('2024-06-10', '2024-06-14').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ reason });
  });

  it('an aborted slow call is a transient timeout', async () => {
    fake.setMode({ delayMs: 500 });
    const error = await provider.tradeCalendar('2024-06-10', '2024-06-14', { signal: AbortSignal.timeout(50) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('cut-off JSON is a malformed payload carrying a sample', async () => {
    fake.setMode({ malformedJson: true });
    const error = await provider.dailyByTradeDate(DAY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as MalformedPayloadError).sample).toContain('"fields"');
  });

  it('a wrong base URL (HTTP 404) is permanent for the provider', async () => {
    const misrouted = new TushareProvider({ token: TUSHARE_FAKE_TOKEN, baseUrl: `${fake.url}/not-tushare` });
    await expect(misrouted.dailyByTradeDate(DAY)).rejects.toMatchObject({ kind: 'permanent', scope: 'provider', code: 404 });
  });
});
