import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataSourcesService, type MarketDataTuning } from '../../src/modules/market-data/data-sources/data-sources.service.js';
import { DemoMarket } from '../../src/modules/market-data/domain/demo-market.js';
import { startAktoolsFake, type AktoolsFake } from '../fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../fakes/tushare-fake.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Issue 11 item 1, as an operator meets it: an install that started with demo data (synthetic bars
 * under real codes, a demo pool, published demo signals) is pointed at Tushare and AKTools. Tushare
 * refuses `daily`, so the sync goes per stock through AKShare. The "real" fakes use another epoch
 * than the demo seeder, so real and synthetic prices differ, as they would.
 */
const LAST_DATE = '2026-03-02';
const REAL_EPOCH = '2019-01-02';
const FROM = '2026-02-23';
let t: TestApp;
let tushare: TushareFake;
let aktools: AktoolsFake;
let admin: string;
let clockRef: TestApp['clock'] | null = null;

function tuning(): MarketDataTuning {
  return {
    resilience: { retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 5 } },
    sleep: async (ms) => {
      t.clock.advance(ms);
    },
    providers: { tushare: { rateLimit: null, timeoutMs: 5_000 }, akshare: { rateLimit: null, timeoutMs: 5_000 }, demo: { rateLimit: null } },
  };
}

beforeAll(async () => {
  tushare = await startTushareFake({ lastDate: LAST_DATE, epoch: REAL_EPOCH, now: () => (clockRef ? clockRef.now().getTime() : Date.now()) });
  aktools = await startAktoolsFake({ lastDate: LAST_DATE, epoch: REAL_EPOCH });
  // A demo install: no source in the environment, DEMO_DATA on.
  t = await startTestApp({ DEMO_DATA: 'true' });
  clockRef = t.clock;
  await t.app.get(DataSourcesService).applyTuning(tuning());
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await tushare?.close();
  await aktools?.close();
});
beforeEach(() => {
  tushare.resetCounters();
  aktools.resetCounters();
});

async function runSync(from: string, to: string) {
  const started = await t.api('POST', '/admin/market-data/syncs', { token: admin, body: { from, to } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await waitFor(
    async () => (await t.db.query('SELECT status FROM job_records WHERE id = $1', [started.body.id])).rows[0]?.status,
    (s) => s === 'done' || s === 'failed',
    `sync ${from}..${to}`,
    60_000,
  );
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  return (await t.api('GET', `/admin/market-data/syncs/${started.body.id}`, { token: admin })).body;
}

async function resetBreakers() {
  for (const name of ['tushare', 'akshare']) expect((await t.api('POST', `/admin/data-sources/${name}/reset-breakers`, { token: admin })).status).toBeLessThan(300);
}
const closes = async (code: string, from: string, to: string) =>
  (await t.db.query(`SELECT trade_date::text AS d, close, source FROM daily_bars WHERE ts_code = $1 AND trade_date BETWEEN $2 AND $3 ORDER BY 1`, [code, from, to])).rows as Array<{ d: string; close: number; source: string }>;
const poolCodes = async () => (await t.db.query(`SELECT i.ts_code FROM stock_pool_items i JOIN stock_pools p ON p.id = i.pool_id WHERE p.status = 'active' ORDER BY 1`)).rows.map((r) => r.ts_code as string);

describe('a demo install pointed at real sources', () => {
  it('starts with synthetic bars and published demo signals (the state the issue found)', async () => {
    const before = await closes('000001.SZ', FROM, LAST_DATE);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.source === 'demo')).toBe(true);
    const days = (await t.db.query(`SELECT count(*)::int AS n FROM signal_days WHERE status = 'published'`)).rows[0].n;
    expect(days).toBeGreaterThan(0);
  });

  it('with no source answering, a sync that stores nothing is not "done"', async () => {
    // AKTools configured but broken, Tushare configured but refusing every market-data API.
    expect((await t.api('PATCH', '/admin/data-sources/tushare', { token: admin, body: { token: TUSHARE_FAKE_TOKEN, baseUrl: tushare.url } })).status).toBe(200);
    expect((await t.api('PATCH', '/admin/data-sources/akshare', { token: admin, body: { baseUrl: aktools.url } })).status).toBe(200);
    // The synthetic provider stepped aside by itself.
    const list = (await t.api('GET', '/admin/data-sources', { token: admin })).body as Array<{ name: string; enabled: boolean }>;
    expect(list.find((s) => s.name === 'demo')?.enabled).toBe(false);
    tushare.setMode({ noPermission: ['daily', 'adj_factor'] });
    aktools.setMode({ missingFunctions: ['stock_zh_a_hist'] });
    const job = await runSync(FROM, LAST_DATE);
    expect(job.status).toBe('failed');
    expect(job.barsWritten).toBe(0);
    expect(job.message).toMatch(/stored nothing/);
    expect((await closes('000001.SZ', FROM, LAST_DATE)).every((r) => r.source === 'demo')).toBe(true);
    // Still incomplete: the next sync tries again.
    const complete = (await t.db.query(`SELECT count(*)::int AS n FROM market_sync_dates WHERE trade_date BETWEEN $1 AND $2 AND bars_complete`, [FROM, LAST_DATE])).rows[0].n;
    expect(complete).toBe(0);
    aktools.resetMode();
    await resetBreakers();
  });

  it('Tushare refuses `daily`: AKShare replaces every synthetic bar of the pool, and the job says what it stored', async () => {
    tushare.setMode({ noPermission: ['daily'] });
    const pool = await poolCodes();
    expect(pool.length).toBe(50);
    const job = await runSync(FROM, LAST_DATE);
    expect(job).toMatchObject({ status: 'done', failed: 0 });
    // One AKShare call per pool stock (old code: demo rows counted as present, AKShare barely called).
    expect(aktools.calls.stock_zh_a_hist).toBe(pool.length);
    const expected = pool.flatMap((c) => aktools.market.barsForStock(c, FROM, LAST_DATE));
    expect(job.barsWritten).toBe(expected.length);
    // Replaced = every synthetic row of the pool in the range (also where the real source has no bar).
    const demoBars = pool.flatMap((c) => new DemoMarket().barsForStock(c, FROM, LAST_DATE));
    expect(job.barsReplaced).toBe(demoBars.length);
    const days = aktools.market.tradingDays(FROM, LAST_DATE).length;
    expect(job.barsMissing).toBe(pool.length * days - expected.length);

    // 000001.SZ now reads the real closes, none of the synthetic ones.
    const real = aktools.market.barsForStock('000001.SZ', FROM, LAST_DATE);
    const synthetic = new DemoMarket().barsForStock('000001.SZ', FROM, LAST_DATE);
    expect(real.map((b) => b.close)).not.toEqual(synthetic.map((b) => b.close));
    const stored = await closes('000001.SZ', FROM, LAST_DATE);
    expect(stored.map((r) => r.source)).toEqual(real.map(() => 'akshare'));
    expect(stored.map((r) => r.close)).toEqual(real.map((b) => b.close));
    const poolDemo = (await t.db.query(`SELECT count(*)::int AS n FROM daily_bars WHERE source = 'demo' AND trade_date BETWEEN $1 AND $2 AND ts_code = ANY($3)`, [FROM, LAST_DATE, pool])).rows[0].n;
    expect(poolDemo).toBe(0);
    // A date is complete only with real rows: these were demo-complete, now per-stock (incomplete).
    const dates = (await t.db.query(`SELECT scope, bars_complete, source FROM market_sync_dates WHERE trade_date BETWEEN $1 AND $2`, [FROM, LAST_DATE])).rows;
    expect(dates.length).toBe(days);
    expect(dates.every((d) => d.scope === 'stocks' && !d.bars_complete && d.source === 'akshare')).toBe(true);
  });

  it('the next sync has nothing left to replace and calls nobody for stocks already real', async () => {
    const job = await runSync(FROM, LAST_DATE);
    expect(job).toMatchObject({ status: 'done', barsWritten: 0, barsReplaced: 0 });
    expect(aktools.calls.stock_zh_a_hist ?? 0).toBeLessThan(50);
  });

  it('with the whole market back, Tushare replaces the remaining synthetic rows of each date', async () => {
    tushare.resetMode();
    await resetBreakers();
    const job = await runSync(FROM, LAST_DATE);
    expect(job.status).toBe('done');
    const demo = (await t.db.query(`SELECT count(*)::int AS n FROM daily_bars WHERE source = 'demo' AND trade_date BETWEEN $1 AND $2`, [FROM, LAST_DATE])).rows[0].n;
    expect(demo).toBe(0);
    expect(job.barsReplaced).toBeGreaterThan(0);
    const dates = (await t.db.query(`SELECT bars_complete, source FROM market_sync_dates WHERE trade_date BETWEEN $1 AND $2`, [FROM, LAST_DATE])).rows;
    expect(dates.every((d) => d.bars_complete && d.source === 'tushare')).toBe(true);
  });
});

describe('leaving demo mode', () => {
  it('needs an explicit confirmation and an admin', async () => {
    expect((await t.api('POST', '/admin/demo-data/leave', { token: admin, body: {} })).status).toBe(400);
    expect((await t.api('POST', '/admin/demo-data/leave', { token: admin, body: { confirm: 'yes' } })).status).toBe(400);
    const member = await t.registerMember('demo_member');
    expect((await t.api('POST', '/admin/demo-data/leave', { token: member.accessToken, body: { confirm: true } })).status).toBe(403);
    const status = await t.api('GET', '/admin/demo-data', { token: admin });
    expect(status.body).toMatchObject({ present: true, demoDataSetting: true, realSource: true, demoPools: 1 });
    expect(status.body.syntheticBars).toBeGreaterThan(0);
    expect(status.body.signalDays).toBeGreaterThan(0);
  });

  it('removes demo stocks, pool, bars, signals and chain entries in one transaction; the real stock list comes back', async () => {
    const r = await t.api('POST', '/admin/demo-data/leave', { token: admin, body: { confirm: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.pools).toBe(1);
    expect(r.body.bars).toBeGreaterThan(0);
    expect(r.body.signalDays).toBeGreaterThan(0);
    expect(r.body.chainLinks).toBe(r.body.signalDays);
    expect(r.body.allocations).toBeGreaterThan(0);
    expect(r.body.stockListJobId).toMatch(/^[0-9a-f-]{36}$/);
    const count = async (sql: string) => (await t.db.query(sql)).rows[0].n as number;
    expect(await count(`SELECT count(*)::int AS n FROM daily_bars WHERE source = 'demo'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM adj_factors WHERE source = 'demo'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM signal_days`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM signals`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM stock_pools`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM allocations`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM trade_calendar WHERE source = 'demo'`)).toBe(0);
    // Real bars stay.
    expect(await count(`SELECT count(*)::int AS n FROM daily_bars WHERE source <> 'demo'`)).toBeGreaterThan(0);
    // The track record and the chain are empty: nothing synthetic is published.
    const head = await t.api('GET', '/signals/chain/head', { token: admin });
    expect(head.status).toBe(200);
    expect(head.body.seq ?? null).toBeNull();
    const audit = await count(`SELECT count(*)::int AS n FROM operation_logs WHERE action = 'demo_data.leave'`);
    expect(audit).toBe(1);
    const job = await waitFor(async () => (await t.db.query('SELECT status FROM job_records WHERE id = $1', [r.body.stockListJobId])).rows[0]?.status, (s) => s === 'done' || s === 'failed', 'stock list');
    expect(job).toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM stocks`)).toBe(tushare.market.stockBasics().length);
    const after = await t.api('GET', '/admin/demo-data', { token: admin });
    expect(after.body).toMatchObject({ present: false, syntheticBars: 0, demoPools: 0, signalDays: 0 });
    // Idempotent.
    const again = await t.api('POST', '/admin/demo-data/leave', { token: admin, body: { confirm: true } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ bars: 0, pools: 0, signalDays: 0 });
  });
});
