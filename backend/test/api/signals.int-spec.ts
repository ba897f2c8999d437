import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookbackCalendarDays } from '../../src/modules/signals/config/lookback.js';
import { canonicalRowTexts, chainHash, GENESIS_HASH } from '../../src/modules/signals/domain/hash-chain.js';
import { aggregateStats, DEFAULT_WINDOWS, expectedBaseline, type EvalSample } from '../../src/modules/signals/domain/evaluation.js';
import { toColumns } from '../../src/modules/signals/indicators/bars.js';
import { addDays } from '../../src/modules/signals/runs/dates.js';
import { SIGNAL_DAILY_JOB, SignalRunService } from '../../src/modules/signals/runs/signal-run.service.js';
import { signalRunIdFor, SignalsProcessor } from '../../src/modules/signals/runs/signals.processor.js';
import { toStoredSignal } from '../../src/modules/signals/runs/signal-rows.js';
import { evaluateAll, getStrategy, resolveAllParams } from '../../src/modules/signals/strategies/registry.js';
import { recordStatements } from '../setup/statements.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { activatePool, activeCodes, createPool, LISTED, seedStocks, waitForHoldings } from './pool-fixtures.js';
import { waitFor } from '../setup/wait-for.js';
import { seedBars } from './signal-fixtures.js';

let t: TestApp;
let admin: string;
let runs: SignalRunService;

const LAST = '2026-02-27'; // Friday; the fake clock says Monday 2026-03-02 10:00 Asia/Shanghai
const POOL = LISTED.slice(0, 13);
const BAD = POOL[12]!; // one bar with a NaN high: a per-stock failure in every run
let dates: string[];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  runs = t.app.get(SignalRunService);
  await seedStocks(t);
  dates = await seedBars(t, POOL, LAST, 330);
  await t.db.query(`UPDATE daily_bars SET high = 'NaN' WHERE ts_code = $1 AND trade_date = $2`, [BAD, dates[200]]);
  const pool = await createPool(t, admin, POOL, 'Signals pool');
  await activatePool(t, admin, pool.id);
});
afterAll(async () => t?.close());

const day = (offsetFromLast: number) => dates[dates.length - 1 - offsetFromLast]!;
const rowsOf = async (tradeDate: string, extra = '') =>
  (await t.db.query(`SELECT ts_code, strategy_id, version, action, score, close, reasons, in_chain FROM signals WHERE trade_date = $1 ${extra} ORDER BY ts_code, strategy_id, version`, [tradeDate])).rows;
const waitRun = (id: string) =>
  waitFor(() => t.api('GET', `/admin/signals/runs/${id}`, { token: admin }), (r) => r.status === 200 && (r.body.status === 'done' || r.body.status === 'failed'), `signal run ${id}`, 60_000);

describe('strategy configuration', () => {
  it('lists every strategy with version 1 = defaults, specs and the levels using it', async () => {
    const r = await t.api('GET', '/admin/strategies', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.map((s: { id: string }) => s.id)).toEqual(['cho', 'ma_cross', 'macd_cross', 'rsi_bands', 'boll_break', 'volume_confirm', 'composite']);
    const cho = r.body[0];
    expect(cho).toMatchObject({ active: { version: 1, params: { short: 3, long: 24, smooth: 24 }, note: 'default' }, levels: [0, 1, 2, 3, 4] });
    expect(cho.paramSpecs.map((p: { key: string }) => p.key)).toEqual(['short', 'long', 'smooth']);
    expect(cho.history).toHaveLength(1);
  });

  it('a params change creates version n+1 (resolved, audited); the same params again create nothing', async () => {
    const r = await t.api('PUT', '/admin/strategies/ma_cross/params', { token: admin, body: { params: { fast: 10 } } });
    expect(r.status).toBe(200);
    expect(r.body.active).toMatchObject({ version: 2, params: { fast: 10, slow: 20 }, note: 'params' });
    expect(r.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const again = await t.api('PUT', '/admin/strategies/ma_cross/params', { token: admin, body: { params: { fast: 10, slow: 20 } } });
    expect(again.body.active.version).toBe(2);
    const log = await t.api('GET', '/admin/operation-logs?action=strategy.params.update', { token: admin });
    expect(log.body.items[0]).toMatchObject({ targetId: 'ma_cross', after: { version: 2 } });
  });

  it('bad input on the params route: validator messages, unknown strategy, unknown fields, members', async () => {
    const bad = await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body: { params: { short: 30, long: 24 } }, headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('STRATEGY_INVALID_PARAMS');
    expect(bad.body.details.errors).toEqual(['short: must be less than long']);
    const typed = await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body: { params: { short: 'x', colour: 1 } }, headers: { 'accept-language': 'en' } });
    expect(typed.body.details.errors).toEqual(expect.arrayContaining(['colour: unknown parameter', 'short: must be an integer in [1, 1000]']));
    const comp = await t.api('PUT', '/admin/strategies/composite/params', { token: admin, body: { params: { weights: { nope: 1 } } }, headers: { 'accept-language': 'en' } });
    expect(comp.body).toMatchObject({ code: 'STRATEGY_INVALID_PARAMS', details: { errors: ['weights.nope: unknown strategy'] } });
    expect((await t.api('PUT', '/admin/strategies/nope/params', { token: admin, body: { params: {} } })).body.code).toBe('STRATEGY_NOT_FOUND');
    for (const body of [{}, { params: 3 }, { params: [1] }, { params: {}, extra: true }]) {
      const r = await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body });
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const m = await t.registerMember('params_member');
    expect((await t.api('PUT', '/admin/strategies/cho/params', { token: m.accessToken, body: { params: {} } })).status).toBe(403);
    expect((await t.api('GET', '/admin/strategies', { token: m.accessToken })).status).toBe(403);
  });

  it('the VIP → strategy mapping only accepts existing strategies', async () => {
    const bad = await t.api('PUT', '/admin/vip-levels/2', { token: admin, body: { strategyId: 'no_such' } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'STRATEGY_NOT_FOUND' } });
    const ok = await t.api('PUT', '/admin/vip-levels/2', { token: admin, body: { strategyId: 'composite' } });
    expect(ok).toMatchObject({ status: 200, body: { strategyId: 'composite' } });
    const list = (await t.api('GET', '/admin/strategies', { token: admin })).body;
    expect(list.find((s: { id: string }) => s.id === 'composite').levels).toEqual([2]);
  });
});

describe('runs', () => {
  it('bad input on the run route', async () => {
    for (const body of [{ tradeDate: '2026-02-30' }, { tradeDate: '20260227' }, { tradeDate: 5 }, { tradeDate: '2026-02-28' }, { tradeDate: '2020-01-02' }, { other: 1 }]) {
      const r = await t.api('POST', '/admin/signals/runs', { token: admin, body });
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const m = await t.registerMember('run_member');
    expect((await t.api('POST', '/admin/signals/runs', { token: m.accessToken, body: {} })).status).toBe(403);
    expect((await t.api('GET', '/admin/signals/runs/6f1c1e8e-0000-4000-8000-000000000000', { token: admin })).body.code).toBe('SIGNAL_RUN_NOT_FOUND');
    expect((await t.api('GET', '/admin/signals/runs/nope', { token: admin })).status).toBe(404);
  });

  it('a run (default: the latest stored trading day) computes the strategies in use for the pool, lists failures, publishes and chains the day', async () => {
    const r = await t.api('POST', '/admin/signals/runs', { token: admin, body: {} });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'queued' });
    const done = await waitRun(r.body.id);
    expect(done.body).toMatchObject({ id: r.body.id, tradeDate: LAST, status: 'done', total: 13, processed: 13, failed: 1, strategies: { cho: 1, composite: 1 } });
    expect(done.body.startedAt).toBeTruthy();
    expect(done.body.finishedAt).toBeTruthy();
    expect(done.body.failures).toEqual([{ tsCode: BAD, message: expect.stringContaining('finite') }]);
    const rows = await rowsOf(LAST);
    expect(rows).toHaveLength(12 * 2);
    expect(rows.every((x) => x.in_chain)).toBe(true);
    const list = await t.api('GET', '/admin/signals/runs?page=1&pageSize=5', { token: admin });
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect(list.body.items[0]).toMatchObject({ id: r.body.id, tradeDate: LAST, status: 'done' });
    const head = await t.api('GET', '/signals/chain/head', { token: admin });
    expect(head.body).toMatchObject({ tradeDate: LAST, days: 1 });
  });

  it('the daily trigger enqueues one run per trade date, however many instances fire it', async () => {
    const processor = t.app.get(SignalsProcessor);
    const fire = () => processor.process({ name: SIGNAL_DAILY_JOB, data: {} } as never) as Promise<{ id: string; enqueued: boolean }>;
    const [a, b] = await Promise.all([fire(), fire()]);
    expect([a.enqueued, b.enqueued].sort()).toEqual([false, true]);
    expect(a.id).toBe(signalRunIdFor(LAST));
    expect((await fire()).enqueued).toBe(false);
    const done = await waitRun(a.id);
    expect(done.body).toMatchObject({ tradeDate: LAST, status: 'done', published: 0 });
  });

  it('no look-ahead: a run for T reads bars up to T only (changing later bars changes nothing) and matches an independent computation', async () => {
    const T = day(10);
    await runs.runDay(null, T);
    const before = await rowsOf(T);
    expect(before.length).toBe(24);
    // Independent computation from bars ≤ T over the run's fixed window.
    const code = POOL[0]!;
    const params = (await t.db.query(`SELECT params FROM strategy_versions WHERE strategy_id = 'cho' AND version = 1`)).rows[0].params;
    const from = addDays(T, -lookbackCalendarDays({ cho: params, composite: getStrategy('composite').defaultParams }));
    const bars = (await t.db.query(`SELECT trade_date::text AS "tradeDate", open, high, low, close, volume::float8 AS volume FROM daily_bars WHERE ts_code = $1 AND trade_date BETWEEN $2 AND $3 ORDER BY trade_date`, [code, from, T])).rows;
    const cols = toColumns(bars);
    const out = evaluateAll(cols, resolveAllParams({ cho: params }), ['cho']);
    const expected = toStoredSignal(code, 'cho', 1, out.cho!.at(cols.length - 1), cols.close[cols.length - 1]!);
    const stored = before.find((x) => x.ts_code === code && x.strategy_id === 'cho')!;
    expect({ action: stored.action, score: stored.score, close: stored.close, reasons: stored.reasons }).toEqual({ action: expected.action, score: expected.score, close: expected.close, reasons: expected.reasons });

    // Wildly different bars after T: the re-run of T is identical (nothing published, no new version).
    await t.db.query(`UPDATE daily_bars SET close = close * 3, volume = volume * 7 WHERE trade_date > $1`, [T]);
    const again = await runs.runDay(null, T);
    expect(again).toMatchObject({ published: 0, revisions: {}, chained: false });
    expect(await rowsOf(T)).toEqual(before);
    await t.db.query(`UPDATE daily_bars SET close = close / 3, volume = volume / 7 WHERE trade_date > $1`, [T]);
  });

  it('an identical re-run of a chained day changes nothing: same rows, same chain hash', async () => {
    const before = await rowsOf(LAST);
    const head = (await t.api('GET', '/signals/chain/head', { token: admin })).body;
    const r = await t.api('POST', '/admin/signals/runs', { token: admin, body: { tradeDate: LAST } });
    const done = await waitRun(r.body.id);
    expect(done.body).toMatchObject({ status: 'done', published: 0 });
    expect(await rowsOf(LAST)).toEqual(before);
    expect((await t.api('GET', '/signals/chain/head', { token: admin })).body).toEqual(head);
    expect((await t.db.query('SELECT count(*)::int AS n FROM signal_staging')).rows[0].n).toBe(0);
  });

  it('a crash mid-run publishes nothing; the restarted run finishes the day', async () => {
    const T = day(5);
    await expect(runs.runDay(null, T, { batchSize: 2, failAfter: 4 })).rejects.toThrow(/injected failure/);
    const status = (await t.db.query('SELECT status FROM signal_days WHERE trade_date = $1', [T])).rows[0];
    expect(status.status).toBe('staging');
    const partial = await rowsOf(T);
    const firstFour = [...POOL].sort().slice(0, 4);
    expect(partial.length).toBe(firstFour.filter((c) => c !== BAD).length * 2); // four stocks done, invisible
    const headBefore = (await t.api('GET', '/signals/chain/head', { token: admin })).body;
    const stats = await t.db.query('SELECT count(*)::int AS n FROM signal_returns WHERE trade_date = $1', [T]);
    expect(stats.rows[0].n).toBe(0);

    const lastLink = (await t.db.query('SELECT seq, chain_hash FROM signal_days WHERE trade_date = $1', [LAST])).rows[0];
    const result = await runs.runDay(null, T, { batchSize: 2 });
    expect(result).toMatchObject({ processed: 13, failed: 1, published: 24, chained: false });
    const rows = await rowsOf(T);
    expect(rows).toHaveLength(24);
    // The resumed day equals a clean computation: re-running it is an identical no-op.
    expect((await runs.runDay(null, T)).published).toBe(0);
    // A past date published after LAST is visible but never becomes the chain head, and the
    // as-issued record of the later day (LAST's link) is untouched.
    const head = (await t.api('GET', '/signals/chain/head')).body;
    expect(head).toEqual(headBefore);
    expect(head.tradeDate).toBe(LAST);
    expect((await t.db.query('SELECT status, seq FROM signal_days WHERE trade_date = $1', [T])).rows[0]).toEqual({ status: 'published', seq: null });
    expect((await t.db.query('SELECT count(*)::int AS n FROM signals WHERE trade_date = $1 AND in_chain', [T])).rows[0].n).toBe(0);
    expect((await t.db.query('SELECT seq, chain_hash FROM signal_days WHERE trade_date = $1', [LAST])).rows[0]).toEqual(lastLink);
    expect((await t.api('GET', '/signals/chain/verify', { token: admin })).body).toMatchObject({ ok: true });
  });

  it('a parameter change keeps old signals: old rows untouched, new version rows added outside the existing link', async () => {
    const T = day(10);
    const before = await rowsOf(T);
    const put = await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body: { params: { short: 5, long: 20, smooth: 10 } } });
    expect(put.body.active.version).toBe(2);
    const r = await runs.runDay(null, T);
    expect(r).toMatchObject({ strategies: { cho: 2, composite: 1 }, published: 12, chained: false });
    const after = await rowsOf(T);
    expect(after.filter((x) => !(x.strategy_id === 'cho' && x.version === 2))).toEqual(before);
    const v2 = after.filter((x) => x.strategy_id === 'cho' && x.version === 2);
    expect(v2).toHaveLength(12);
    expect(v2.every((x) => !x.in_chain)).toBe(true);
    expect((await t.api('GET', '/signals/chain/verify', { token: admin })).body).toMatchObject({ ok: true });
  });

  it('rows that would change under the same version (corrected bars) become a new version; history stays', async () => {
    const T = day(10);
    const before = await rowsOf(T);
    await t.db.query(`UPDATE daily_bars SET volume = volume * 5 WHERE ts_code = $1 AND trade_date = $2`, [POOL[1], day(12)]);
    const r = await runs.runDay(null, T);
    expect(r.revisions).toEqual({ cho: 3, composite: 2 });
    const versions = (await t.api('GET', '/admin/strategies', { token: admin })).body;
    expect(versions[0].active).toMatchObject({ version: 3, note: expect.stringContaining(`data revision ${T}`), params: { short: 5, long: 20, smooth: 10 } });
    const after = await rowsOf(T);
    expect(after.filter((x) => before.some((b) => b.strategy_id === x.strategy_id && b.version === x.version))).toEqual(before);
    expect(after.filter((x) => x.version === 3 && x.strategy_id === 'cho')).toHaveLength(12);
    // The corrected bar stays (it is the data now); cho goes back to its default parameters.
    expect((await t.api('PUT', '/admin/strategies/cho/params', { token: admin, body: { params: {} } })).body.active.version).toBe(4);
  });
});

describe('members', () => {
  let member: { accessToken: string; user: { id: string } };
  let mine: string[];

  beforeAll(async () => {
    // A month of published days, oldest first, with forward returns.
    for (let k = 30; k >= 1; k--) await runs.runDay(null, day(k), { fillForward: false });
    await runs.runDay(null, LAST);
    member = await t.registerMember('signal_member');
    await waitForHoldings(t, member.user.id, 5);
    mine = await activeCodes(t, member.user.id);
  });

  it('GET /me/signals: own stocks only, the level’s strategy, one row per day as issued, newest first', async () => {
    const code = mine.find((c) => c !== BAD)!;
    const r = await t.api('GET', `/me/signals?tsCode=${code}&pageSize=10`, { token: member.accessToken });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ strategyId: 'cho', page: 1, pageSize: 10 });
    expect(r.body.total).toBeGreaterThanOrEqual(31);
    expect(r.body.items).toHaveLength(10);
    expect(r.body.items[0]).toMatchObject({ tradeDate: LAST, tsCode: code, strategyId: 'cho', inChain: true });
    expect(r.body.items[0].reasons.rulesFired.length + (r.body.items[0].action === 'HOLD' ? 1 : 0)).toBeGreaterThan(0);
    const T = day(10); // has cho v1 (issued), v2, v3: the member sees v1
    const onT = await t.api('GET', `/me/signals?tsCode=${code}&from=${T}&to=${T}`, { token: member.accessToken });
    expect(onT.body.items).toHaveLength(1);
    expect(onT.body.items[0]).toMatchObject({ tradeDate: T, version: 1 });
    expect(onT.body.items[0].forward['1']).toEqual(expect.any(Number));
    const all = await t.api('GET', '/me/signals?pageSize=100', { token: member.accessToken });
    expect(new Set(all.body.items.map((i: { tsCode: string }) => i.tsCode)).size).toBeGreaterThan(1);
    expect(all.body.items.every((i: { tsCode: string }) => mine.includes(i.tsCode))).toBe(true);
  });

  it('another stock is 403 STOCK_NOT_OWNED; bad queries are 400', async () => {
    const other = POOL.find((c) => !mine.includes(c))!;
    const r = await t.api('GET', `/me/signals?tsCode=${other}`, { token: member.accessToken });
    expect(r).toMatchObject({ status: 403, body: { code: 'STOCK_NOT_OWNED' } });
    expect((await t.api('GET', `/me/signals/latest?tsCode=${other}`, { token: member.accessToken })).body.code).toBe('STOCK_NOT_OWNED');
    for (const q of ['tsCode=600000', 'from=2026-13-01', 'from=2026-02-10&to=2026-02-01', 'pageSize=1000', 'page=0', 'colour=red']) {
      const b = await t.api('GET', `/me/signals?${q}`, { token: member.accessToken });
      expect({ q, status: b.status, code: b.body.code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await t.api('GET', '/me/signals/latest', { token: member.accessToken })).status).toBe(400);
    expect((await t.api('GET', '/me/signals')).status).toBe(401);
    // Someone without stocks sees an empty page.
    const empty = await t.api('GET', '/me/signals', { token: admin });
    expect(empty.body).toMatchObject({ items: [], total: 0 });
  });

  it('GET /me/stocks carries latestSignal from the member’s strategy; a level mapped to another strategy switches it', async () => {
    const r = await t.api('GET', '/me/stocks', { token: member.accessToken });
    const ok = r.body.items.filter((i: { tsCode: string }) => i.tsCode !== BAD);
    expect(ok.length).toBeGreaterThan(0);
    for (const item of ok) expect(item.latestSignal).toEqual({ tradeDate: LAST, action: expect.stringMatching(/^(BUY|SELL|HOLD)$/), score: expect.any(Number) });
    const bad = r.body.items.find((i: { tsCode: string }) => i.tsCode === BAD);
    if (bad) expect(bad.latestSignal).toBeNull();
    const g = await t.api('POST', `/admin/users/${member.user.id}/vip-grants`, { token: admin, body: { level: 2, months: 3, reason: 'test' } });
    expect(g.status).toBe(201);
    const latest = await t.api('GET', `/me/signals/latest?tsCode=${ok[0].tsCode}`, { token: member.accessToken });
    expect(latest.body).toMatchObject({ tsCode: ok[0].tsCode, strategyId: 'composite', latest: { tradeDate: LAST, strategyId: 'composite' } });
    expect(latest.body.latest.reasons.values).toHaveProperty('composite');
  });

  it('GET /me/stocks runs at most 3 statements (principal, entitlement, holdings) and carries the day change', async () => {
    const { result: r, statements } = await recordStatements(t.app, () => t.api('GET', '/me/stocks', { token: member.accessToken }));
    expect(r.status).toBe(200);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(3);
    expect(r.body.items.length).toBeGreaterThan(0);
    // The seeded bars have no pre_close: the change is against the previous bar's close.
    const pct = (close: number, prev: number) => Math.round((close / prev - 1) * 100 * 10_000) / 10_000;
    for (const item of r.body.items) {
      const [last, prev] = (await t.db.query(`SELECT close FROM daily_bars WHERE ts_code = $1 ORDER BY trade_date DESC LIMIT 2`, [item.tsCode])).rows;
      expect({ code: item.tsCode, changePct: item.changePct }).toEqual({ code: item.tsCode, changePct: expect.closeTo(pct(last.close, prev.close), 6) });
    }
    // The bar's ex-rights pre_close wins when the source has one; no bars at all → null.
    const [a, b] = r.body.items.map((i: { tsCode: string }) => i.tsCode);
    const lastA = (await t.db.query(`SELECT close FROM daily_bars WHERE ts_code = $1 AND trade_date = $2`, [a, LAST])).rows[0];
    await t.db.query(`UPDATE daily_bars SET pre_close = $3 WHERE ts_code = $1 AND trade_date = $2`, [a, LAST, lastA.close / 1.05]);
    await t.db.query(`CREATE TABLE kept_change_bars AS SELECT * FROM daily_bars WHERE ts_code = $1`, [b]);
    await t.db.query(`DELETE FROM daily_bars WHERE ts_code = $1`, [b]);
    try {
      const again = await t.api('GET', '/me/stocks', { token: member.accessToken });
      const byCode = new Map(again.body.items.map((i: { tsCode: string; changePct: number | null }) => [i.tsCode, i.changePct]));
      expect(byCode.get(a)).toBeCloseTo(5, 6);
      expect(byCode.get(b)).toBeNull();
    } finally {
      await t.db.query(`UPDATE daily_bars SET pre_close = NULL WHERE ts_code = $1 AND trade_date = $2`, [a, LAST]);
      await t.db.query(`INSERT INTO daily_bars SELECT * FROM kept_change_bars; DROP TABLE kept_change_bars`);
    }
  });

  it('per-stock freshness: stale when the stock’s latest bar is before the latest trading day', async () => {
    const [code] = mine;
    const fresh = await t.api('GET', '/me/signals/freshness', { token: member.accessToken });
    expect(fresh.body.expectedDate).toBe(LAST);
    expect(fresh.body.items.every((i: { stale: boolean }) => !i.stale)).toBe(true);
    await t.db.query(`CREATE TABLE kept_bars AS SELECT * FROM daily_bars WHERE ts_code = $1 AND trade_date > $2`, [code, day(2)]);
    await t.db.query(`DELETE FROM daily_bars WHERE ts_code = $1 AND trade_date > $2`, [code, day(2)]);
    const stale = await t.api('GET', `/me/signals/latest?tsCode=${code}`, { token: member.accessToken });
    expect(stale.body.freshness).toEqual({ tsCode: code, latestBarDate: day(2), expectedDate: LAST, stale: true, synthetic: false });
    await t.db.query(`INSERT INTO daily_bars SELECT * FROM kept_bars; DROP TABLE kept_bars`);
  });
});

describe('evaluation', () => {
  it('stats per strategy and window with the random baseline agree with the pure evaluation functions', async () => {
    const r = await t.api('GET', '/signals/stats?strategyId=cho', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { window: number }) => i.window)).toEqual([1, 5, 10, 20]);
    // Same definition computed in JS from the stored rows.
    const issued = (
      await t.db.query(
        `SELECT DISTINCT ON (s.trade_date, s.ts_code) s.trade_date::text AS d, s.ts_code, s.action, r.fwd_1, r.fwd_5, r.fwd_10, r.fwd_20
           FROM signals s JOIN signal_returns r USING (trade_date, ts_code) WHERE s.strategy_id = 'cho'
          ORDER BY s.trade_date, s.ts_code, s.version`,
      )
    ).rows;
    const samples: EvalSample[] = issued.map((x) => ({ strategyId: 'cho', tradeDate: x.d, tsCode: x.ts_code, action: x.action, forward: [x.fwd_1, x.fwd_5, x.fwd_10, x.fwd_20] }));
    const poolRows = (await t.db.query(`SELECT trade_date::text AS d, fwd_1, fwd_5, fwd_10, fwd_20 FROM signal_returns`)).rows;
    const pool = new Map<string, (number | null)[][]>();
    for (const p of poolRows) pool.set(p.d, [...(pool.get(p.d) ?? []), [p.fwd_1, p.fwd_5, p.fwd_10, p.fwd_20]]);
    const stats = aggregateStats(samples, DEFAULT_WINDOWS);
    const base = expectedBaseline(samples, pool, DEFAULT_WINDOWS);
    for (const item of r.body.items) {
      const s = stats.find((x) => x.window === item.window)!;
      const b = base.find((x) => x.window === item.window)!;
      expect(item.count).toBe(s.count);
      expect(item.hits).toBe(s.hits);
      expect(item.hitRate).toBeCloseTo(s.hitRate!, 10);
      expect(item.meanReturn).toBeCloseTo(s.meanReturn!, 10);
      expect(item.baseline.count).toBe(b.count);
      expect(item.baseline.hitRate).toBeCloseTo(b.hitRate!, 10);
      expect(item.baseline.meanReturn).toBeCloseTo(b.meanReturn!, 10);
    }
    expect(r.body.items.find((i: { window: number }) => i.window === 1).count).toBeGreaterThan(100);
    expect(r.body.items.find((i: { window: number }) => i.window === 20).count).toBeGreaterThan(0);

    const one = await t.api('GET', '/signals/stats?window=5', { token: admin });
    expect(one.body.items.every((i: { window: number }) => i.window === 5)).toBe(true);
    expect(one.body.items.map((i: { strategyId: string }) => i.strategyId)).toEqual(expect.arrayContaining(['cho', 'composite']));
    for (const q of ['window=3', 'strategyId=nope', 'window=x']) {
      const b = await t.api('GET', `/signals/stats?${q}`, { token: admin });
      expect({ q, status: b.status }).toEqual({ q, status: 400 });
    }
    expect((await t.api('GET', '/signals/stats')).status).toBe(401);
  });
});

describe('hash chain', () => {
  it('head, a day anyone can recompute, verification', async () => {
    const head = (await t.api('GET', '/signals/chain/head', { token: admin })).body;
    // The month before LAST was back-filled after LAST was published: visible, but not chained.
    const chained = (await t.db.query('SELECT count(*)::int AS n FROM signal_days WHERE seq IS NOT NULL')).rows[0].n;
    expect(head).toMatchObject({ tradeDate: LAST, days: chained });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM signal_days WHERE status = 'published' AND seq IS NULL`)).rows[0].n).toBeGreaterThanOrEqual(30);
    const d = await t.api('GET', `/signals/chain/days/${LAST}`, { token: admin });
    expect(d.status).toBe(200);
    expect(d.body.rows).toHaveLength(d.body.rowCount);
    expect(createHash('sha256').update(d.body.payload).digest('hex')).toBe(d.body.payloadHash);
    expect(chainHash(d.body.prevHash, LAST, d.body.payload)).toBe(d.body.hash);
    const first = (await t.db.query('SELECT trade_date::text AS d FROM signal_days WHERE seq = 1')).rows[0].d;
    expect((await t.api('GET', `/signals/chain/days/${first}`, { token: admin })).body.prevHash).toBe(GENESIS_HASH);
    const v = await t.api('GET', '/signals/chain/verify', { token: admin });
    expect(v.body).toEqual({ ok: true, brokenAt: null, reason: null, verifiedDays: head.days, head: head.hash, days: head.days });
    expect((await t.api('GET', '/signals/chain/days/2026-02-30', { token: admin })).status).toBe(400);
    expect((await t.api('GET', '/signals/chain/days/2020-01-02', { token: admin })).status).toBe(404);
  });

  it('a chained day does not publish the content of stocks the caller does not hold (issue 10 item 3)', async () => {
    const m = await t.registerMember('chain_reader');
    const held = await waitForHoldings(t, m.user.id, 5);
    const d = await t.api('GET', `/signals/chain/days/${LAST}`, { token: m.accessToken });
    expect(d.status).toBe(200);
    // Everyone: the link, the count and one digest per row; no payload.
    expect(d.body.payload).toBeNull();
    expect(d.body.rowDigests).toHaveLength(d.body.rowCount);
    // The member's own rows in full, and nothing else.
    expect(d.body.rows.length).toBeGreaterThan(0);
    expect(d.body.rows.length).toBeLessThan(d.body.rowCount);
    expect(d.body.rows.every((r: { tsCode: string }) => held.includes(r.tsCode))).toBe(true);
    expect(new Set(d.body.rows.map((r: { tsCode: string }) => r.tsCode))).toEqual(new Set(held.filter((c) => d.body.rows.some((r: { tsCode: string }) => r.tsCode === c))));
    const notHeld = POOL.find((c) => !held.includes(c))!;
    expect(JSON.stringify(d.body)).not.toContain(notHeld);
    // Each own row checks against the digest at its index; the admin's payload ties digests to the hash.
    const full = (await t.api('GET', `/signals/chain/days/${LAST}`, { token: admin })).body;
    for (const r of d.body.rows) {
      const text = canonicalRowTexts([r]).texts[0]!; // the member rebuilds its row's canonical text
      expect(full.payload).toContain(text);
      expect(createHash('sha256').update(`${r.salt}\n${text}`).digest('hex')).toBe(d.body.rowDigests[r.index]);
    }
    expect(full.rowDigests).toEqual(d.body.rowDigests);
    // An agent holds nothing: hashes and digests only; its /market/bars follows the same rule.
    const agent = await t.api('POST', '/admin/users', { token: admin, body: { username: 'chain_agent', password: 'agent-pass-1', role: 'agent' } });
    await t.db.query('UPDATE users SET must_change_password = false WHERE id = $1', [agent.body.id]);
    const a = await t.loginAs('chain_agent', 'agent-pass-1');
    const ad = await t.api('GET', `/signals/chain/days/${LAST}`, { token: a.accessToken });
    expect(ad.body).toMatchObject({ payload: null, rows: [], rowCount: d.body.rowCount });
    expect((await t.api('GET', `/market/bars?tsCode=${notHeld}`, { token: a.accessToken })).status).toBe(403);
    expect((await t.api('GET', `/market/bars?tsCode=${held[0]}`, { token: m.accessToken })).status).toBe(200);
  });

  it('tampering with a stored row is detected at its date', async () => {
    const T = LAST;
    const row = (await t.db.query(`SELECT ts_code, strategy_id, version, score FROM signals WHERE trade_date = $1 AND in_chain LIMIT 1`, [T])).rows[0];
    await t.db.query(`UPDATE signals SET score = CASE WHEN score > 0 THEN 0 ELSE 0.5 END WHERE trade_date = $1 AND ts_code = $2 AND strategy_id = $3 AND version = $4`, [T, row.ts_code, row.strategy_id, row.version]);
    const v = await t.api('GET', '/signals/chain/verify', { token: admin });
    expect(v.body).toMatchObject({ ok: false, brokenAt: T });
    await t.db.query(`UPDATE signals SET score = $5 WHERE trade_date = $1 AND ts_code = $2 AND strategy_id = $3 AND version = $4`, [T, row.ts_code, row.strategy_id, row.version, row.score]);
    expect((await t.api('GET', '/signals/chain/verify', { token: admin })).body.ok).toBe(true);
    // Deleting a row or editing a stored hash is caught too.
    await t.db.query(`UPDATE signal_days SET chain_hash = repeat('a', 64) WHERE trade_date = $1`, [T]);
    expect((await t.api('GET', '/signals/chain/verify', { token: admin })).body).toMatchObject({ ok: false, brokenAt: T });
  });
});
