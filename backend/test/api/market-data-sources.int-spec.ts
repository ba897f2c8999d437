import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataSourcesService } from '../../src/modules/market-data/data-sources/data-sources.service.js';
import { MarketDataService } from '../../src/modules/market-data/market-data.service.js';
import { startAktoolsFake, type AktoolsFake } from '../fakes/aktools-fake.js';
import { startTushareFake, TUSHARE_FAKE_TOKEN, type TushareFake } from '../fakes/tushare-fake.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, LISTED, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * Admin data-source routes (status, checks, order, settings with encrypted secrets, switch log) and
 * the bars route (access by holding, qfq vs none), against the Tushare and AKTools fakes.
 * Tushare is configured from the environment; AKShare's URL is stored by an admin through the API.
 */
let t: TestApp;
let tushare: TushareFake;
let aktools: AktoolsFake;
let admin: string;
const POOL = LISTED.slice(0, 8);
const ENTRY_KEYS = [
  'breaker', 'breakers', 'bulkByTradeDate', 'calls', 'configured', 'enabled', 'failures', 'lastCheckAt', 'lastError', 'lastErrorAt',
  'lastSuccessAt', 'name', 'p50Ms', 'priority', 'rateLimited', 'state', 'synthetic',
];

beforeAll(async () => {
  tushare = await startTushareFake({ lastDate: '2026-03-02' });
  aktools = await startAktoolsFake({ lastDate: '2026-03-02' });
  t = await startTestApp({ TUSHARE_TOKEN: TUSHARE_FAKE_TOKEN, TUSHARE_BASE_URL: tushare.url });
  await t.app.get(DataSourcesService).applyTuning({
    resilience: { retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 5 } },
    providers: { tushare: { rateLimit: null }, akshare: { rateLimit: null } },
  });
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
});

const list = async () => (await t.api('GET', '/admin/data-sources', { token: admin })).body as Array<Record<string, any>>;
const entry = async (name: string) => (await list()).find((s) => s.name === name)!;

describe('data-source status and settings', () => {
  it('lists every source in priority order with state, figures, breakers and how it is configured', async () => {
    const all = await list();
    expect(all.map((s) => [s.name, s.priority, s.enabled, s.state])).toEqual([
      ['tushare', 1, true, 'healthy'],
      ['akshare', 2, false, 'disabled'],
      ['demo', 3, false, 'disabled'],
    ]);
    for (const s of all) expect(Object.keys(s).sort()).toEqual(ENTRY_KEYS);
    expect(all[0]!.configured).toMatchObject({ takesToken: true, tokenSet: true, tokenFromEnv: true, urlFromEnv: true, fromEnv: true, urlDisplay: tushare.url });
    expect(all[1]!.configured).toMatchObject({ takesToken: false, takesUrl: true, urlSet: false, fromEnv: false });
    expect(all[2]).toMatchObject({ synthetic: true, configured: { takesToken: false, takesUrl: false } });
    expect(JSON.stringify(all)).not.toContain(TUSHARE_FAKE_TOKEN);
  });

  it('an admin stores the AKTools URL (encrypted, audited); AKShare turns on; env values keep winning', async () => {
    const r = await t.api('PATCH', '/admin/data-sources/akshare', { token: admin, body: { baseUrl: aktools.url } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ name: 'akshare', enabled: true, configured: { urlSet: true, urlFromEnv: false, fromEnv: false, urlDisplay: aktools.url } });
    const row = (await t.db.query(`SELECT base_url_enc, token_enc, enabled FROM data_source_settings WHERE name = 'akshare'`)).rows[0];
    expect(row.base_url_enc).toMatch(/^v1\./);
    expect(row.base_url_enc).not.toContain('127.0.0.1');
    expect(row.enabled).toBeNull();

    const tok = await t.api('PATCH', '/admin/data-sources/tushare', { token: admin, body: { token: 'stored-token-0123456789' } });
    expect(tok.status).toBe(200);
    expect(tok.body.configured).toMatchObject({ tokenSet: true, tokenFromEnv: true });
    expect(JSON.stringify(tok.body)).not.toContain('stored-token');
    const enc = (await t.db.query(`SELECT token_enc FROM data_source_settings WHERE name = 'tushare'`)).rows[0].token_enc;
    expect(enc).not.toContain('stored-token');
    // The env token still serves: a check succeeds against the fake, which knows only that one.
    expect((await t.api('POST', '/admin/data-sources/tushare/check', { token: admin })).body.state).toBe('healthy');

    const logs = await t.api('GET', '/admin/operation-logs?action=data_source.update', { token: admin });
    const texts = JSON.stringify(logs.body.items);
    expect(texts).not.toContain('stored-token');
    expect(logs.body.items.find((l: { targetId: string }) => l.targetId === 'tushare')).toMatchObject({ before: { token: null }, after: { token: '***' } });
    expect(logs.body.items.find((l: { targetId: string }) => l.targetId === 'akshare')).toMatchObject({ after: { baseUrl: aktools.url } });
    // Clearing the stored token is allowed (env still provides one).
    expect((await t.api('PATCH', '/admin/data-sources/tushare', { token: admin, body: { token: null } })).status).toBe(200);
  });

  it('refuses bad settings and unknown sources', async () => {
    const bad: Array<[string, unknown]> = [
      ['tushare', { token: 'short' }],
      ['tushare', { token: 'has spaces in it' }],
      ['tushare', { baseUrl: 'ftp://example.com' }],
      ['tushare', { baseUrl: 'not a url' }],
      ['tushare', { enabled: 'yes' }],
      ['tushare', { colour: 'red' }],
      ['akshare', { token: 'abcdefgh12345' }],
      ['demo', { baseUrl: 'http://example.com' }],
    ];
    for (const [name, body] of bad) {
      const r = await t.api('PATCH', `/admin/data-sources/${name}`, { token: admin, body });
      expect({ name, body, status: r.status, code: r.body.code }).toEqual({ name, body, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await t.api('PATCH', '/admin/data-sources/yahoo', { token: admin, body: { enabled: true } })).body.code).toBe('DATA_SOURCE_NOT_FOUND');
    expect((await t.api('POST', '/admin/data-sources/yahoo/check', { token: admin })).status).toBe(404);
    const member = await t.registerMember('ds_member');
    for (const [method, path] of [['GET', '/admin/data-sources'], ['POST', '/admin/data-sources/tushare/check'], ['GET', '/admin/data-sources/switch-logs'], ['PUT', '/admin/data-sources/order'], ['PATCH', '/admin/data-sources/tushare']] as const) {
      const r = await t.api(method, path, { token: member.accessToken, body: method === 'PUT' ? { names: ['tushare', 'akshare', 'demo'] } : method === 'PATCH' ? { enabled: true } : undefined });
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
    }
  });

  it('reorders priorities (audited) and refuses anything but a permutation', async () => {
    const r = await t.api('PUT', '/admin/data-sources/order', { token: admin, body: { names: ['akshare', 'tushare', 'demo'] } });
    expect(r.status).toBe(200);
    expect(r.body.map((s: { name: string; priority: number }) => [s.name, s.priority])).toEqual([['akshare', 1], ['tushare', 2], ['demo', 3]]);
    for (const body of [{ names: ['akshare', 'tushare'] }, { names: ['akshare', 'akshare', 'demo'] }, { names: ['akshare', 'tushare', 'yahoo'] }, { names: 'tushare' }, {}, { names: ['tushare', 'akshare', 'demo'], x: 1 }]) {
      const bad = await t.api('PUT', '/admin/data-sources/order', { token: admin, body });
      expect({ body, status: bad.status }).toEqual({ body, status: 400 });
    }
    await t.api('PUT', '/admin/data-sources/order', { token: admin, body: { names: ['tushare', 'akshare', 'demo'] } });
    expect((await list()).map((s) => s.name)).toEqual(['tushare', 'akshare', 'demo']);
    const logs = await t.api('GET', '/admin/operation-logs?action=data_source.reorder', { token: admin });
    expect(logs.body.items[0]).toMatchObject({ after: { order: ['tushare', 'akshare', 'demo'] } });
  });

  it('health states: healthy, down (bad token), degraded (an API refused), disabled; checks on demand', async () => {
    const ok = await t.api('POST', '/admin/data-sources/tushare/check', { token: admin });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'tushare', state: 'healthy', lastError: null });
    expect(ok.body.lastCheckAt).toEqual(expect.any(String));

    tushare.setMode({ revokeTokens: true });
    const down = await t.api('POST', '/admin/data-sources/tushare/check', { token: admin });
    expect(down.body).toMatchObject({ state: 'down', breaker: 'open' });
    expect(down.body.lastError).toMatch(/permanent: trade_cal: 40101 您的token不对/);
    tushare.resetMode();
    expect((await t.api('POST', '/admin/data-sources/tushare/check', { token: admin })).body).toMatchObject({ state: 'healthy', breaker: 'closed' });

    // A refused API opens only that API's breaker: degraded, not down.
    tushare.setMode({ noPermission: ['daily'] });
    await t.app.get(DataSourcesService).manager.call('dailyByTradeDate', { tradeDate: '2026-02-27' }).catch(() => undefined);
    expect(await entry('tushare')).toMatchObject({ state: 'degraded', breaker: 'open' });
    tushare.resetMode();
    // Breakers closed at once; it stays degraded while the failure is among its recent calls.
    expect((await t.api('POST', '/admin/data-sources/tushare/reset-breakers', { token: admin })).body).toMatchObject({ state: 'degraded', breaker: 'closed' });

    aktools.setMode({ missingFunctions: ['stock_zh_a_hist'] });
    const akDown = await t.api('POST', '/admin/data-sources/akshare/check', { token: admin });
    expect(akDown.body.state).toBe('down');
    expect(akDown.body.lastError).toMatch(/未找到该接口/);
    aktools.resetMode();
    expect((await t.api('POST', '/admin/data-sources/akshare/check', { token: admin })).body.state).toBe('healthy');

    expect((await t.api('PATCH', '/admin/data-sources/akshare', { token: admin, body: { enabled: false } })).body.state).toBe('disabled');
    expect((await t.api('PATCH', '/admin/data-sources/akshare', { token: admin, body: { enabled: true } })).body.state).toBe('healthy');
    await t.app.get(DataSourcesService).manager.call('tradeCalendar', { from: '2026-02-02', to: '2026-02-27' });
    const ts = await entry('tushare');
    expect(ts.calls).toBeGreaterThan(0);
    expect(ts.p50Ms).toEqual(expect.any(Number));
    // The manager's figures are on the app's Prometheus registry.
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/zhice_market_data_calls_total\{provider="tushare",api="trade_cal",outcome="success"\} \d+/);
    expect(metrics).toMatch(/zhice_market_data_provider_state\{provider="akshare"\} 0/);
  });

  it('switch logs are paged, newest first, in the api.md shape', async () => {
    for (let i = 0; i < 3; i++) {
      await t.db.query(`INSERT INTO data_source_switch_logs (at, from_source, to_source, reason, operation) VALUES (now() + ($1 || ' seconds')::interval, 'tushare', 'akshare', $2, 'dailyByStock')`, [i, `reason ${i}`]);
    }
    const page = await t.api('GET', '/admin/data-sources/switch-logs?page=1&pageSize=2', { token: admin });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page.body.items.map((l: { reason: string }) => l.reason)).toEqual(['reason 2', 'reason 1']);
    expect(Object.keys(page.body.items[0]).sort()).toEqual(['at', 'from', 'operation', 'reason', 'to']);
    for (const q of ['?pageSize=500', '?page=0', '?page=x']) expect((await t.api('GET', `/admin/data-sources/switch-logs${q}`, { token: admin })).status).toBe(400);
  });
});

describe('GET /market/bars', () => {
  let member: { accessToken: string; user: { id: string } };
  let held: string[];
  const FROM = '2025-06-02';
  const TO = '2025-07-31';

  beforeAll(async () => {
    const started = await t.api('POST', '/admin/market-data/syncs', { token: admin, body: { from: FROM, to: TO } });
    expect(started.status).toBe(202);
    await waitFor(() => t.api('GET', `/admin/market-data/syncs/${started.body.id}`, { token: admin }), (r) => r.body.status === 'done' || r.body.status === 'failed', 'sync', 60_000);
    const pool = await createPool(t, admin, POOL, 'Bars pool');
    await activatePool(t, admin, pool.id);
    member = await t.registerMember('bars_member');
    await waitForHoldings(t, member.user.id, 5);
    held = await activeCodes(t, member.user.id);
  });

  const bars = (token: string, query: string) => t.api('GET', `/market/bars?${query}`, { token });

  it('a member gets bars of a stock they hold, forward-adjusted by default; qfq = none × factor / last factor', async () => {
    const code = held[0]!;
    const qfq = await bars(member.accessToken, `tsCode=${code}&from=${FROM}&to=${TO}`);
    expect(qfq.status).toBe(200);
    expect(Object.keys(qfq.body).sort()).toEqual(['adjust', 'items', 'synthetic', 'tsCode']);
    expect(qfq.body).toMatchObject({ tsCode: code, adjust: 'qfq', synthetic: false });
    const expectedDays = tushare.market.barsForStock(code, FROM, TO);
    expect(qfq.body.items.map((b: { tradeDate: string }) => b.tradeDate)).toEqual(expectedDays.map((b) => b.tradeDate));
    expect(Object.keys(qfq.body.items[0]).sort()).toEqual(['amount', 'close', 'high', 'low', 'open', 'tradeDate', 'volume']);

    const none = await bars(member.accessToken, `tsCode=${code}&from=${FROM}&to=${TO}&adjust=none`);
    expect(none.body.adjust).toBe('none');
    expect(none.body.items).toEqual(expectedDays.map((b) => ({ tradeDate: b.tradeDate, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, amount: b.amount })));
    const factors = new Map(tushare.market.adjFactorsForStock(code, FROM, TO).map((f) => [f.tradeDate, f.factor]));
    const last = factors.get(expectedDays.at(-1)!.tradeDate)!;
    qfq.body.items.forEach((b: { tradeDate: string; close: number; volume: number }, i: number) => {
      expect(b.close).toBeCloseTo((none.body.items[i].close * factors.get(b.tradeDate)!) / last, 4);
      expect(b.volume).toBe(none.body.items[i].volume);
    });
    // The window spans this stock's yearly dividend: early bars are scaled, the last one is not.
    expect(qfq.body.items[0].close).not.toBe(none.body.items[0].close);
    expect(qfq.body.items.at(-1).close).toBe(none.body.items.at(-1).close);
  });

  it('403 for a stock the member does not hold, 404 for an unknown code, 400 for bad parameters, 401 signed out', async () => {
    const notHeld = POOL.find((c) => !held.includes(c))!;
    const r = await bars(member.accessToken, `tsCode=${notHeld}&from=${FROM}&to=${TO}`);
    expect(r).toMatchObject({ status: 403, body: { code: 'STOCK_NOT_OWNED' } });
    const outside = await bars(member.accessToken, `tsCode=${LISTED.at(-1)}`);
    expect(outside.body.code).toBe('STOCK_NOT_OWNED');
    expect((await bars(member.accessToken, 'tsCode=999999.SH')).body).toMatchObject({ statusCode: 404, code: 'STOCK_NOT_FOUND' });
    const badQueries = [
      '', 'tsCode=abc', 'tsCode=600000', `tsCode=${held[0]}&from=2025-13-01`, `tsCode=${held[0]}&to=20250701`,
      `tsCode=${held[0]}&adjust=hfq`, `tsCode=${held[0]}&from=${TO}&to=${FROM}`, `tsCode=${held[0]}&from=2000-01-01&to=${TO}`, `tsCode=${held[0]}&x=1`,
    ];
    for (const q of badQueries) {
      const bad = await bars(member.accessToken, q);
      expect({ q, status: bad.status, code: bad.body.code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await t.api('GET', `/market/bars?tsCode=${held[0]}`)).status).toBe(401);
  });

  it('after a VIP level ends, bars of the holdings above the free quota are refused at once (as /me/stocks hides them)', async () => {
    const vip = await t.registerMember('bars_vip');
    const grant = await t.api('POST', `/admin/users/${vip.user.id}/vip-grants`, { token: admin, body: { level: 1, months: 1, reason: 'bars test' } });
    expect(grant.status).toBe(201);
    await waitForHoldings(t, vip.user.id, POOL.length); // VIP1 quota 10 > the 8-stock pool
    const before = t.clock.now();
    t.clock.advance(40 * 86_400_000); // past the month; no sweep has run, holdings are not released yet
    try {
      const token = (await t.loginAs('bars_vip', 'member-pass-1')).accessToken; // the old one expired with the jump
      const mine = await t.api('GET', '/me/stocks', { token });
      const visible: string[] = mine.body.items.map((i: { tsCode: string }) => i.tsCode);
      expect(visible).toHaveLength(5);
      const hidden = (await activeCodes(t, vip.user.id)).filter((c) => !visible.includes(c));
      expect(hidden).toHaveLength(POOL.length - 5);
      expect((await bars(token, `tsCode=${hidden[0]}&from=${FROM}&to=${TO}`)).body).toMatchObject({ statusCode: 403, code: 'STOCK_NOT_OWNED' });
      expect((await bars(token, `tsCode=${visible[0]}&from=${FROM}&to=${TO}`)).status).toBe(200);
    } finally {
      t.clock.set(before);
    }
  });

  it('an admin gets any stock', async () => {
    const notHeld = POOL.find((c) => !held.includes(c))!;
    const r = await bars(admin, `tsCode=${notHeld}&from=${FROM}&to=${TO}&adjust=none`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBe(tushare.market.barsForStock(notHeld, FROM, TO).length);
  });

  it('MarketDataService serves the signals job: columnar series for many stocks, streamed in batches', async () => {
    const market = t.app.get(MarketDataService);
    const all = await market.barsFor(POOL, FROM, TO);
    expect([...all.keys()].sort()).toEqual([...POOL].sort());
    const s = all.get(held[0]!)!;
    expect(s.close).toBeInstanceOf(Float64Array);
    expect(s.tradeDates.length).toBe(s.length);
    const viaRoute = await bars(admin, `tsCode=${held[0]}&from=${FROM}&to=${TO}`);
    expect(viaRoute.body.items.map((b: { close: number }) => b.close)).toEqual([...s.close].map((v) => Math.round(v * 10_000) / 10_000));
    const streamed: string[] = [];
    for await (const series of market.streamBarsFor(POOL, FROM, TO, { adjust: 'none', batchSize: 3 })) streamed.push(series.tsCode);
    expect(streamed).toEqual([...POOL].sort());
    // The latest stored bar (a pool's new stocks are backfilled per stock, so it may lie past TO).
    const latest = (await t.db.query('SELECT max(trade_date)::text AS d FROM daily_bars')).rows[0].d;
    expect(latest >= '2025-07-31').toBe(true);
    expect(await market.latestTradeDate()).toBe(latest);
    const days = await market.tradingDays('2025-07-01', '2025-07-31');
    expect(days).toEqual(tushare.market.tradingDays('2025-07-01', '2025-07-31'));
  });
});
