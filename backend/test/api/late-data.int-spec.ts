import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSourcesService } from '../../src/modules/market-data/data-sources/data-sources.service.js';
import { startAktoolsFake, type AktoolsFake } from '../fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../fakes/tushare-fake.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Issue 11 item 3: Tushare (primary) answers but is a trading day behind (its last bar 2026-02-27);
 * AKTools already has 2026-03-02. After the close on 03-02 the sync must fall over to AKShare for
 * the missing day and log the switch, instead of storing nothing and calling it done.
 */
let t: TestApp;
let tushare: TushareFake;
let aktools: AktoolsFake;
let admin: string;
let clockRef: TestApp['clock'] | null = null;
const CODES = ['600000.SH', '000001.SZ', '600519.SH'];

beforeAll(async () => {
  tushare = await startTushareFake({ lastDate: '2026-02-27', now: () => (clockRef ? clockRef.now().getTime() : Date.now()) });
  aktools = await startAktoolsFake({ lastDate: '2026-03-02' });
  t = await startTestApp({ TUSHARE_TOKEN: TUSHARE_FAKE_TOKEN, TUSHARE_BASE_URL: tushare.url, AKTOOLS_URL: aktools.url });
  clockRef = t.clock;
  await t.app.get(DataSourcesService).applyTuning({
    resilience: { retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 5 } },
    sleep: async (ms) => {
      t.clock.advance(ms);
    },
    providers: { tushare: { rateLimit: null, timeoutMs: 5_000 }, akshare: { rateLimit: null, timeoutMs: 5_000 } },
  });
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
});
afterAll(async () => {
  await t?.close();
  await tushare?.close();
  await aktools?.close();
});

const waitJob = (id: string) =>
  waitFor(async () => (await t.db.query('SELECT status, result, message FROM job_records WHERE id = $1', [id])).rows[0], (j) => j?.status === 'done' || j?.status === 'failed', `job ${id}`, 60_000);

describe('fallback on late data', () => {
  it('before the close, Tushare up to the previous trade date is on time (no fallback)', async () => {
    const created = await t.api('POST', '/admin/stock-pools', { token: admin, body: { name: 'Late pool', startsOn: '2026-03-01', endsOn: '2026-06-30', codes: CODES } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = await waitFor(
      async () => (await t.db.query(`SELECT id FROM job_records WHERE kind = 'market-data.backfill'`)).rows[0]?.id as string | undefined,
      (x) => x !== undefined,
      'backfill job',
    );
    expect((await waitJob(id!)).status).toBe('done');
    const sources = (await t.db.query(`SELECT DISTINCT source FROM daily_bars`)).rows.map((r) => r.source);
    expect(sources).toEqual(['tushare']);
    expect(aktools.calls.stock_zh_a_hist ?? 0).toBe(0);
  });

  it('after the close, Tushare has nothing for 03-02: AKShare fills it per stock and the switch log says why', async () => {
    t.clock.advance(7 * 3_600_000); // 17:00 in China
    admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
    const started = await t.api('POST', '/admin/market-data/syncs', { token: admin, body: { from: '2026-03-02', to: '2026-03-02' } });
    expect(started.status).toBe(202);
    const job = await waitJob(started.body.id);
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect(job.result).toMatchObject({ barsWritten: CODES.length, perStockDates: 1 });
    const bars = (await t.db.query(`SELECT ts_code, source FROM daily_bars WHERE trade_date = '2026-03-02' ORDER BY 1`)).rows;
    expect(bars).toEqual([...CODES].sort().map((c) => ({ ts_code: c, source: 'akshare' })));
    const logs = (await t.api('GET', '/admin/data-sources/switch-logs?pageSize=20', { token: admin })).body;
    const entry = logs.items.find((l: { operation: string }) => l.operation === 'dailyByStock');
    expect(entry).toMatchObject({ from: 'tushare', to: 'akshare' });
    expect(entry.reason).toMatch(/tushare:daily stale — last bar none, expected 2026-03-02/);
  });
});
