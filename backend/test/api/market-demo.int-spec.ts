import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketDemoSeeder } from '../../src/modules/market-data/demo/market-demo.seeder.js';
import { DEMO_UNIVERSE } from '../../src/modules/market-data/domain/demo-universe.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activeCodes, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

/** DEMO_DATA on, no real source configured: the offline demo as `npm start` gives it. */
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp({ DEMO_DATA: 'true' });
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => t?.close());

describe('demo market data', () => {
  it('the seeder stores ~300 trading days of synthetic bars and factors up to today, quickly and idempotently', async () => {
    const dates = await t.db.query(`SELECT count(*)::int AS n, min(trade_date)::text AS first, max(trade_date)::text AS last,
      bool_and(bars_complete AND factors_complete AND source = 'demo') AS ok FROM market_sync_dates`);
    expect(dates.rows[0]).toMatchObject({ n: 300, last: '2026-03-02', ok: true });
    const bars = await t.db.query(`SELECT count(*)::int AS n, count(DISTINCT ts_code)::int AS stocks, bool_and(source = 'demo') AS demo FROM daily_bars`);
    expect(bars.rows[0].demo).toBe(true);
    expect(bars.rows[0].stocks).toBeGreaterThan(DEMO_UNIVERSE.length - 5);

    // From scratch the seed writes the same rows again; a second run changes nothing (speed is the benchmarks' job).
    await t.db.query('TRUNCATE daily_bars, adj_factors, market_sync_dates');
    await t.app.get(MarketDemoSeeder).run();
    const again = await t.db.query('SELECT count(*)::int AS n FROM daily_bars');
    expect(again.rows[0].n).toBe(bars.rows[0].n);
    await t.app.get(MarketDemoSeeder).run();
    expect((await t.db.query('SELECT count(*)::int AS n FROM daily_bars')).rows[0].n).toBe(bars.rows[0].n);
  });

  it('the demo source is on and labelled synthetic; real sources are off', async () => {
    const list = (await t.api('GET', '/admin/data-sources', { token: admin })).body;
    expect(list.map((s: { name: string; enabled: boolean; synthetic: boolean }) => [s.name, s.enabled, s.synthetic])).toEqual([
      ['tushare', false, false],
      ['akshare', false, false],
      ['demo', true, true],
    ]);
  });

  it('a new member sees charts at once: bars of held stocks, flagged synthetic', async () => {
    const m = await t.registerMember('demo_member');
    await waitForHoldings(t, m.user.id, 5);
    // A held stock trading on the last day (the demo market suspends 0.4 % of stock-days).
    const held = await activeCodes(t, m.user.id);
    const trading = await t.db.query(`SELECT ts_code FROM daily_bars WHERE ts_code = ANY($1) AND trade_date = '2026-03-02' ORDER BY ts_code LIMIT 1`, [held]);
    const code = trading.rows[0].ts_code;
    const r = await t.api('GET', `/market/bars?tsCode=${code}`, { token: m.accessToken });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tsCode: code, adjust: 'qfq', synthetic: true });
    expect(r.body.items.length).toBeGreaterThan(200);
    expect(r.body.items.at(-1).tradeDate).toBe('2026-03-02');
  });

  it('a sync through the demo source skips seeded dates and fills older ones by trade date', async () => {
    const run = async (from: string, to: string) => {
      const s = await t.api('POST', '/admin/market-data/syncs', { token: admin, body: { from, to } });
      expect(s.status).toBe(202);
      return (await waitFor(() => t.api('GET', `/admin/market-data/syncs/${s.body.id}`, { token: admin }), (r) => ['done', 'failed'].includes(r.body.status), 'demo sync')).body;
    };
    const recent = await run('2026-02-23', '2026-03-02');
    expect(recent).toMatchObject({ status: 'done', total: 6, processed: 6, synthetic: true, callsBySource: { tushare: 0, akshare: 0, demo: 2 } });
    const older = await run('2024-06-03', '2024-06-07');
    expect(older).toMatchObject({ status: 'done', total: 5, processed: 5, synthetic: true, callsBySource: { demo: 2 + 5 * 2 } });
    const cov = await t.api('GET', '/admin/market-data/calendar-coverage?year=2024', { token: admin });
    expect(cov.body.days.filter((d: { rows: number; date: string }) => d.rows > 0 && d.date < '2024-12-01').map((d: { date: string }) => d.date)).toEqual(['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07']);
  });
});
