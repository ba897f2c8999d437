import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSourcesService } from '../../src/modules/market-data/data-sources/data-sources.service.js';
import { StockListService } from '../../src/modules/market-data/stock-list/stock-list.service.js';
import { startAktoolsFake, type AktoolsFake } from '../fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../fakes/tushare-fake.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Issue 11 item 2: a real install (DEMO_DATA=false, Tushare and AKTools configured) works from zero —
 * no stock list, no bars. Creating a pool must not wait for a sync, and its stocks get their history.
 */
const LAST_DATE = '2026-03-02';
let t: TestApp;
let tushare: TushareFake;
let aktools: AktoolsFake;
let admin: string;
let clockRef: TestApp['clock'] | null = null;

beforeAll(async () => {
  tushare = await startTushareFake({ lastDate: LAST_DATE, now: () => (clockRef ? clockRef.now().getTime() : Date.now()) });
  aktools = await startAktoolsFake({ lastDate: LAST_DATE });
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

const jobStatus = async (id: string) => (await t.db.query('SELECT status, processed, total, result, message FROM job_records WHERE id = $1', [id])).rows[0];
const waitJob = (id: string) => waitFor(() => jobStatus(id), (j) => j?.status === 'done' || j?.status === 'failed', `job ${id}`, 60_000);

describe('a real install from zero', () => {
  it('is not in demo mode and has no stock list yet', async () => {
    expect(t.config.demoData).toBe(false);
    expect((await t.db.query('SELECT count(*)::int AS n FROM stocks')).rows[0].n).toBe(0);
    const demo = await t.api('GET', '/admin/demo-data', { token: admin });
    expect(demo.status).toBe(200);
    expect(demo.body).toMatchObject({ present: false, demoDataSetting: false, realSource: true, syntheticBars: 0 });
  });

  it('previewing a pool looks unknown codes up at the data source in the same request', async () => {
    const r = await t.api('POST', '/admin/stock-pools/preview', { token: admin, body: { text: '600000.SH\n000001.SZ\n999999.SH' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.valid.map((v: { tsCode: string }) => v.tsCode)).toEqual(['600000.SH', '000001.SZ']);
    expect(r.body.valid[1].name).toBe('平安银行');
    expect(r.body.invalid).toHaveLength(1);
    expect(tushare.calls.stock_basic).toBeGreaterThan(0);
  });

  it('creating a pool works the minute the instance is up, and its stocks get their history per stock', async () => {
    const codes = ['600000.SH', '000001.SZ', '600519.SH'];
    const created = await t.api('POST', '/admin/stock-pools', { token: admin, body: { name: 'Real pool', startsOn: '2026-03-01', endsOn: '2026-06-30', codes } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const job = await waitFor(
      async () => (await t.db.query(`SELECT id FROM job_records WHERE kind = 'market-data.backfill' ORDER BY created_at DESC LIMIT 1`)).rows[0]?.id as string | undefined,
      (id) => id !== undefined,
      'backfill job',
    );
    const done = await waitJob(job!);
    expect(done.status, JSON.stringify(done)).toBe('done');
    expect(done).toMatchObject({ processed: 3, total: 3 });
    expect(done.result.barsWritten).toBeGreaterThan(3 * 200);
    const stored = (await t.db.query(`SELECT count(*)::int AS n, min(trade_date)::text AS f, max(trade_date)::text AS l FROM daily_bars WHERE ts_code = '600000.SH'`)).rows[0];
    expect(stored.l).toBe(LAST_DATE);
    expect(stored.n).toBe(tushare.market.barsForStock('600000.SH', stored.f, LAST_DATE).length);

    // The admin sees coverage per pool stock.
    admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
    const cov = await t.api('GET', `/admin/stock-pools/${created.body.id}/coverage`, { token: admin });
    expect(cov.status).toBe(200);
    expect(cov.body.items.map((i: { tsCode: string }) => i.tsCode)).toEqual(codes);
    for (const item of cov.body.items) {
      expect(item).toMatchObject({ syntheticBars: 0, lastDate: LAST_DATE });
      expect(item.bars).toBeGreaterThan(200);
      expect(item.missingDays).toBe(item.expectedDays - item.bars);
    }
  });

  it('the stock list syncs on demand and on first start', async () => {
    const r = await t.api('POST', '/admin/market-data/stock-list-syncs', { token: admin });
    expect(r.status).toBe(202);
    const done = await waitJob(r.body.id);
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ source: 'tushare' });
    const n = (await t.db.query('SELECT count(*)::int AS n FROM stocks')).rows[0].n;
    expect(n).toBe(tushare.market.stockBasics().length);
    const start = await t.app.get(StockListService).syncOnStart();
    expect(start).not.toBeNull();
    expect((await waitJob(start!.id)).status).toBe('done');
  });
});
