import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataSourcesService, type MarketDataTuning } from '../../src/modules/market-data/data-sources/data-sources.service.js';
import { DEFAULT_RESILIENCE } from '../../src/modules/market-data/manager/data-source-settings.js';
import { startAktoolsFake, type AktoolsFake } from '../fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../fakes/tushare-fake.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, createPool, LISTED } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * The market-data sync through the real app (HTTP → BullMQ worker → DataSourceManager → providers)
 * against protocol-faithful Tushare and AKTools fakes on loopback, into the real PostgreSQL.
 * Time is the app's FakeClock (Monday 2026-03-02 10:00 in China); the fakes serve data up to then.
 */
let t: TestApp;
let tushare: TushareFake;
let aktools: AktoolsFake;
let admin: string;
let clockRef: TestApp['clock'] | null = null;
const LAST_DATE = '2026-03-02';
/** The per-stock universe: the active pool's stocks. */
const POOL = LISTED.slice(0, 6);

/** Fast, deterministic timings: no local rate limits, tiny backoffs; a quota wait moves the fake clock. */
const waits: number[] = [];
function tuning(extra: Partial<MarketDataTuning> = {}): MarketDataTuning {
  return {
    resilience: { retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 5 } },
    sleep: async (ms) => {
      waits.push(ms);
      t.clock.advance(ms);
    },
    // Generous timeouts: the fake servers share the event loop with the app, and under a loaded CI a
    // 5 s timeout fired spuriously (a retry made 11 daily calls of 10). The timeout test sets its own.
    providers: { tushare: { rateLimit: null, timeoutMs: 30_000 }, akshare: { rateLimit: null, timeoutMs: 30_000 }, demo: { rateLimit: null } },
    ...extra,
  };
}
const sources = () => t.app.get(DataSourcesService);

beforeAll(async () => {
  tushare = await startTushareFake({ lastDate: LAST_DATE, now: () => (clockRef ? clockRef.now().getTime() : Date.now()) });
  aktools = await startAktoolsFake({ lastDate: LAST_DATE });
  t = await startTestApp({ TUSHARE_TOKEN: TUSHARE_FAKE_TOKEN, TUSHARE_BASE_URL: tushare.url, AKTOOLS_URL: aktools.url });
  clockRef = t.clock;
  await sources().applyTuning(tuning());
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => {
  await t?.close();
  await tushare?.close();
  await aktools?.close();
});
beforeEach(() => {
  tushare.resetMode();
  aktools.resetMode();
  tushare.resetCounters();
  aktools.resetCounters();
  waits.length = 0;
});

/** Admin token again (the fake clock may have moved past its expiry). */
async function relogin() {
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
}

async function runSync(from: string, to: string) {
  const started = await t.api('POST', '/admin/market-data/syncs', { token: admin, body: { from, to } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(Object.keys(started.body).sort()).toEqual(['id', 'status']);
  // Poll over SQL: the fake clock may move past the admin token's expiry while the job runs.
  await waitFor(
    async () => (await t.db.query('SELECT status FROM job_records WHERE id = $1', [started.body.id])).rows[0]?.status,
    (s) => s === 'done' || s === 'failed',
    `sync ${from}..${to}`,
    30_000,
  );
  await relogin();
  const done = await t.api('GET', `/admin/market-data/syncs/${started.body.id}`, { token: admin });
  expect(done.status).toBe(200);
  return done.body;
}

const switchLogs = async () => (await t.api('GET', '/admin/data-sources/switch-logs?pageSize=100', { token: admin })).body;
const dateRows = async (from: string, to: string) =>
  (await t.db.query(`SELECT trade_date::text AS d, scope, bars_complete, factors_complete, source, rows, rejected FROM market_sync_dates WHERE trade_date BETWEEN $1 AND $2 ORDER BY 1`, [from, to])).rows;
const barCount = async (date: string) => (await t.db.query('SELECT count(*)::int AS n FROM daily_bars WHERE trade_date = $1', [date])).rows[0].n as number;

describe('whole-market sync from Tushare', () => {
  it('calendar and basics first, then exactly daily + adj_factor per open date; progress by date', async () => {
    const job = await runSync('2026-01-05', '2026-01-16');
    expect(job).toMatchObject({ status: 'done', from: '2026-01-05', to: '2026-01-16', total: 10, processed: 10, failed: 0, rejected: 0, synthetic: false });
    expect(job.callsBySource).toEqual({ tushare: 1 + 1 + 10 + 10, akshare: 0, demo: 0 });
    expect(tushare.calls).toEqual({ trade_cal: 1, stock_basic: 3, daily: 10, adj_factor: 10 });
    // Every daily/adj_factor call asked for one whole trade date.
    expect(tushare.requests.filter((r) => r.api === 'daily').every((r) => Object.keys(r.params).join() === 'trade_date')).toBe(true);
    const rows = await dateRows('2026-01-05', '2026-01-16');
    expect(rows).toHaveLength(10);
    const marketSize = tushare.market.barsForDate('2026-01-05').length;
    expect(rows.every((r) => r.scope === 'market' && r.bars_complete && r.factors_complete && r.source === 'tushare')).toBe(true);
    expect(await barCount('2026-01-05')).toBe(marketSize);
    // Stock basics landed in the shared stocks table with list dates and statuses.
    const stock = (await t.db.query(`SELECT name, list_date::text AS l, status FROM stocks WHERE ts_code = '000001.SZ'`)).rows[0];
    expect(stock).toEqual({ name: '平安银行', l: '1991-04-03', status: 'listed' });
    // Stored bars are normalised (shares, yuan) and equal the source's.
    const stored = (await t.db.query(`SELECT open, high, low, close, pre_close, volume::float8 AS volume, amount FROM daily_bars WHERE ts_code = '000001.SZ' AND trade_date = '2026-01-05'`)).rows[0];
    const expected = tushare.market.barsForStock('000001.SZ', '2026-01-05', '2026-01-05')[0]!;
    expect(stored).toEqual({ open: expected.open, high: expected.high, low: expected.low, close: expected.close, pre_close: expected.preClose, volume: expected.volume, amount: expected.amount });
    const list = await t.api('GET', '/admin/market-data/syncs?page=1&pageSize=5', { token: admin });
    expect(list.body.items[0]).toMatchObject({ id: job.id, status: 'done' });
  });

  it('an incremental re-sync makes no daily or adj_factor calls for complete dates', async () => {
    const job = await runSync('2026-01-05', '2026-01-16');
    expect(job).toMatchObject({ status: 'done', total: 10, processed: 10 });
    expect(tushare.calls.daily ?? 0).toBe(0);
    expect(tushare.calls.adj_factor ?? 0).toBe(0);
    expect(job.callsBySource).toEqual({ tushare: 2, akshare: 0, demo: 0 });
  });

  it('rejects rows failing the quality check: counted, logged in the job, never stored', async () => {
    tushare.setMode({ corruptBars: true });
    const job = await runSync('2026-02-06', '2026-02-06');
    expect(job).toMatchObject({ status: 'done', processed: 1, rejected: 1 });
    const detail = (await t.db.query('SELECT result FROM job_records WHERE id = $1', [job.id])).rows[0].result;
    expect(detail.rejectedSamples[0]).toMatch(/tushare: 000001\.SZ 2026-02-06 high_below_open_or_close/);
    const stored = await t.db.query(`SELECT 1 FROM daily_bars WHERE ts_code = '000001.SZ' AND trade_date = '2026-02-06'`);
    expect(stored.rowCount).toBe(0);
    expect(await barCount('2026-02-06')).toBe(tushare.market.barsForDate('2026-02-06').length - 1);
    expect((await dateRows('2026-02-06', '2026-02-06'))[0]).toMatchObject({ bars_complete: true, rejected: 1 });
  });
});

describe('fallback and recovery', () => {
  beforeAll(async () => {
    // The per-stock universe: an active pool (and what members hold from it).
    const pool = await createPool(t, admin, POOL, 'Sync pool');
    await activatePool(t, admin, pool.id);
    // A new pool's stocks get their history backfilled per stock (issue 11 item 2). These tests
    // exercise the sync's own per-stock path, so the backfilled rows of their dates go again.
    const backfill = await waitFor(
      async () => (await t.db.query(`SELECT status FROM job_records WHERE kind = 'market-data.backfill'`)).rows[0]?.status,
      (s) => s === 'done' || s === 'failed',
      'pool backfill',
    );
    expect(backfill).toBe('done');
    await t.db.query(`DELETE FROM daily_bars WHERE trade_date >= '2026-01-19' AND trade_date <> '2026-02-06'`);
    await t.db.query(`DELETE FROM adj_factors WHERE trade_date >= '2026-01-19' AND trade_date <> '2026-02-06'`);
    await t.db.query(`DELETE FROM market_sync_dates WHERE trade_date >= '2026-01-19' AND trade_date <> '2026-02-06'`);
    await relogin();
  });

  it('Tushare refuses `daily`: AKShare fills the pool per stock (one call each), one switch-log row, Tushare daily not called again', async () => {
    await sources().applyTuning(tuning());
    const before = (await switchLogs()).total;
    tushare.setMode({ noPermission: ['daily'] });
    const job = await runSync('2026-01-19', '2026-01-23');
    expect(job).toMatchObject({ status: 'done', total: 5, processed: 5, failed: 0, perStockDates: 5 });
    expect(tushare.calls.daily).toBe(1);
    expect(aktools.calls.stock_zh_a_hist).toBe(POOL.length);
    // One call per stock over the whole missing range, not per date.
    expect(aktools.queries.filter((q) => q.fn === 'stock_zh_a_hist').every((q) => q.query.start_date === '20260119' && q.query.end_date === '20260123')).toBe(true);
    expect(job.callsBySource.akshare).toBe(POOL.length);
    const logs = await switchLogs();
    expect(logs.total).toBe(before + 1);
    expect(logs.items[0]).toMatchObject({ from: 'tushare', to: 'akshare', operation: 'dailyByStock' });
    expect(logs.items[0].reason).toMatch(/tushare:daily (circuit_open|permanent)/);
    const rows = await dateRows('2026-01-19', '2026-01-23');
    expect(rows.every((r) => r.scope === 'stocks' && !r.bars_complete && r.source === 'akshare' && r.rows === POOL.length)).toBe(true);
    const stored = await t.db.query(`SELECT DISTINCT source FROM daily_bars WHERE trade_date BETWEEN '2026-01-19' AND '2026-01-23'`);
    expect(stored.rows).toEqual([{ source: 'akshare' }]);
    const status = (await t.api('GET', '/admin/data-sources', { token: admin })).body;
    const ts = status.find((s: { name: string }) => s.name === 'tushare');
    expect(ts).toMatchObject({ state: 'degraded', breaker: 'open' });
    expect(ts.lastError).toMatch(/没有接口\(daily\)访问权限/);
  });

  it('after the cooldown Tushare is probed again and takes the whole market back', async () => {
    t.clock.advance(DEFAULT_RESILIENCE.breaker.permanentCooldownMs + 60_000);
    await relogin();
    const job = await runSync('2026-01-19', '2026-01-23');
    expect(job).toMatchObject({ status: 'done', total: 5, processed: 5, perStockDates: 0 });
    expect(tushare.calls.daily).toBe(5);
    expect(aktools.calls.stock_zh_a_hist ?? 0).toBe(0);
    const rows = await dateRows('2026-01-19', '2026-01-23');
    expect(rows.every((r) => r.scope === 'market' && r.bars_complete && r.source === 'tushare')).toBe(true);
    const status = (await t.api('GET', '/admin/data-sources', { token: admin })).body;
    expect(status.find((s: { name: string }) => s.name === 'tushare')).toMatchObject({ state: 'healthy', breaker: 'closed' });
  });

  it('a rate-limited Tushare is waited for (no fallback)', async () => {
    await sources().applyTuning(tuning());
    const before = (await switchLogs()).total;
    // 3 a minute: stock_basic's three calls fit; the 4th date's daily waits for the next window.
    tushare.setMode({ rateLimitPerMinute: 3 });
    const job = await runSync('2026-01-26', '2026-01-30');
    expect(job).toMatchObject({ status: 'done', total: 5, processed: 5, perStockDates: 0 });
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits.every((ms) => ms === 60_000)).toBe(true);
    expect(aktools.calls.stock_zh_a_hist ?? 0).toBe(0);
    expect((await switchLogs()).total).toBe(before);
    const rows = await dateRows('2026-01-26', '2026-01-30');
    expect(rows.every((r) => r.bars_complete && r.factors_complete && r.source === 'tushare')).toBe(true);
    const ts = (await t.api('GET', '/admin/data-sources', { token: admin })).body.find((s: { name: string }) => s.name === 'tushare');
    expect(ts.rateLimited).toBe(waits.length);
    expect(ts.state).toBe('healthy');
  });

  it('a Tushare that times out is retried, then AKShare serves the pool', async () => {
    await sources().applyTuning(tuning({ providers: { tushare: { rateLimit: null, timeoutMs: 250 }, akshare: { rateLimit: null, timeoutMs: 5_000 } } }));
    tushare.setMode({ delayMs: 1_500, delayApis: ['daily'] });
    const job = await runSync('2026-02-02', '2026-02-03');
    expect(job).toMatchObject({ status: 'done', total: 2, processed: 2, perStockDates: 2 });
    expect(aktools.calls.stock_zh_a_hist).toBe(POOL.length);
    // Each timed-out call was tried twice (one retry).
    expect(tushare.calls.daily! % 2).toBe(0);
    const ts = (await t.api('GET', '/admin/data-sources', { token: admin })).body.find((s: { name: string }) => s.name === 'tushare');
    expect(ts.lastError).toMatch(/transient: daily: (timed out|request aborted or timed out)/);
    expect(ts.failures).toBeGreaterThanOrEqual(2);
  });

  it('a garbage payload falls over to AKShare and is logged as malformed', async () => {
    await sources().applyTuning(tuning());
    tushare.setMode({ malformedJson: ['daily'] });
    const job = await runSync('2026-02-04', '2026-02-05');
    expect(job).toMatchObject({ status: 'done', total: 2, processed: 2, perStockDates: 2 });
    const logs = await switchLogs();
    expect(logs.items[0]).toMatchObject({ from: 'tushare', to: 'akshare', operation: 'dailyByStock' });
    expect(logs.items[0].reason).toMatch(/malformed/);
    const ts = (await t.api('GET', '/admin/data-sources', { token: admin })).body.find((s: { name: string }) => s.name === 'tushare');
    expect(ts.lastError).toMatch(/^malformed: daily: response is not JSON/);
  });
});

describe('sync routes refuse bad input', () => {
  it('400 for every malformed body, 403 for non-admins, 404 for unknown ids', async () => {
    const bad: unknown[] = [
      {},
      { from: '2026-01-05' },
      { from: '2026-01-05', to: '2026-02-30' },
      { from: '20260105', to: '2026-01-09' },
      { from: '2026-01-09', to: '2026-01-05' },
      { from: '2024-01-01', to: '2026-01-05' },
      { from: '2026-03-02', to: '2026-03-09' },
      { from: '2026-01-05', to: '2026-01-09', extra: 1 },
      { from: 20260105, to: '2026-01-09' },
    ];
    for (const body of bad) {
      const r = await t.api('POST', '/admin/market-data/syncs', { token: admin, body });
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const member = await t.registerMember('sync_member');
    expect((await t.api('POST', '/admin/market-data/syncs', { token: member.accessToken, body: { from: '2026-01-05', to: '2026-01-09' } })).status).toBe(403);
    expect((await t.api('GET', '/admin/market-data/syncs/00000000-0000-4000-8000-000000000000', { token: admin })).body.code).toBe('JOB_NOT_FOUND');
    expect((await t.api('GET', '/admin/market-data/syncs/not-a-uuid', { token: admin })).status).toBe(404);
    for (const q of ['', '?year=abc', '?year=1800', '?year=2026&x=1']) {
      const r = await t.api('GET', `/admin/market-data/calendar-coverage${q}`, { token: admin });
      expect({ q, status: r.status }).toEqual({ q, status: 400 });
    }
  });

  it('calendar coverage lists the year\'s open days with stored rows', async () => {
    const r = await t.api('GET', '/admin/market-data/calendar-coverage?year=2026', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2026);
    const jan5 = r.body.days.find((d: { date: string }) => d.date === '2026-01-05');
    expect(jan5).toMatchObject({ complete: true, source: 'tushare' });
    expect(jan5.rows).toBeGreaterThan(10);
    expect(r.body.days.every((d: { date: string }) => d.date >= '2026-01-01' && d.date <= '2026-03-02')).toBe(true);
  });
});

describe('kill and restart', () => {
  it('a re-run of the same job resumes: complete dates are skipped, half-written ones are redone without duplicates', async () => {
    await sources().applyTuning(tuning());
    const job = await runSync('2026-02-09', '2026-02-20');
    expect(job).toMatchObject({ status: 'done', total: 6, perStockDates: 0 });
    // As if the worker died after writing the 19th's bars but before marking it, and before the 20th.
    await t.db.query(`DELETE FROM market_sync_dates WHERE trade_date IN ('2026-02-19', '2026-02-20')`);
    await t.db.query(`DELETE FROM daily_bars WHERE trade_date = '2026-02-20'`);
    tushare.resetCounters();
    const { MarketSyncService } = await import('../../src/modules/market-data/sync/market-sync.service.js');
    await t.app.get(MarketSyncService).run(job.id, { from: '2026-02-09', to: '2026-02-20' });
    expect(tushare.calls.daily).toBe(2);
    expect(tushare.calls.adj_factor).toBe(2);
    const record = (await t.db.query('SELECT status, total, processed, failed FROM job_records WHERE id = $1', [job.id])).rows[0];
    expect(record).toEqual({ status: 'done', total: 6, processed: 6, failed: 0 });
    for (const d of ['2026-02-19', '2026-02-20']) expect(await barCount(d)).toBe(tushare.market.barsForDate(d).length);
  });
});

describe('schedules (they only enqueue)', () => {
  it('the daily trigger enqueues one sync of the last week per China date, however often it fires', async () => {
    await sources().applyTuning(tuning());
    const { MarketDataProcessor, MARKET_DAILY_JOB, MARKET_HEALTH_JOB, uuidFromName } = await import('../../src/modules/market-data/sync/market-data.processor.js');
    const processor = t.app.get(MarketDataProcessor);
    const first = (await processor.process({ name: MARKET_DAILY_JOB, data: {} } as never)) as { id: string; enqueued: boolean };
    const second = (await processor.process({ name: MARKET_DAILY_JOB, data: {} } as never)) as { id: string; enqueued: boolean };
    expect(first).toEqual({ id: uuidFromName('market-data.daily:2026-03-02'), enqueued: true });
    expect(second).toEqual({ id: first.id, enqueued: false });
    await waitFor(async () => (await t.db.query('SELECT status FROM job_records WHERE id = $1', [first.id])).rows[0]?.status, (s) => s === 'done' || s === 'failed', 'daily sync');
    await relogin();
    const job = (await t.api('GET', `/admin/market-data/syncs/${first.id}`, { token: admin })).body;
    expect(job).toMatchObject({ status: 'done', from: '2026-02-23', to: '2026-03-02', total: 6 });

    // The health-check job checks every enabled source.
    await processor.process({ name: MARKET_HEALTH_JOB, data: {} } as never);
    const list = (await t.api('GET', '/admin/data-sources', { token: admin })).body as Array<{ name: string; enabled: boolean; lastCheckAt: string | null }>;
    expect(list.filter((s) => s.enabled).every((s) => s.lastCheckAt !== null)).toBe(true);
    expect(list.find((s) => s.name === 'demo')!.lastCheckAt).toBeNull();
  });
});
