import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSignal } from '../../src/modules/signals/runs/signal-rows.js';
import { SignalsStore, type RunSetEntry } from '../../src/modules/signals/signals.store.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { LISTED, seedStocks } from './pool-fixtures.js';

// The signals store's statements on the cloned template database: run state and writes, the
// publication steps, the hash chain's reads, members' issued signals, forward returns, stats, the
// demo-data cut and strategy versions — each checked against rows written or read plainly.
let t: TestApp;
let store: SignalsStore;
let ds: DataSource;
const [A, B, C] = LISTED as [string, string, string];
const D1 = '2031-03-03';
const D2 = '2031-03-04';
const D3 = '2031-03-05';
const D4 = '2031-03-06';
const SET: RunSetEntry[] = [
  { strategyId: 'cho', version: 1 },
  { strategyId: 'ma_cross', version: 1 },
];
const at = new Date('2031-03-06T10:00:00Z');

const row = (tsCode: string, strategyId: string, version: number, action: StoredSignal['action'] = 'BUY', score = 0.5): StoredSignal => ({
  tsCode,
  strategyId,
  version,
  action,
  score,
  close: 10,
  reasons: { values: { k: 1 }, prev: { k: 0 }, rulesFired: ['r'] },
});
const m = () => ds.manager;
const q = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await t.db.query(text, values)).rows as T[];

beforeAll(async () => {
  t = await startTestApp();
  await seedStocks(t);
  store = t.app.get(SignalsStore);
  ds = t.app.get(DataSource);
  expect(await q('SELECT 1 FROM signal_days')).toEqual([]);
}, 120_000);

afterAll(async () => t?.close());

describe('SignalsStore: a run and its publication', () => {
  it('resume state: completed stocks need every version of the run; foreign versions of a staging day go', async () => {
    await store.ensureDay(m(), D1, null);
    await store.ensureDay(m(), D1, null); // idempotent
    expect(await store.dayStatus(m(), D1)).toBe('staging');
    expect(await store.dayStatus(m(), D4)).toBeNull();
    await store.write(m(), 'signals', D1, null, [row(A, 'cho', 1), row(A, 'ma_cross', 1), row(B, 'cho', 1), row(C, 'cho', 7)]);
    expect([...(await store.completedStocks(m(), 'signals', D1, SET))]).toEqual([A]);
    // An upsert of the same key updates the row instead of failing.
    await store.write(m(), 'signals', D1, null, [row(B, 'cho', 1, 'SELL', 0.25)]);
    expect(await q('SELECT action, score, in_chain FROM signals WHERE trade_date = $1 AND ts_code = $2', [D1, B])).toEqual([{ action: 'SELL', score: 0.25, in_chain: true }]);
    await store.dropForeignStagedRows(m(), D1, SET);
    expect(await q('SELECT ts_code, version FROM signals WHERE trade_date = $1 AND ts_code = $2', [D1, C])).toEqual([]);
    expect(await store.countDayRows(m(), D1)).toBe(3);
  });

  it('failures upsert per stock, list in code order and clear per run', async () => {
    const runId = '00000000-0000-4000-8000-000000000001';
    await store.recordFailures(m(), runId, [{ tsCode: B, message: 'first' }, { tsCode: A, message: 'x'.repeat(2000) }]);
    await store.recordFailures(m(), runId, [{ tsCode: B, message: 'second' }]);
    const f = await store.failures(m(), runId);
    expect(f.map((x) => x.tsCode)).toEqual([A, B].sort());
    expect(f.find((x) => x.tsCode === B)!.message).toBe('second');
    expect(f.find((x) => x.tsCode === A)!.message).toHaveLength(1000);
    await store.clearFailures(m(), runId);
    expect(await store.failures(m(), runId)).toEqual([]);
  });

  it('first publications: chained in order, the head and links read back, the universe added', async () => {
    await ds.transaction(async (tx) => {
      expect(await store.lockDayStatus(tx, D1)).toBe('staging');
      await store.markPublishedChained(tx, D1, { strategies: { cho: 1 }, rowCount: 3, runId: null, at }, { payloadHash: 'a'.repeat(64), prevHash: '0'.repeat(64), hash: 'b'.repeat(64), seq: 1 });
      await store.addDayUniverse(tx, D1);
    });
    expect(await store.chainHead(m())).toEqual({ tradeDate: D1, seq: 1, chainHash: 'b'.repeat(64) });
    for (const [d, seq] of [[D2, 2], [D3, 3]] as const) {
      await store.ensureDay(m(), d, null);
      await store.write(m(), 'signals', d, null, [row(A, 'cho', 1), row(B, 'cho', 1, 'HOLD')]);
      await store.markPublishedChained(m(), d, { strategies: { cho: 1 }, rowCount: 2, runId: null, at }, { payloadHash: 'c'.repeat(64), prevHash: 'b'.repeat(64), hash: String(seq).repeat(64), seq });
      await store.addDayUniverse(m(), d);
    }
    expect(await store.chainHead(m())).toMatchObject({ tradeDate: D3, seq: 3 });
    expect((await store.chainedDays(m())).map((d) => [d.tradeDate, d.seq])).toEqual([[D1, 1], [D2, 2], [D3, 3]]);
    const link = (await store.chainedDay(m(), D1))!;
    expect(link).toMatchObject({ tradeDate: D1, seq: 1, prevHash: '0'.repeat(64), chainHash: 'b'.repeat(64), payloadHash: 'a'.repeat(64), rowCount: 3, strategies: { cho: 1 } });
    expect(link.publishedAt.toISOString()).toBe(at.toISOString());
    expect(await store.chainedDay(m(), D4)).toBeNull();
    // Chained rows in canonical order; a row outside the chain is not covered.
    const rows = await store.chainedRows(m(), D1);
    expect(rows.map((r) => `${r.tsCode}/${r.strategyId}`)).toEqual([`${A}/cho`, `${A}/ma_cross`, `${B}/cho`].sort());
    expect(await store.countChainedRows(m(), D1)).toBe(3);
    await store.unchainDayRows(m(), D1);
    expect(await store.countChainedRows(m(), D1)).toBe(0);
    await q('UPDATE signals SET in_chain = true WHERE trade_date = $1', [D1]);
    expect(await q('SELECT ts_code FROM signal_returns WHERE trade_date = $1 ORDER BY 1', [D1])).toEqual([A, B].sort().map((ts_code) => ({ ts_code })));
    expect(await store.latestPublishedDays(m(), 2)).toEqual([D2, D3]);
    expect(await store.unpublishedDates(m(), [D4, D2, D1])).toEqual([D4]);
    expect(await store.publishedSummary(m())).toEqual({ days: 3, firstDate: D1 });
    const page = await store.listDays(m(), 'seq:asc', { page: 2, pageSize: 2 });
    expect(page.map((d) => d.tradeDate)).toEqual([D3]);
    expect(await store.countDays(m())).toBe(3);
  });

  it('an empty staging day is deleted, a published one never by that statement', async () => {
    await store.ensureDay(m(), D4, null);
    await store.deleteStagingDay(m(), D4);
    await store.deleteStagingDay(m(), D1);
    expect(await store.dayStatus(m(), D4)).toBeNull();
    expect(await store.dayStatus(m(), D1)).toBe('published');
  });

  it('a re-run of a published day: changed rows counted, new stocks added only, staged rows of the run dropped', async () => {
    // Identical staged rows for A, a changed one for B (cho), a new stock C; another version's staged row stays.
    await store.write(m(), 'signal_staging', D1, null, [row(A, 'cho', 1), row(B, 'cho', 1, 'BUY', 0.9), row(C, 'cho', 1), row(A, 'cho', 5)]);
    expect(await store.countVersionRows(m(), D1, 'cho', 1)).toBe(2);
    expect(await store.countVersionRows(m(), D1, 'rsi_bands', 1)).toBe(0);
    expect(await store.countChangedStagedRows(m(), D1, 'cho', 1)).toBe(1);
    expect(await store.countChangedStagedRows(m(), D1, 'ma_cross', 1)).toBe(0);
    // Same version, only new stocks: C is added (outside the chain), A and B keep their published rows.
    expect(await store.publishStagedRows(m(), D1, 'cho', 1, 1, null, true)).toBe(1);
    expect(await q('SELECT ts_code, in_chain, action FROM signals WHERE trade_date = $1 AND strategy_id = $2 AND version = 1 ORDER BY ts_code', [D1, 'cho'])).toEqual(
      [
        { ts_code: A, in_chain: true, action: 'BUY' },
        { ts_code: B, in_chain: true, action: 'SELL' },
        { ts_code: C, in_chain: false, action: 'BUY' },
      ].sort((x, y) => (x.ts_code < y.ts_code ? -1 : 1)),
    );
    // As a new version: every staged row of the version is inserted under it.
    expect(await store.publishStagedRows(m(), D1, 'cho', 1, 2, null, false)).toBe(3);
    expect(await store.countVersionRows(m(), D1, 'cho', 2)).toBe(3);
    await store.dropStagedRows(m(), D1, SET);
    expect(await q('SELECT ts_code, version FROM signal_staging WHERE trade_date = $1', [D1])).toEqual([{ ts_code: A, version: 5 }]);
    expect([...(await store.completedStocks(m(), 'signal_staging', D1, [{ strategyId: 'cho', version: 5 }]))]).toEqual([A]);
  });
});

describe('SignalsStore: members, evaluation, demo cut, versions', () => {
  it('issued signals: the lowest published version per day and stock, published days only, filtered, paged, counted', async () => {
    // D1 has cho v1 and v2 rows: members see v1 (as issued). A staging day is invisible.
    await store.ensureDay(m(), D4, null);
    await store.write(m(), 'signals', D4, null, [row(A, 'cho', 1)]);
    await q('UPDATE signal_returns SET fwd_1 = 0.01 WHERE trade_date = $1 AND ts_code = $2', [D1, A]);
    const f = { strategyId: 'cho', codes: [A, B, C], from: '0001-01-01', to: '9999-12-31' };
    const all = await store.issuedSignals(m(), f, { page: 1, pageSize: 100 });
    const expected = [D3, D2, D1].flatMap((d) => (d === D1 ? [A, B, C] : [A, B]).sort().map((c) => `${d}|${c}|v1`));
    expect(all.map((r) => `${r.tradeDate}|${r.tsCode}|v${r.version}`)).toEqual(expected);
    expect(await store.countIssuedSignals(m(), f)).toBe(7);
    const a1 = all.find((r) => r.tradeDate === D1 && r.tsCode === A)!;
    expect(a1).toMatchObject({ strategyId: 'cho', action: 'BUY', inChain: true, fwd1: 0.01, fwd5: null });
    const b1 = all.find((r) => r.tradeDate === D1 && r.tsCode === B)!;
    expect(b1).toMatchObject({ action: 'SELL', score: 0.25 }); // v1 as published, not the v2 revision
    // Paging without overlap, the range and the codes filter.
    const p1 = await store.issuedSignals(m(), f, { page: 1, pageSize: 4 });
    const p2 = await store.issuedSignals(m(), f, { page: 2, pageSize: 4 });
    expect([...p1, ...p2].map((r) => `${r.tradeDate}|${r.tsCode}`)).toEqual(all.map((r) => `${r.tradeDate}|${r.tsCode}`));
    const ranged = { ...f, codes: [B], from: D2, to: D2 };
    expect((await store.issuedSignals(m(), ranged, { page: 1, pageSize: 10 })).map((r) => [r.tradeDate, r.tsCode, r.action])).toEqual([[D2, B, 'HOLD']]);
    expect(await store.countIssuedSignals(m(), ranged)).toBe(1);
    expect(await store.latestIssuedSignal(m(), 'cho', A)).toMatchObject({ tradeDate: D3, tsCode: A });
    expect(await store.latestIssuedSignal(m(), 'cho', C)).toMatchObject({ tradeDate: D1 });
    expect(await store.latestIssuedSignal(m(), 'ma_cross', B)).toBeNull();
  });

  it('latest bars: per code in the given order, the newest date and its origin, null without bars', async () => {
    await q(
      `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, volume, amount, source)
       VALUES ($1, '2031-01-02', 1, 1, 1, 1, 1, 1, 'tushare'), ($1, '2031-01-03', 1, 1, 1, 1, 1, 1, 'demo'), ($2, '2031-01-02', 1, 1, 1, 1, 1, 1, 'tushare')`,
      [A, B],
    );
    expect(await store.latestBars(m(), [C, A, B])).toEqual([
      { tsCode: C, latestBarDate: null, synthetic: null },
      { tsCode: A, latestBarDate: '2031-01-03', synthetic: true },
      { tsCode: B, latestBarDate: '2031-01-02', synthetic: false },
    ]);
    expect(await store.hasBarsOn(m(), '2031-01-03')).toBe(true);
    expect(await store.hasBarsOn(m(), '2031-01-04')).toBe(false);
  });

  it('forward returns: pending rows in the range only; filling never overwrites a known value', async () => {
    const pending = await store.pendingForwardReturns(m(), D1, D3);
    expect(pending.sort((x, y) => (x.tsCode < y.tsCode ? -1 : 1))).toEqual(
      [
        { tsCode: A, dates: [D1, D2] },
        { tsCode: B, dates: [D1, D2] },
      ].sort((x, y) => (x.tsCode < y.tsCode ? -1 : 1)),
    );
    const updated = await store.fillForwardReturns(m(), { codes: [A, B], dates: [D1, D1], returns: [[0.5, 0.02], [0.03, 0.04], [null, null], [0.05, null]] });
    expect(updated).toBe(2);
    expect(await q('SELECT ts_code, fwd_1, fwd_5, fwd_10, fwd_20 FROM signal_returns WHERE trade_date = $1 ORDER BY ts_code', [D1])).toEqual(
      [
        { ts_code: A, fwd_1: 0.01, fwd_5: 0.03, fwd_10: null, fwd_20: 0.05 },
        { ts_code: B, fwd_1: 0.02, fwd_5: 0.04, fwd_10: null, fwd_20: null },
      ].sort((x, y) => (x.ts_code < y.ts_code ? -1 : 1)),
    );
  });

  it('window stats: issued BUY/SELL with a known return, hits, direction-adjusted mean and the same-day baseline', async () => {
    // D1 at window 1: A BUY +0.01 (hit), B SELL +0.02 (miss, adjusted −0.02); pool of the day: both up, mean 0.015.
    const [cho] = await store.windowStats(m(), 1, 'cho', null);
    expect(cho).toMatchObject({ strategyId: 'cho', count: 2, hits: 1, baseCount: 2 });
    expect(cho!.meanReturn).toBeCloseTo(-0.005, 10);
    expect(cho!.sdReturn).toBeCloseTo(Math.sqrt(((0.015) ** 2 + (0.015) ** 2) / 1), 10);
    // BUY baseline: up/n = 1; SELL: down/n = 0 → 0.5; mean: (0.015 + −0.015) / 2 = 0.
    expect(cho!.baseHit).toBeCloseTo(0.5, 10);
    expect(cho!.baseMean).toBeCloseTo(0, 10);
    expect(await store.windowStats(m(), 1, 'cho', B)).toMatchObject([{ count: 1, hits: 0 }]);
    expect(await store.windowStats(m(), 10, null, null)).toEqual([]);
  });

  it('strategy versions: defaults once, the latest per strategy, a version’s parameters', async () => {
    await q('DELETE FROM strategy_versions');
    await store.insertDefaultVersions(m(), [{ strategyId: 'cho', params: { short: 3 } }, { strategyId: 'ma_cross', params: { fast: 5 } }]);
    await store.insertDefaultVersions(m(), [{ strategyId: 'cho', params: { short: 99 } }]);
    await store.insertVersion(m(), { strategyId: 'cho', version: 2, params: { short: 4 }, note: 'params', createdBy: null });
    const latest = (await store.latestVersions(m())).filter((v) => v.strategyId === 'cho' || v.strategyId === 'ma_cross');
    expect(latest).toEqual([
      { strategyId: 'cho', version: 2, params: { short: 4 } },
      { strategyId: 'ma_cross', version: 1, params: { fast: 5 } },
    ]);
    expect(await store.latestVersion(m(), 'cho')).toEqual({ version: 2, params: { short: 4 } });
    expect(await store.versionParams(m(), 'cho', 1)).toEqual({ short: 3 });
    expect(await store.versionParams(m(), 'cho', 9)).toBeNull();
    expect((await store.strategyVersion(m(), 'cho', 1))?.note).toBe('default');
    expect((await store.allVersions(m())).filter((v) => v.strategyId === 'cho').map((v) => v.version)).toEqual([2, 1]);
  });

  it('the demo cut removes the days from a date on and every later link, leaving a chain prefix', async () => {
    const gone = await ds.transaction((tx) => store.removeDaysFrom(tx, D2));
    expect(gone).toEqual({ days: 3, signals: 5, chainLinks: 2 }); // D2, D3 (chained, 2 rows each) and staging D4 (1 row)
    expect(await store.chainHead(m())).toMatchObject({ tradeDate: D1, seq: 1 });
    expect(await q('SELECT DISTINCT trade_date::text AS d FROM signals ORDER BY 1')).toEqual([{ d: D1 }]);
    expect(await q('SELECT DISTINCT trade_date::text AS d FROM signal_returns ORDER BY 1')).toEqual([{ d: D1 }]);
    expect(await ds.transaction((tx) => store.removeDaysFrom(tx, D2))).toEqual({ days: 0, signals: 0, chainLinks: 0 });
  });
});
