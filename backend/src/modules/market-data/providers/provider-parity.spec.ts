import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAktoolsFake, type AktoolsFake } from '../../../../test/fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../../../../test/fakes/tushare-fake.js';
import type { DailyBar } from '../domain/market-types.js';
import { AkshareProvider } from './akshare.provider.js';
import { DemoProvider } from './demo.provider.js';
import { createMarketDataProviders, MARKET_DATA_PROVIDERS } from './market-data-providers.js';
import { TushareProvider } from './tushare.provider.js';

let tushareFake: TushareFake;
let aktoolsFake: AktoolsFake;

beforeAll(async () => {
  [tushareFake, aktoolsFake] = await Promise.all([
    startTushareFake({ lastDate: '2024-12-31' }),
    startAktoolsFake({ lastDate: '2024-12-31' }),
  ]);
});
afterAll(() => Promise.all([tushareFake.close(), aktoolsFake.close()]));

/** AKShare (Eastmoney) has no 除权昨收, so parity is on every other field. */
const comparable = ({ preClose: _ignored, ...rest }: DailyBar) => rest;

describe('the same trading day from every provider', () => {
  it.each(['2024-06-14', '2024-07-17', '2021-05-28'])('normalises %s to identical bars', async (day) => {
    const tushare = new TushareProvider({ token: TUSHARE_FAKE_TOKEN, baseUrl: tushareFake.url });
    const akshare = new AkshareProvider({ baseUrl: aktoolsFake.url });
    const demo = new DemoProvider({ today: () => '2024-12-31' });

    const fromTushare = await tushare.dailyByTradeDate(day);
    const fromDemo = await demo.dailyByTradeDate(day);
    const fromAkshare: DailyBar[] = [];
    for (const bar of fromTushare) fromAkshare.push(...(await akshare.dailyByStock(bar.tsCode, day, day)));

    expect(fromTushare.length).toBeGreaterThan(50);
    expect(fromAkshare.map(comparable)).toEqual(fromTushare.map(comparable));
    expect(fromDemo).toEqual(fromTushare);
  });
});

describe('provider registration', () => {
  it('builds one provider per registration, named as registered', () => {
    const providers = createMarketDataProviders({ tushare: { token: 't' }, akshare: { baseUrl: 'http://127.0.0.1:8080' } });
    expect(providers.map((provider) => provider.name)).toEqual(MARKET_DATA_PROVIDERS.map((registration) => registration.name));
    expect(providers.map((provider) => provider.name)).toEqual(['tushare', 'akshare', 'demo']);
    expect(providers.find((provider) => provider.name === 'demo')!.capabilities.synthetic).toBe(true);
  });

  it('demo data stops at today', async () => {
    const demo = new DemoProvider({ today: () => '2024-06-12' });
    await expect(demo.dailyByTradeDate('2024-06-13')).resolves.toEqual([]);
    const bars = await demo.dailyByStock('600000.SH', '2024-06-01', '2024-06-30');
    expect(bars.at(-1)!.tradeDate).toBe('2024-06-12');
  });
});
