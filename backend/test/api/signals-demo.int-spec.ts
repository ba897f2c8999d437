import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalsDemoSeeder } from '../../src/modules/signals/demo/signals-demo.seeder.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { waitForHoldings } from './pool-fixtures.js';

/** DEMO_DATA on: the first start computes signals over the demo bars so a new member sees them at once. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ DEMO_DATA: 'true' });
  await t.db.query('TRUNCATE signals, signal_days, signal_returns');
  await t.app.get(SignalsDemoSeeder).run();
});
afterAll(async () => t?.close());

describe('demo signals', () => {
  it('~60 published, chained trading days over the demo bars, idempotently', async () => {
    const days = await t.db.query(`SELECT count(*)::int AS n, bool_and(status = 'published') AS ok, max(trade_date)::text AS last FROM signal_days`);
    expect(days.rows[0]).toMatchObject({ n: 60, ok: true, last: '2026-03-02' });
    const filled = await t.db.query('SELECT count(fwd_1)::int AS n FROM signal_returns');
    expect(filled.rows[0].n).toBeGreaterThan(0);
    const before = await t.db.query('SELECT count(*)::int AS n FROM signals');
    await t.app.get(SignalsDemoSeeder).run();
    expect((await t.db.query('SELECT count(*)::int AS n FROM signals')).rows[0].n).toBe(before.rows[0].n);
  });

  it('a new member sees signals, a track record and a verified chain at once', async () => {
    const m = await t.registerMember('demo_signals');
    await waitForHoldings(t, m.user.id, 5);
    const stocks = await t.api('GET', '/me/stocks', { token: m.accessToken });
    expect(stocks.body.items.filter((i: { latestSignal: unknown }) => i.latestSignal !== null).length).toBe(5);
    const code = stocks.body.items[0].tsCode;
    const latest = await t.api('GET', `/me/signals/latest?tsCode=${code}`, { token: m.accessToken });
    // The stock's latest signal is on its own latest bar: the demo market suspends a few stocks on
    // some days (0.4 % per stock-day), so that is 2026-03-02 for most stocks, an earlier day for some.
    expect(latest.body).toMatchObject({ strategyId: 'cho', freshness: { stale: false, synthetic: true } });
    expect(latest.body.latest.tradeDate).toBe(latest.body.freshness.latestBarDate);
    expect(latest.body.latest.tradeDate >= '2026-02-01').toBe(true);
    const stats = await t.api('GET', '/signals/stats?strategyId=cho', { token: m.accessToken });
    expect(stats.body.items.find((i: { window: number }) => i.window === 5).count).toBeGreaterThan(0);
    expect((await t.api('GET', '/signals/chain/verify', { token: m.accessToken })).body).toMatchObject({ ok: true, verifiedDays: 60 });
  });
});
