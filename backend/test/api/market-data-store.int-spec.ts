import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/common/sql.js';
import type { DailyBar, StockBasic } from '../../src/modules/market-data/domain/market-types.js';
import { MarketDataStore, type MarkDateInput } from '../../src/modules/market-data/market-data.store.js';
import { TrackedStocksService } from '../../src/modules/market-data/sync/tracked-stocks.service.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The market-data store's statements on the cloned template database, each checked against the rows
// read plainly: calendar and stock-basics upserts (partial sources never erase what a fuller one
// stored), bar and factor upserts (unchanged rows not rewritten, synthetic rows replaced), gap and
// coverage queries, the sync-date records (a per-stock record never downgrades a whole-market one),
// the tracked-stock sets, the bars read for the signals job, and the data-source settings and
// switch log (its sort and pages).
let t: TestApp;
let store: MarketDataStore;
let ds: DataSource;
let m: EntityManager;

const A = '600000.SH';
const B = '000001.SZ';
const C = '300750.SZ';
const D1 = '2025-06-02';
const D2 = '2025-06-03';
const D3 = '2025-06-04';
const D4 = '2025-06-05';

const bar = (tsCode: string, tradeDate: string, close: number, extra: Partial<DailyBar> = {}): DailyBar => ({
  tsCode,
  tradeDate,
  open: close - 0.1,
  high: close + 0.2,
  low: close - 0.3,
  close,
  volume: 1000,
  amount: close * 1000,
  ...extra,
});

const basic = (tsCode: string, name: string, extra: Partial<StockBasic> = {}): StockBasic => ({
  tsCode,
  symbol: tsCode.slice(0, 6),
  name,
  exchange: tsCode.slice(7) as StockBasic['exchange'],
  industry: '银行',
  listDate: '1999-11-10',
  status: 'listed',
  ...extra,
});

const plainBars = async () =>
  (await t.db.query(`SELECT ts_code, trade_date::text AS d, close, pre_close, source FROM daily_bars ORDER BY ts_code, trade_date`)).rows as Array<{
    ts_code: string;
    d: string;
    close: number;
    pre_close: number | null;
    source: string;
  }>;

const plainDate = async (d: string) =>
  (await t.db.query(`SELECT scope, bars_complete, factors_complete, source, factor_source, rows, rejected FROM market_sync_dates WHERE trade_date = $1`, [d])).rows[0] as
    | { scope: string; bars_complete: boolean; factors_complete: boolean; source: string | null; factor_source: string | null; rows: number; rejected: number }
    | undefined;

const mark = (tradeDate: string, p: Partial<MarkDateInput>): MarkDateInput => ({
  tradeDate,
  scope: 'market',
  barsComplete: true,
  factorsComplete: true,
  source: 'tushare',
  factorSource: 'tushare',
  rows: 2,
  rejected: 0,
  at: new Date('2025-06-06T08:00:00Z'),
  ...p,
});

beforeAll(async () => {
  t = await startTestApp();
  store = t.app.get(MarketDataStore);
  ds = t.app.get(DataSource);
  m = ds.manager;
}, 120_000);

afterAll(async () => t?.close());

describe('MarketDataStore', () => {
  it('upserts the calendar (onlyMissing keeps stored days) and reads open days, counts and cover', async () => {
    const at = new Date('2025-06-01T00:00:00Z');
    // 2025-06-01 is a Sunday; D1..D4 Monday..Thursday.
    await store.upsertCalendar(m, [{ date: '2025-06-01', isOpen: false }, ...[D1, D2, D3, D4].map((date) => ({ date, isOpen: true }))], 'tushare', at);
    // The demo seeder's onlyMissing never changes a stored day; a plain upsert does.
    await store.upsertCalendar(m, [{ date: D4, isOpen: false }, { date: '2025-06-06', isOpen: true }], 'demo', at, true);
    const rows = (await t.db.query(`SELECT cal_date::text AS d, is_open, source FROM trade_calendar WHERE cal_date BETWEEN '2025-06-01' AND '2025-06-06' ORDER BY 1`)).rows;
    expect(rows).toEqual([
      { d: '2025-06-01', is_open: false, source: 'tushare' },
      { d: D1, is_open: true, source: 'tushare' },
      { d: D2, is_open: true, source: 'tushare' },
      { d: D3, is_open: true, source: 'tushare' },
      { d: D4, is_open: true, source: 'tushare' },
      { d: '2025-06-06', is_open: true, source: 'demo' },
    ]);
    expect(await store.openDates(m, '2025-06-01', D3)).toEqual([D1, D2, D3]);
    expect(await store.openDayCount(m, '2025-06-01', '2025-06-06')).toBe(5);
    expect(await store.calendarCovers(m, '2025-06-01', '2025-06-06')).toBe(true);
    expect(await store.calendarCovers(m, '2025-05-31', '2025-06-06')).toBe(false);

    await store.upsertCalendar(m, [{ date: '2025-06-06', isOpen: false }], 'tushare', at);
    expect(await store.openDates(m, D4, '2025-06-06')).toEqual([D4]);
  });

  it('upserts stock basics: invalid rows skipped, a partial list never erases list date, industry or status', async () => {
    const n = await store.upsertStockBasics(
      m,
      [basic(A, '浦发银行'), basic(B, '平安银行', { status: 'suspended' }), basic('12345.SH', 'bad code'), basic(C, '  ')],
      false,
    );
    expect(n).toBe(2);
    // A partial source (code and name only) renames but keeps what the fuller one stored.
    await store.upsertStockBasics(m, [basic(A, '浦发银行 新', { listDate: null, industry: undefined, status: 'listed' }), basic(B, '平安银行 新', { listDate: null, industry: undefined, status: 'listed' })], true);
    // A full source with a null industry keeps the known one; onlyMissing leaves known codes alone.
    await store.upsertStockBasics(m, [basic(C, '宁德时代', { industry: undefined, listDate: null })], false);
    await store.upsertStockBasics(m, [basic(A, 'never applied'), basic(C, 'never applied')], false, true);
    const rows = (await t.db.query(`SELECT ts_code, name, industry, list_date::text AS l, status FROM stocks WHERE ts_code = ANY($1) ORDER BY ts_code`, [[A, B, C]])).rows;
    expect(rows).toEqual([
      { ts_code: B, name: '平安银行 新', industry: '银行', l: '1999-11-10', status: 'suspended' },
      { ts_code: C, name: '宁德时代', industry: null, l: null, status: 'listed' },
      { ts_code: A, name: '浦发银行 新', industry: '银行', l: '1999-11-10', status: 'listed' },
    ]);

    const byCode = await store.stocksByCode(m, [A, B, A, '999999.SH']);
    expect(byCode.map((s) => [s.tsCode, s.name, s.listDate, s.status]).sort()).toEqual([
      [B, '平安银行 新', '1999-11-10', 'suspended'],
      [A, '浦发银行 新', '1999-11-10', 'listed'],
    ].sort());
    expect(await store.stockExists(m, C)).toBe(true);
    expect(await store.stockExists(m, '999999.SH')).toBe(false);
  });

  it('upserts bars: counts only inserted or changed rows, keeps a known pre-close, and a plain insert refuses a stored row', async () => {
    expect(await store.upsertBars(m, [bar(A, D1, 10, { preClose: 9.9 }), bar(A, D2, 10.5), bar(B, D1, 12)], 'tushare')).toBe(3);
    // Same values: nothing rewritten. One change and a missing pre-close: one row.
    expect(await store.upsertBars(m, [bar(A, D1, 10, { preClose: 9.9 }), bar(A, D2, 10.5), bar(B, D1, 12)], 'tushare')).toBe(0);
    expect(await store.upsertBars(m, [bar(A, D1, 10.1), bar(A, D2, 10.5)], 'tushare')).toBe(1);
    expect((await plainBars()).find((r) => r.ts_code === A && r.d === D1)).toMatchObject({ close: 10.1, pre_close: 9.9 });

    const err = await ds.transaction((tx) => store.insertBars(tx, [bar(B, D1, 13)], 'tushare')).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((await plainBars()).find((r) => r.ts_code === B && r.d === D1)?.close).toBe(12);

    expect(await store.upsertFactors(m, [{ tsCode: A, tradeDate: D1, factor: 1.5 }, { tsCode: A, tradeDate: D2, factor: 1.5 }], 'tushare')).toBe(2);
    await store.upsertFactors(m, [{ tsCode: A, tradeDate: D2, factor: 1.6 }], 'akshare');
    expect((await t.db.query(`SELECT trade_date::text AS d, factor, source FROM adj_factors WHERE ts_code = $1 ORDER BY 1`, [A])).rows).toEqual([
      { d: D1, factor: 1.5, source: 'tushare' },
      { d: D2, factor: 1.6, source: 'akshare' },
    ]);
  });

  it('finds missing dates (synthetic rows count only when realOnly is off), counts bars per date and reads coverage', async () => {
    await store.insertBars(m, [bar(C, D1, 200), bar(C, D2, 201)], 'demo');
    const missing = await store.missingDates(m, [A, B, C], [D1, D2, D3], false);
    expect(Object.fromEntries(missing)).toEqual({ [A]: [D3], [B]: [D2, D3], [C]: [D3] });
    const realOnly = await store.missingDates(m, [A, B, C], [D1, D2, D3], true);
    expect(Object.fromEntries(realOnly)).toEqual({ [A]: [D3], [B]: [D2, D3], [C]: [D1, D2, D3] });
    expect(await store.missingDates(m, [], [D1], true)).toEqual(new Map());

    expect(Object.fromEntries(await store.barCounts(m, [D1, D2, D3], null))).toEqual({ [D1]: 3, [D2]: 2 });
    expect(Object.fromEntries(await store.barCounts(m, [D1, D2, D3], [A, B]))).toEqual({ [D1]: 2, [D2]: 1 });

    const coverage = await store.barCoverage(m, [A, C, '999999.SH'], D1, D3);
    expect(new Map(coverage.map((r) => [r.tsCode, r]))).toEqual(
      new Map([
        [A, { tsCode: A, bars: 2, syntheticBars: 0, firstDate: D1, lastDate: D2 }],
        [C, { tsCode: C, bars: 0, syntheticBars: 2, firstDate: null, lastDate: null }],
        ['999999.SH', { tsCode: '999999.SH', bars: 0, syntheticBars: 0, firstDate: null, lastDate: null }],
      ]),
    );

    expect(await store.latestBarDate(m)).toBe(D2);
    expect(await store.latestBarDates(m, 1)).toEqual([D2]);
    expect(await store.latestBarDates(m, 5)).toEqual([D1, D2]);
    expect(await store.syntheticCodes(m)).toEqual([C]);
    expect(await store.demoSummary(m)).toEqual({ bars: 2, firstDate: D1, lastDate: D2 });
  });

  it('reads bars with their factors and the factor in force before the window, one series order', async () => {
    await store.upsertFactors(m, [{ tsCode: B, tradeDate: '2025-05-30', factor: 2 }], 'tushare');
    const { rows, seeds } = await store.barRows(m, [A, B, C], D2, D3, true);
    // B has no bar in the window; ordered by code (000001.SZ, 300750.SZ, 600000.SH), then date.
    expect(rows.map((r) => [r[0], r[1], r[5], r[8], r[9]])).toEqual([
      [C, D2, 201, null, true],
      [A, D2, 10.5, 1.6, false],
    ]);
    expect(Object.fromEntries(seeds!)).toEqual({ [A]: 1.5, [B]: 2 });
    const plain = await store.barRows(m, [A], D1, D2, false);
    expect(plain.seeds).toBeNull();
    expect(plain.rows.map((r) => r[1])).toEqual([D1, D2]);
    // Inside a transaction it reads on the transaction's connection (sees its uncommitted rows).
    await ds.transaction(async (tx) => {
      await store.insertBars(tx, [bar(A, D3, 11)], 'tushare');
      expect((await store.barRows(tx, [A], D3, D3, false)).rows.map((r) => r[5])).toEqual([11]);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect((await store.barRows(m, [A], D3, D3, false)).rows).toEqual([]);
  });

  it('replaces rows: a stock\'s synthetic bars on dates, a date\'s bars of codes (and its synthetic ones), its factors', async () => {
    expect(await ds.transaction((tx) => store.deleteSyntheticBars(tx, C, [D1, D3]))).toBe(1);
    expect(await ds.transaction((tx) => store.deleteSyntheticBars(tx, A, [D1, D2]))).toBe(0);
    await store.insertBars(m, [bar(C, D1, 200)], 'demo');
    await store.insertBars(m, [bar(A, '2025-06-06', 9)], 'demo');
    // Codes A and B on D1, plus every synthetic row of D1 (C's), nothing else.
    expect(await ds.transaction((tx) => store.deleteDateBars(tx, D1, [A, B], true))).toEqual({ removed: 3, synthetic: 1 });
    expect((await plainBars()).map((r) => `${r.ts_code} ${r.d} ${r.source}`)).toEqual([`${C} ${D2} demo`, `${A} ${D2} tushare`, `${A} 2025-06-06 demo`]);
    expect(await ds.transaction((tx) => store.deleteDateBars(tx, D2, [A], false))).toEqual({ removed: 1, synthetic: 0 });
    await ds.transaction((tx) => store.deleteDateFactors(tx, D1, [A], false));
    expect((await t.db.query(`SELECT ts_code, trade_date::text AS d FROM adj_factors ORDER BY 1, 2`)).rows).toEqual([
      { ts_code: B, d: '2025-05-30' },
      { ts_code: A, d: D2 },
    ]);
  });

  it('records sync dates: a per-stock record never downgrades a whole-market one, except a synthetic one', async () => {
    await store.markDate(m, mark(D1, {}));
    await store.markDate(m, mark(D1, { scope: 'stocks', barsComplete: false, factorsComplete: false, source: 'akshare', rows: 1 }));
    expect(await plainDate(D1)).toMatchObject({ scope: 'market', bars_complete: true, source: 'tushare', rows: 2 });

    await store.markDate(m, mark(D2, { source: 'demo', factorSource: 'demo', rows: 5, rejected: 1 }));
    await store.markDate(m, mark(D2, { scope: 'stocks', barsComplete: false, factorsComplete: false, source: 'akshare', factorSource: null, rows: 1 }));
    expect(await plainDate(D2)).toMatchObject({ scope: 'stocks', bars_complete: false, factors_complete: false, source: 'akshare', factor_source: null, rows: 1, rejected: 0 });
    // A later whole-market record always wins.
    await store.markDate(m, mark(D2, { factorsComplete: false, factorSource: null, rows: 4 }));

    // Only dates without a record get the per-stock placeholder.
    await store.markDatesIfAbsent(m, [D1, D3], new Date('2025-06-06T09:00:00Z'));
    expect(await plainDate(D3)).toMatchObject({ scope: 'stocks', bars_complete: false, factors_complete: false, source: null, rows: 0 });
    expect(await plainDate(D1)).toMatchObject({ scope: 'market', bars_complete: true });

    await store.markFactors(m, D2, 'akshare', new Date('2025-06-06T10:00:00Z'));
    const states = await store.dateStates(m, [D1, D2, D3, D4]);
    expect([...states.keys()].sort()).toEqual([D1, D2, D3]);
    expect(states.get(D2)).toEqual({ tradeDate: D2, scope: 'market', barsComplete: true, factorsComplete: true, source: 'tushare', factorSource: 'akshare', rows: 4 });
    expect(await store.dateStates(m, [])).toEqual(new Map());
  });

  it('reads the heat-map: open days with their bars and completeness', async () => {
    expect(await store.calendarCoverage(m, D1, '2025-06-06')).toEqual([
      { date: D1, rows: 0, complete: true, source: 'tushare' },
      { date: D2, rows: 1, complete: true, source: 'tushare' },
      { date: D3, rows: 0, complete: false, source: null },
      { date: D4, rows: 0, complete: false, source: null },
    ]);
  });

  it('removes demo rows: synthetic bars and factors, demo-sourced dates, demo calendar days', async () => {
    await store.upsertFactors(m, [{ tsCode: C, tradeDate: D2, factor: 1 }], 'demo');
    await store.upsertCalendar(m, [{ date: '2025-06-09', isOpen: true }], 'demo', new Date());
    await store.markDate(m, mark('2025-06-09', { source: 'demo', factorSource: 'demo' }));
    const removed = await ds.transaction((tx) => store.removeDemoRows(tx));
    expect(removed).toEqual({ bars: 2, factors: 1, dates: 1, calendarDays: 1 });
    expect(await store.syntheticCodes(m)).toEqual([]);
    expect(await store.demoSummary(m)).toEqual({ bars: 0, firstDate: null, lastDate: null });
    expect(await store.dateStates(m, ['2025-06-09'])).toEqual(new Map());

    expect(await ds.transaction((tx) => store.deleteStocks(tx, [C, '999999.SH']))).toBe(1);
    expect(await store.stockExists(m, C)).toBe(false);
  });

  it('keeps tracked sets per tracker: add, drop unless kept, replace (through the service\'s locks), distinct codes', async () => {
    const tracked = t.app.get(TrackedStocksService);
    await ds.transaction((tx) => tracked.add(tx, 'stock-pool', [B, A, A]));
    await ds.transaction((tx) => tracked.add(tx, 'allocation', [A, C]));
    expect(await store.trackedCodes(m)).toEqual([B, C, A].sort());

    await ds.transaction((tx) => store.dropTracked(tx, 'stock-pool', [A, B], [B]));
    const sets = async () => (await t.db.query(`SELECT tracker, ts_code FROM market_tracked_stocks ORDER BY 1, 2`)).rows.map((r) => `${r.tracker}:${r.ts_code}`);
    expect(await sets()).toEqual([`allocation:${A}`, `allocation:${C}`, `stock-pool:${B}`].sort());

    await ds.transaction((tx) => tracked.replace(tx, 'allocation', async () => [B, '688981.SH']));
    expect(await sets()).toEqual([`allocation:${B}`, 'allocation:688981.SH', `stock-pool:${B}`].sort());
    await ds.transaction((tx) => tracked.replace(tx, 'allocation', async () => []));
    expect(await sets()).toEqual([`stock-pool:${B}`]);
    expect(await tracked.codes()).toEqual([B]);
  });

  it('stores data-source settings: priorities upserted without touching switches or secrets, rows locked and saved', async () => {
    const at = new Date('2025-06-06T00:00:00Z');
    const by = '00000000-0000-0000-0000-000000000001';
    await ds.transaction(async (tx) => {
      const row = (await store.lockSetting(tx, 'akshare')) ?? store.newSetting(tx, 'akshare');
      row.enabled = false;
      row.tokenEnc = null;
      row.baseUrlEnc = 'sealed-url';
      row.updatedAt = at;
      row.updatedBy = by;
      await store.saveSetting(tx, row);
    });
    await ds.transaction(async (tx) => {
      await store.setPriority(tx, 'akshare', 2, at, by);
      await store.setPriority(tx, 'tushare', 1, at, by);
    });
    const rows = await store.settings(m);
    const mine = rows.filter((r) => r.name === 'akshare' || r.name === 'tushare');
    expect(mine.map((r) => [r.name, r.enabled, r.priority, r.baseUrlEnc, r.tokenEnc])).toEqual([
      ['akshare', false, 2, 'sealed-url', null],
      ['tushare', null, 1, null, null],
    ]);
    expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort());
    expect(await ds.transaction((tx) => store.lockSetting(tx, 'nobody'))).toBeNull();
  });

  it('appends switch-log rows (reason cut to 4,000 characters) and pages them by the sort asked for', async () => {
    const base = Date.parse('2025-06-06T00:00:00Z');
    const before = await store.countSwitchLogs(m);
    for (const [i, [from, to]] of [['tushare', 'akshare'], ['akshare', 'demo'], ['demo', 'tushare']].entries()) {
      await store.insertSwitchLog(m, { at: new Date(base + i * 60_000), from: from!, to: to!, reason: 'x'.repeat(i === 0 ? 5000 : 10), operation: 'dailyByTradeDate' });
    }
    expect(await store.countSwitchLogs(m)).toBe(before + 3);
    const all = await store.switchLogPage(m, { page: 1, pageSize: 100 });
    const mine = all.filter((r) => new Date(r.at).getTime() >= base);
    // Default: newest first.
    expect(mine.map((r) => r.from)).toEqual(['demo', 'akshare', 'tushare']);
    expect(mine[2]!.reason).toHaveLength(4000);
    expect(mine[0]).toMatchObject({ to: 'tushare', operation: 'dailyByTradeDate' });
    const byFrom = (await store.switchLogPage(m, { sort: 'from:asc', page: 1, pageSize: 100 })).filter((r) => new Date(r.at).getTime() >= base);
    expect(byFrom.map((r) => r.from)).toEqual(['akshare', 'demo', 'tushare']);
    // Pages of one row do not overlap and cover the list.
    const paged = [];
    for (let page = 1; page <= before + 3; page++) paged.push(...(await store.switchLogPage(m, { sort: 'at:asc', page, pageSize: 1 })));
    expect(paged.map((r) => new Date(r.at).getTime())).toEqual(all.map((r) => new Date(r.at).getTime()).reverse());
    expect(await store.switchLogPage(m, { page: before + 4, pageSize: 1 })).toEqual([]);
  });
});
