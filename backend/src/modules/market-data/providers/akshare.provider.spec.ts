import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAktoolsFake, type AktoolsFake } from '../../../../test/fakes/aktools-fake.js';
import { DemoMarket } from '../domain/demo-market.js';
import { AkshareProvider } from './akshare.provider.js';
import { MalformedPayloadError, PermanentProviderError, TransientProviderError } from './provider-errors.js';

const market = new DemoMarket();
let fake: AktoolsFake;
let provider: AkshareProvider;

beforeAll(async () => {
  fake = await startAktoolsFake({ lastDate: '2024-12-31' });
  provider = new AkshareProvider({ baseUrl: fake.url, timeoutMs: 5_000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetCounters();
  fake.resetMode();
});

const withoutPreClose = <T extends { preClose?: number }>({ preClose: _ignored, ...rest }: T) => rest;

describe('AkshareProvider against the AKTools fake', () => {
  it('reads stock_zh_a_hist: Chinese columns, lots to shares, yuan kept, ascending', async () => {
    const bars = await provider.dailyByStock('600519.SH', '2024-05-01', '2024-06-30');
    expect(fake.queries[0]).toEqual({
      fn: 'stock_zh_a_hist',
      query: { symbol: '600519', period: 'daily', start_date: '20240501', end_date: '20240630', adjust: '' },
    });
    expect(bars).toEqual(market.barsForStock('600519.SH', '2024-05-01', '2024-06-30').map(withoutPreClose));
    expect(bars.every((bar) => bar.preClose === undefined)).toBe(true);
  });

  it('has no bulk-by-date or factor capability', () => {
    expect(provider.capabilities.bulkByTradeDate).toBe(false);
    expect('dailyByTradeDate' in provider).toBe(false);
    expect('adjFactorByStock' in provider).toBe(false);
  });

  it('lists codes with exchange from the prefix and SZSE names normalised', async () => {
    const basics = await provider.stockBasics();
    expect(basics.find((basic) => basic.tsCode === '000002.SZ')).toEqual({
      tsCode: '000002.SZ',
      symbol: '000002',
      name: '万科A',
      exchange: 'SZ',
      market: '主板',
      listDate: null,
      status: 'listed',
    });
    expect(basics.find((basic) => basic.tsCode === '688981.SH')).toMatchObject({ exchange: 'SH', market: '科创板' });
    expect(basics.find((basic) => basic.tsCode === '430047.BJ')).toMatchObject({ exchange: 'BJ' });
    expect(basics.some((basic) => basic.tsCode === '002450.SZ')).toBe(false);
  });

  it('builds the calendar from Sina trading days, stopping at the last published date', async () => {
    const calendar = await provider.tradeCalendar('2024-09-27', '2024-10-08');
    expect(calendar).toEqual(market.calendar('2024-09-27', '2024-10-08'));
    const beyond = await provider.tradeCalendar('2024-12-30', '2025-01-03');
    expect(beyond.map((day) => day.date)).toEqual(['2024-12-30', '2024-12-31']);
  });

  it('returns no bars for an unknown code (Eastmoney data:null → [])', async () => {
    await expect(provider.dailyByStock('600999.SH', '2024-06-01', '2024-06-30')).resolves.toEqual([]);
  });
});

describe('AkshareProvider error classification', () => {
  it('a blocked upstream (AKTools HTTP 500) is transient', async () => {
    fake.setMode({ http500: ['stock_zh_a_hist'] });
    const error = await provider.dailyByStock('600519.SH', '2024-06-01', '2024-06-30').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ reason: 'http_status', status: 500 });
  });

  it('a reset connection is transient', async () => {
    fake.setMode({ resetConnection: true });
    await expect(provider.stockBasics()).rejects.toMatchObject({ kind: 'transient', reason: 'network' });
  });

  it('garbage JSON is malformed', async () => {
    fake.setMode({ malformedJson: true });
    await expect(provider.dailyByStock('600519.SH', '2024-06-01', '2024-06-30')).rejects.toBeInstanceOf(MalformedPayloadError);
  });

  it('an AKTools 404 naming the function is permanent for that API; a bare 404 for the provider', async () => {
    fake.setMode({ missingFunctions: ['stock_info_a_code_name'] });
    await expect(provider.stockBasics()).rejects.toMatchObject({
      kind: 'permanent',
      scope: 'api',
      api: 'stock_info_a_code_name',
      message: expect.stringContaining('未找到该接口'),
    });
    const wrongRoot = new AkshareProvider({ baseUrl: `${fake.url}/nowhere` });
    const error = await wrongRoot.stockBasics().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
    expect(error).toMatchObject({ scope: 'provider', code: 404 });
    const unconfigured = new AkshareProvider({ baseUrl: '' });
    await expect(unconfigured.stockBasics()).rejects.toMatchObject({ kind: 'permanent', message: 'AKTOOLS_URL is not set' });
  });
});
