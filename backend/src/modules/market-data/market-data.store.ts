import { SWITCH_LOG_SORT } from './domain/list-sorts.js';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy } from '../../common/list-query.js';
import { lockKey, returnedRows } from '../../common/sql.js';
import type { AdjFactor, DailyBar, StockBasic, TradeCalendarDay } from './domain/market-types.js';
import { DataSourceSettingRow } from './entities/data-source-setting.entity.js';
import { Stock } from './entities/stock.entity.js';
import type { SwitchLogEntry } from './manager/data-source-ports.js';

/** Bulk statements stay far below PostgreSQL's limits and keep each statement's memory bounded. */
const CHUNK = 10_000;

/** What `market_sync_dates` records for a trade date. */
export interface DateSyncState {
  tradeDate: string;
  scope: 'market' | 'stocks';
  barsComplete: boolean;
  factorsComplete: boolean;
  source: string | null;
  factorSource: string | null;
  rows: number;
}

export interface MarkDateInput extends DateSyncState {
  rejected: number;
  at: Date;
}

/** Real and synthetic bars of one stock over a window (the admin coverage view). */
export interface BarCoverageRow {
  tsCode: string;
  bars: number;
  syntheticBars: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** Synthetic (demo) market data stored: bar count and date span. */
export interface DemoSummary {
  bars: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** What leaving demo mode removed. */
export interface RemovedDemoRows {
  bars: number;
  factors: number;
  dates: number;
  calendarDays: number;
}

/** One open day of the admin heat-map: bars stored and whether the sync marked it complete. */
export interface CalendarCoverageDay {
  date: string;
  rows: number;
  complete: boolean;
  source: string | null;
}

/** One row of the data-source switch log as the admin list answers it. */
export interface SwitchLogRow {
  at: Date;
  from: string;
  to: string;
  reason: string;
  operation: string;
}

/**
 * One bar as the bars query answers it in pg's array mode (no per-row objects: the signals job
 * streams ~1.5 million of them): code, date, prices as traded, volume, amount, the adjustment
 * factor of the date (null when none is stored) and whether the row is synthetic (demo).
 */
export type BarRow = [tsCode: string, tradeDate: string, open: number, high: number, low: number, close: number, volume: number, amount: number, factor: number | null, synthetic: boolean];

/** The bars of some stocks over a window, ordered by code then date. Exported so the signals benchmark's baseline streams with exactly this query. */
export const BARS_SQL = `
  SELECT b.ts_code, b.trade_date::text, b.open, b.high, b.low, b.close, b.volume::float8, b.amount, f.factor, b.source = 'demo'
    FROM daily_bars b
    -- The factor side repeats the filters so the planner probes its index instead of scanning it.
    LEFT JOIN adj_factors f ON f.ts_code = b.ts_code AND f.trade_date = b.trade_date
         AND f.ts_code = ANY($1::varchar[]) AND f.trade_date BETWEEN $2::date AND $3::date
   WHERE b.ts_code = ANY($1::varchar[]) AND b.trade_date BETWEEN $2::date AND $3::date
   ORDER BY b.ts_code, b.trade_date`;

/** The factor in force just before the window, per stock (one PK index probe each). */
const SEED_FACTORS_SQL = `
  SELECT c.code, f.factor
    FROM unnest($1::varchar[]) AS c(code)
    CROSS JOIN LATERAL (SELECT factor FROM adj_factors a WHERE a.ts_code = c.code AND a.trade_date < $2::date ORDER BY a.trade_date DESC LIMIT 1) f`;

/**
 * Every SQL statement of the market-data module (`trade_calendar`, `stocks`, `daily_bars`,
 * `adj_factors`, `market_sync_dates`, `market_tracked_stocks`, `data_source_settings`,
 * `data_source_switch_logs`), the caller's EntityManager first: the services decide what runs in
 * one transaction (`dataSource.transaction(m => …)`) and pass `dataSource.manager` for a single
 * statement. No method opens a transaction of its own.
 *
 * Every bulk write is an idempotent upsert (`INSERT … SELECT FROM unnest($arrays) ON CONFLICT DO
 * UPDATE`), one statement per ≤10,000 rows: a whole-market day (~5,400 bars) is one round trip and
 * re-running a sync is safe. Rows that did not change are not rewritten (`WHERE … IS DISTINCT
 * FROM`), so a re-sync leaves no dead tuples behind.
 */
@Injectable()
export class MarketDataStore {
  // ---- trade_calendar --------------------------------------------------------------------------

  /** `onlyMissing`: add days not stored yet, never change stored ones (the demo seeder). */
  async upsertCalendar(m: EntityManager, days: readonly TradeCalendarDay[], source: string, at: Date, onlyMissing = false): Promise<void> {
    const onConflict = onlyMissing
      ? 'DO NOTHING'
      : `DO UPDATE SET is_open = EXCLUDED.is_open, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
         WHERE trade_calendar.is_open IS DISTINCT FROM EXCLUDED.is_open OR trade_calendar.source IS DISTINCT FROM EXCLUDED.source`;
    for (const chunk of chunks(days)) {
      await m.query(
        `INSERT INTO trade_calendar (cal_date, is_open, source, updated_at)
         SELECT d, o, $3, $4 FROM unnest($1::date[], $2::boolean[]) AS t(d, o)
         ON CONFLICT (cal_date) ${onConflict}`,
        [chunk.map((d) => d.date), chunk.map((d) => d.isOpen), source, at],
      );
    }
  }

  /** Open days of the stored calendar in [from, to], ascending. */
  async openDates(m: EntityManager, from: string, to: string): Promise<string[]> {
    const rows: Array<{ d: string }> = await m.query(
      `SELECT cal_date::text AS d FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2 AND is_open ORDER BY cal_date`,
      [from, to],
    );
    return rows.map((r) => r.d);
  }

  /** Number of open days of the stored calendar in [from, to]. */
  async openDayCount(m: EntityManager, from: string, to: string): Promise<number> {
    const rows: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2 AND is_open`, [from, to]);
    return rows[0]?.n ?? 0;
  }

  /** Whether the stored calendar has a row for every day in [from, to]. */
  async calendarCovers(m: EntityManager, from: string, to: string): Promise<boolean> {
    const rows: Array<{ n: number; days: number }> = await m.query(
      `SELECT count(*)::int AS n, ($2::date - $1::date + 1) AS days FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2`,
      [from, to],
    );
    return rows[0]!.n === rows[0]!.days;
  }

  /** Open days in [from, to] with the bars stored for each and whether the sync marked them complete (bars and factors). */
  async calendarCoverage(m: EntityManager, from: string, to: string): Promise<CalendarCoverageDay[]> {
    return m.query(
      `SELECT c.cal_date::text AS date, COALESCE(b.n, 0) AS rows,
              COALESCE(s.bars_complete AND s.factors_complete, false) AS complete, s.source
         FROM trade_calendar c
         LEFT JOIN (SELECT trade_date, count(*)::int AS n FROM daily_bars WHERE trade_date BETWEEN $1 AND $2 GROUP BY trade_date) b ON b.trade_date = c.cal_date
         LEFT JOIN market_sync_dates s ON s.trade_date = c.cal_date
        WHERE c.cal_date BETWEEN $1 AND $2 AND c.is_open
        ORDER BY c.cal_date`,
      [from, to],
    );
  }

  // ---- stocks ----------------------------------------------------------------------------------

  /**
   * Upserts stock basics; answers how many were valid (well-formed code, a name). A `partial` list
   * (a source that reports only code and name, such as AKShare) never overwrites what a fuller
   * source stored: list date, industry and listing status are kept; new codes are inserted as
   * listed. A null list date or industry never replaces a known one. `onlyMissing`: known codes
   * are left alone.
   */
  async upsertStockBasics(m: EntityManager, basics: readonly StockBasic[], partial: boolean, onlyMissing = false): Promise<number> {
    const valid = basics.filter((b) => /^\d{6}\.(SH|SZ|BJ)$/.test(b.tsCode) && b.name.trim() !== '');
    const keepOnPartial = partial
      ? ''
      : `, industry = COALESCE(EXCLUDED.industry, stocks.industry), list_date = COALESCE(EXCLUDED.list_date, stocks.list_date), status = EXCLUDED.status`;
    const changed = partial
      ? `stocks.name IS DISTINCT FROM EXCLUDED.name`
      : `(stocks.name, stocks.industry, stocks.list_date, stocks.status) IS DISTINCT FROM (EXCLUDED.name, COALESCE(EXCLUDED.industry, stocks.industry), COALESCE(EXCLUDED.list_date, stocks.list_date), EXCLUDED.status)`;
    for (const chunk of chunks(valid)) {
      await m.query(
        `INSERT INTO stocks (ts_code, symbol, name, exchange, industry, list_date, status, updated_at)
         SELECT c, s, n, e, i, l, st, now() FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::date[], $7::varchar[]) AS t(c, s, n, e, i, l, st)
         ON CONFLICT (ts_code) ${onlyMissing ? 'DO NOTHING' : `DO UPDATE SET name = EXCLUDED.name, symbol = EXCLUDED.symbol, exchange = EXCLUDED.exchange, updated_at = now()${keepOnPartial} WHERE ${changed}`}`,
        [
          chunk.map((b) => b.tsCode),
          chunk.map((b) => b.symbol),
          chunk.map((b) => b.name.trim().slice(0, 32)),
          chunk.map((b) => b.exchange),
          chunk.map((b) => (b.industry ? b.industry.slice(0, 32) : null)),
          chunk.map((b) => b.listDate),
          chunk.map((b) => b.status),
        ],
      );
    }
    return valid.length;
  }

  /** The stored basics of these codes (unknown codes are absent; no order). */
  stocksByCode(m: EntityManager, codes: readonly string[]): Promise<Stock[]> {
    return m.createQueryBuilder(Stock, 's').where('s.ts_code = ANY(:codes)', { codes: [...new Set(codes)] }).getMany();
  }

  async stockExists(m: EntityManager, tsCode: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM stocks WHERE ts_code = $1', [tsCode]);
    return rows.length > 0;
  }

  /** Deletes these stocks; answers how many went. */
  async deleteStocks(m: EntityManager, codes: readonly string[]): Promise<number> {
    return returnedRows(await m.query(`DELETE FROM stocks WHERE ts_code = ANY($1::varchar[]) RETURNING 1`, [[...codes]])).length;
  }

  // ---- daily_bars / adj_factors ----------------------------------------------------------------

  /** Stores bars (already quality-checked); answers the rows inserted or changed (unchanged rows are not rewritten). */
  upsertBars(m: EntityManager, bars: readonly DailyBar[], source: string): Promise<number> {
    return this.writeBars(m, bars, source, 'upsert');
  }

  /** Plain INSERT of bars for a date without rows yet (no ON CONFLICT: a stored row is a unique violation). */
  async insertBars(m: EntityManager, bars: readonly DailyBar[], source: string): Promise<void> {
    await this.writeBars(m, bars, source, 'insert');
  }

  private async writeBars(m: EntityManager, bars: readonly DailyBar[], source: string, mode: 'upsert' | 'insert'): Promise<number> {
    let written = 0;
    for (const chunk of chunks(bars)) {
      // Array literals built with join: pg's generic array serialiser quotes and escapes element by
      // element, which cost more CPU than the rest of the write. Safe here: codes and dates are
      // validated shapes, numbers finite (the quality check ran), so no element needs quoting.
      const codes = pgArray(chunk.map((b) => b.tsCode));
      const dates = pgArray(chunk.map((b) => b.tradeDate));
      const open = pgArray(chunk.map((b) => b.open));
      const high = pgArray(chunk.map((b) => b.high));
      const low = pgArray(chunk.map((b) => b.low));
      const close = pgArray(chunk.map((b) => b.close));
      const preClose = pgArray(chunk.map((b) => b.preClose ?? null));
      const volume = pgArray(chunk.map((b) => Math.round(b.volume)));
      const amount = pgArray(chunk.map((b) => b.amount));
      const res = await m.query(
        `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
         SELECT c, d, o, h, l, cl, pc, v, a, $10
         FROM unnest($1::varchar[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::bigint[], $9::float8[]) AS t(c, d, o, h, l, cl, pc, v, a)
         ${mode === 'insert' ? '' : `ON CONFLICT (ts_code, trade_date) DO UPDATE SET
           open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
           pre_close = COALESCE(EXCLUDED.pre_close, daily_bars.pre_close), volume = EXCLUDED.volume, amount = EXCLUDED.amount, source = EXCLUDED.source
         WHERE (daily_bars.open, daily_bars.high, daily_bars.low, daily_bars.close, daily_bars.volume, daily_bars.amount, daily_bars.source)
               IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume, EXCLUDED.amount, EXCLUDED.source)
            OR (EXCLUDED.pre_close IS NOT NULL AND daily_bars.pre_close IS DISTINCT FROM EXCLUDED.pre_close)
         RETURNING 1`}`,
        [codes, dates, open, high, low, close, preClose, volume, amount, source],
      );
      if (mode === 'upsert') written += returnedRows(res).length;
    }
    return written;
  }

  /** Stores factors (already quality-checked); answers the number given. */
  upsertFactors(m: EntityManager, factors: readonly AdjFactor[], source: string): Promise<number> {
    return this.writeFactors(m, factors, source, 'upsert');
  }

  /** Plain INSERT of factors for a date without rows yet. */
  async insertFactors(m: EntityManager, factors: readonly AdjFactor[], source: string): Promise<void> {
    await this.writeFactors(m, factors, source, 'insert');
  }

  private async writeFactors(m: EntityManager, factors: readonly AdjFactor[], source: string, mode: 'upsert' | 'insert'): Promise<number> {
    for (const chunk of chunks(factors)) {
      await m.query(
        `INSERT INTO adj_factors (ts_code, trade_date, factor, source)
         SELECT c, d, f, $4 FROM unnest($1::varchar[], $2::date[], $3::float8[]) AS t(c, d, f)
         ${mode === 'insert' ? '' : `ON CONFLICT (ts_code, trade_date) DO UPDATE SET factor = EXCLUDED.factor, source = EXCLUDED.source
         WHERE (adj_factors.factor, adj_factors.source) IS DISTINCT FROM (EXCLUDED.factor, EXCLUDED.source)`}`,
        [pgArray(chunk.map((f) => f.tsCode)), pgArray(chunk.map((f) => f.tradeDate)), pgArray(chunk.map((f) => f.factor)), source],
      );
    }
    return factors.length;
  }

  /** Deletes a stock's synthetic (demo) bars on `dates`; answers how many went. */
  async deleteSyntheticBars(m: EntityManager, tsCode: string, dates: readonly string[]): Promise<number> {
    return returnedRows(
      await m.query(`DELETE FROM daily_bars WHERE ts_code = $1 AND trade_date = ANY($2::date[]) AND source = 'demo' RETURNING 1`, [tsCode, pgArray(dates)]),
    ).length;
  }

  /**
   * Deletes a date's bars of `codes` and, with `withSynthetic`, every synthetic (demo) bar of the
   * date; answers how many rows went and how many of them were synthetic.
   */
  async deleteDateBars(m: EntityManager, date: string, codes: readonly string[], withSynthetic: boolean): Promise<{ removed: number; synthetic: number }> {
    const gone: Array<{ source: string }> = returnedRows(
      await m.query(`DELETE FROM daily_bars WHERE trade_date = $1 AND (ts_code = ANY($2::varchar[]) OR ($3 AND source = 'demo')) RETURNING source`, [
        date,
        pgArray(codes),
        withSynthetic,
      ]),
    );
    return { removed: gone.length, synthetic: gone.filter((r) => r.source === 'demo').length };
  }

  /** Deletes a date's factors of `codes` and, with `withSynthetic`, every synthetic (demo) factor of the date. */
  async deleteDateFactors(m: EntityManager, date: string, codes: readonly string[], withSynthetic: boolean): Promise<void> {
    await m.query(`DELETE FROM adj_factors WHERE trade_date = $1 AND (ts_code = ANY($2::varchar[]) OR ($3 AND source = 'demo'))`, [date, pgArray(codes), withSynthetic]);
  }

  /**
   * The caller's transaction commits without waiting for its WAL flush (`SET LOCAL
   * synchronous_commit TO OFF`): a crash can lose the last few commits, never half of one.
   */
  async relaxCommit(m: EntityManager): Promise<void> {
    await m.query('SET LOCAL synchronous_commit TO OFF');
  }

  /**
   * For each code, the dates of `dates` for which no bar is stored (suspension days always show up).
   * `realOnly`: a synthetic (demo) row does not count as stored — a real source must replace it.
   */
  async missingDates(m: EntityManager, codes: readonly string[], dates: readonly string[], realOnly = false): Promise<Map<string, string[]>> {
    const missing = new Map<string, string[]>();
    if (codes.length === 0 || dates.length === 0) return missing;
    const rows: Array<{ c: string; d: string }> = await m.query(
      `SELECT c.code AS c, d.day::text AS d
         FROM unnest($1::varchar[]) AS c(code) CROSS JOIN unnest($2::date[]) AS d(day)
        WHERE NOT EXISTS (SELECT 1 FROM daily_bars b WHERE b.ts_code = c.code AND b.trade_date = d.day AND NOT ($3 AND b.source = 'demo'))
        ORDER BY 1, 2`,
      [codes, dates, realOnly],
    );
    for (const r of rows) {
      const list = missing.get(r.c);
      if (list) list.push(r.d);
      else missing.set(r.c, [r.d]);
    }
    return missing;
  }

  /** Bars stored per date, among `codes` (null: all). Dates without bars are absent. */
  async barCounts(m: EntityManager, dates: readonly string[], codes: readonly string[] | null): Promise<Map<string, number>> {
    if (dates.length === 0) return new Map();
    const rows: Array<{ d: string; n: number }> = codes
      ? await m.query(
          `SELECT trade_date::text AS d, count(*)::int AS n FROM daily_bars WHERE trade_date = ANY($1::date[]) AND ts_code = ANY($2::varchar[]) GROUP BY trade_date`,
          [dates, codes],
        )
      : await m.query(`SELECT trade_date::text AS d, count(*)::int AS n FROM daily_bars WHERE trade_date = ANY($1::date[]) GROUP BY trade_date`, [dates]);
    return new Map(rows.map((r) => [r.d, r.n]));
  }

  /** Per code: real and synthetic bars in [from, to] and the first and last real date (codes without bars: zeros and nulls). */
  async barCoverage(m: EntityManager, codes: readonly string[], from: string, to: string): Promise<BarCoverageRow[]> {
    return m.query(
      `SELECT c.code AS "tsCode",
              count(b.trade_date) FILTER (WHERE b.source <> 'demo')::int AS bars,
              count(b.trade_date) FILTER (WHERE b.source = 'demo')::int AS "syntheticBars",
              (min(b.trade_date) FILTER (WHERE b.source <> 'demo'))::text AS "firstDate",
              (max(b.trade_date) FILTER (WHERE b.source <> 'demo'))::text AS "lastDate"
         FROM unnest($1::varchar[]) AS c(code)
         LEFT JOIN daily_bars b ON b.ts_code = c.code AND b.trade_date BETWEEN $2 AND $3
        GROUP BY c.code`,
      [[...codes], from, to],
    );
  }

  /** Latest trade date with any stored bar, or null when there is none. */
  async latestBarDate(m: EntityManager): Promise<string | null> {
    const rows: Array<{ d: string | null }> = await m.query('SELECT max(trade_date)::text AS d FROM daily_bars');
    return rows[0]?.d ?? null;
  }

  /** The newest `n` trade dates with any stored bar, ascending. */
  async latestBarDates(m: EntityManager, n: number): Promise<string[]> {
    const rows: Array<{ d: string }> = await m.query('SELECT d::text FROM (SELECT DISTINCT trade_date AS d FROM daily_bars ORDER BY 1 DESC LIMIT $1) x ORDER BY 1', [n]);
    return rows.map((r) => r.d);
  }

  /**
   * The bars of `codes` in [from, to] as array-mode rows (ordered by code, date) and, with
   * `withSeeds`, the factor in force just before `from` per code — both on one connection (the
   * transaction's, or one taken from the pool for the two statements).
   */
  async barRows(m: EntityManager, codes: readonly string[], from: string, to: string, withSeeds: boolean): Promise<{ rows: BarRow[]; seeds: Map<string, number> | null }> {
    const runner = m.queryRunner ?? m.connection.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      const bars = await client.query<BarRow>({ text: BARS_SQL, values: [codes, from, to], rowMode: 'array' });
      if (!withSeeds) return { rows: bars.rows, seeds: null };
      const seed = await client.query<[string, number]>({ text: SEED_FACTORS_SQL, values: [codes, from], rowMode: 'array' });
      return { rows: bars.rows, seeds: new Map(seed.rows) };
    } finally {
      if (runner !== m.queryRunner) await runner.release();
    }
  }

  // ---- synthetic (demo) rows -------------------------------------------------------------------

  /** Stocks with any synthetic (demo) bar stored. */
  async syntheticCodes(m: EntityManager): Promise<string[]> {
    const rows: Array<{ c: string }> = await m.query(`SELECT DISTINCT ts_code AS c FROM daily_bars WHERE source = 'demo'`);
    return rows.map((r) => r.c);
  }

  async demoSummary(m: EntityManager): Promise<DemoSummary> {
    const rows: Array<{ n: number; f: string | null; l: string | null }> = await m.query(
      `SELECT count(*)::int AS n, min(trade_date)::text AS f, max(trade_date)::text AS l FROM daily_bars WHERE source = 'demo'`,
    );
    return { bars: rows[0]?.n ?? 0, firstDate: rows[0]?.f ?? null, lastDate: rows[0]?.l ?? null };
  }

  /**
   * Every synthetic bar and factor, the sync records that claim demo data, and the demo calendar's
   * days (a real sync stores the exchange's). Four statements: call it in a transaction.
   */
  async removeDemoRows(m: EntityManager): Promise<RemovedDemoRows> {
    const count = async (statement: string) => returnedRows(await m.query(statement)).length;
    const bars = await count(`DELETE FROM daily_bars WHERE source = 'demo' RETURNING 1`);
    const factors = await count(`DELETE FROM adj_factors WHERE source = 'demo' RETURNING 1`);
    const dates = await count(`DELETE FROM market_sync_dates WHERE source = 'demo' OR factor_source = 'demo' RETURNING 1`);
    const calendarDays = await count(`DELETE FROM trade_calendar WHERE source = 'demo' RETURNING 1`);
    return { bars, factors, dates, calendarDays };
  }

  // ---- market_sync_dates -----------------------------------------------------------------------

  async dateStates(m: EntityManager, dates: readonly string[]): Promise<Map<string, DateSyncState>> {
    if (dates.length === 0) return new Map();
    const rows: DateSyncState[] = await m.query(
      `SELECT trade_date::text AS "tradeDate", scope, bars_complete AS "barsComplete", factors_complete AS "factorsComplete",
              source, factor_source AS "factorSource", rows
         FROM market_sync_dates WHERE trade_date = ANY($1::date[])`,
      [dates],
    );
    return new Map(rows.map((r) => [r.tradeDate, r]));
  }

  /**
   * Records what is stored for a date. A per-stock record never downgrades a whole-market one
   * (a date already complete for the market keeps its row) — except a synthetic one: real rows
   * written per stock make a demo-complete date incomplete (a date is complete only with real rows).
   */
  async markDate(m: EntityManager, input: MarkDateInput): Promise<void> {
    await m.query(
      `INSERT INTO market_sync_dates (trade_date, scope, bars_complete, factors_complete, source, factor_source, rows, rejected, synced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (trade_date) DO UPDATE SET scope = EXCLUDED.scope, bars_complete = EXCLUDED.bars_complete,
         factors_complete = EXCLUDED.factors_complete, source = EXCLUDED.source, factor_source = EXCLUDED.factor_source,
         rows = EXCLUDED.rows, rejected = EXCLUDED.rejected, synced_at = EXCLUDED.synced_at
       WHERE EXCLUDED.scope = 'market' OR NOT market_sync_dates.bars_complete
          OR (market_sync_dates.source = 'demo' AND EXCLUDED.source IS DISTINCT FROM 'demo')`,
      [input.tradeDate, input.scope, input.barsComplete, input.factorsComplete, input.source, input.factorSource, input.rows, input.rejected, input.at],
    );
  }

  /** A per-stock record for each of `dates` that has none yet (before a backfill writes rows of them). */
  async markDatesIfAbsent(m: EntityManager, dates: readonly string[], at: Date): Promise<void> {
    if (dates.length === 0) return;
    await m.query(
      `INSERT INTO market_sync_dates (trade_date, scope, bars_complete, factors_complete, source, factor_source, rows, rejected, synced_at)
       SELECT d, 'stocks', false, false, NULL, NULL, 0, 0, $2 FROM unnest($1::date[]) AS t(d)
       ON CONFLICT (trade_date) DO NOTHING`,
      [pgArray(dates), at],
    );
  }

  /** Factors arrived for a date whose bars were already complete. */
  async markFactors(m: EntityManager, tradeDate: string, factorSource: string, at: Date): Promise<void> {
    await m.query(`UPDATE market_sync_dates SET factors_complete = true, factor_source = $2, synced_at = $3 WHERE trade_date = $1`, [tradeDate, factorSource, at]);
  }

  // ---- market_tracked_stocks (the per-stock sync's universe) -----------------------------------

  /** A tracker's transaction lock: shared for adding codes, exclusive for replacing or dropping them. */
  async lockTracker(m: EntityManager, tracker: string, mode: 'shared' | 'exclusive'): Promise<void> {
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await m.query(`SELECT ${fn}($1::bigint)`, [lockKey(`market-data:tracked:${tracker}`)]);
  }

  /** Adds codes to a tracker's set (sorted, so concurrent adds take row locks in one order). */
  async addTracked(m: EntityManager, tracker: string, codes: readonly string[]): Promise<void> {
    await m.query(`INSERT INTO market_tracked_stocks (tracker, ts_code) SELECT $1, c FROM unnest($2::varchar[]) AS t(c) ON CONFLICT DO NOTHING`, [
      tracker,
      [...new Set(codes)].sort(),
    ]);
  }

  /** Drops `codes` from a tracker's set unless they are in `keep`. */
  async dropTracked(m: EntityManager, tracker: string, codes: readonly string[], keep: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM market_tracked_stocks WHERE tracker = $1 AND ts_code = ANY($2::varchar[]) AND NOT (ts_code = ANY($3::varchar[]))`, [tracker, [...codes], [...keep]]);
  }

  /** Drops every code of a tracker's set that is not in `keep` (with `addTracked`: the set becomes exactly `keep`). */
  async dropTrackedExcept(m: EntityManager, tracker: string, keep: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM market_tracked_stocks WHERE tracker = $1 AND NOT (ts_code = ANY($2::varchar[]))`, [tracker, [...keep]]);
  }

  /** Every tracked code, distinct and sorted. */
  async trackedCodes(m: EntityManager): Promise<string[]> {
    const rows: Array<{ c: string }> = await m.query(`SELECT DISTINCT ts_code AS c FROM market_tracked_stocks ORDER BY 1`);
    return rows.map((r) => r.c);
  }

  // ---- data_source_settings / data_source_switch_logs ------------------------------------------

  /** Every stored provider setting, by name. */
  settings(m: EntityManager): Promise<DataSourceSettingRow[]> {
    return m.find(DataSourceSettingRow, { order: { name: 'ASC' } });
  }

  /** A provider's setting row locked FOR UPDATE (null when none is stored). */
  lockSetting(m: EntityManager, name: string): Promise<DataSourceSettingRow | null> {
    return m.findOne(DataSourceSettingRow, { where: { name }, lock: { mode: 'pessimistic_write' } });
  }

  /** A new, unsaved setting row with nothing set (automatic switch, default order, no secrets). */
  newSetting(m: EntityManager, name: string): DataSourceSettingRow {
    return m.create(DataSourceSettingRow, { name, enabled: null, priority: null, tokenEnc: null, baseUrlEnc: null, updatedBy: null });
  }

  async saveSetting(m: EntityManager, row: DataSourceSettingRow): Promise<void> {
    await m.save(row);
  }

  /** Sets a provider's priority (a row is created with nothing else set when none is stored). */
  async setPriority(m: EntityManager, name: string, priority: number, at: Date, by: string): Promise<void> {
    await m.query(
      `INSERT INTO data_source_settings (name, enabled, priority, token_enc, base_url_enc, updated_at, updated_by)
       VALUES ($1, NULL, $2, NULL, NULL, $3, $4)
       ON CONFLICT (name) DO UPDATE SET priority = EXCLUDED.priority, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [name, priority, at, by],
    );
  }

  /** Appends a provider switch (the reason cut to 4,000 characters). */
  async insertSwitchLog(m: EntityManager, entry: SwitchLogEntry): Promise<void> {
    await m.query('INSERT INTO data_source_switch_logs (at, from_source, to_source, reason, operation) VALUES ($1, $2, $3, $4, $5)', [
      entry.at,
      entry.from,
      entry.to,
      entry.reason.slice(0, 4000),
      entry.operation,
    ]);
  }

  /** A page of the switch log, sorted by `sort` (SWITCH_LOG_SORT). */
  switchLogPage(m: EntityManager, q: { sort?: string; page: number; pageSize: number }): Promise<SwitchLogRow[]> {
    const p = new SqlParams();
    return m.query(
      `SELECT at, from_source AS "from", to_source AS "to", reason, operation FROM data_source_switch_logs ${sqlOrderBy(q.sort, SWITCH_LOG_SORT)} ${p.page(q)}`,
      p.values,
    );
  }

  async countSwitchLogs(m: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM data_source_switch_logs');
    return rows[0]?.n ?? 0;
  }
}

const PLAIN_ELEMENT = /^[0-9A-Za-z.:+-]+$/;

/**
 * A PostgreSQL array literal (`{a,b,NULL}`) for elements that never need quoting: ts codes, ISO
 * dates and finite numbers. Anything else is refused rather than escaped.
 */
export function pgArray(values: ReadonlyArray<string | number | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
      parts[i] = String(v);
    } else {
      if (!PLAIN_ELEMENT.test(v)) throw new RangeError(`array element needs quoting: ${JSON.stringify(v)}`);
      parts[i] = v;
    }
  }
  return `{${parts.join(',')}}`;
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}
