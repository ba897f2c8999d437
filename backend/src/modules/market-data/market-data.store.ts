import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { lockKey, returnedRows } from '../../common/sql.js';
import type { AdjFactor, DailyBar, StockBasic, TradeCalendarDay } from './domain/market-types.js';

/** Bulk statements stay far below PostgreSQL's limits and keep each statement's memory bounded. */
const CHUNK = 10_000;

/** Anything that runs SQL: the DataSource or a transaction's EntityManager. */
export interface Sql {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

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

/**
 * The market-data tables' write side and the narrow reads the sync needs. Every write is an
 * idempotent upsert (`INSERT … SELECT FROM unnest($arrays) ON CONFLICT DO UPDATE`), one statement
 * per ≤10,000 rows: a whole-market day (~5,400 bars) is one round trip and re-running a sync is safe.
 * Rows that did not change are not rewritten (`WHERE … IS DISTINCT FROM`), so a re-sync leaves no
 * dead tuples behind.
 */
@Injectable()
export class MarketStore {
  constructor(private readonly dataSource: DataSource) {}

  /** `onlyMissing`: add days not stored yet, never change stored ones (the demo seeder). */
  async upsertCalendar(days: readonly TradeCalendarDay[], source: string, at: Date, onlyMissing = false): Promise<void> {
    const onConflict = onlyMissing
      ? 'DO NOTHING'
      : `DO UPDATE SET is_open = EXCLUDED.is_open, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
         WHERE trade_calendar.is_open IS DISTINCT FROM EXCLUDED.is_open OR trade_calendar.source IS DISTINCT FROM EXCLUDED.source`;
    for (const chunk of chunks(days)) {
      await this.dataSource.query(
        `INSERT INTO trade_calendar (cal_date, is_open, source, updated_at)
         SELECT d, o, $3, $4 FROM unnest($1::date[], $2::boolean[]) AS t(d, o)
         ON CONFLICT (cal_date) ${onConflict}`,
        [chunk.map((d) => d.date), chunk.map((d) => d.isOpen), source, at],
      );
    }
  }

  /**
   * Upserts stock basics into the shared `stocks` table (owned by stock-pool). A `partial` list (a
   * source that reports only code and name, such as AKShare) never overwrites what a fuller source
   * stored: list date, industry and listing status are kept; new codes are inserted as listed.
   * A null list date or industry never replaces a known one.
   */
  async upsertStockBasics(basics: readonly StockBasic[], partial: boolean, onlyMissing = false): Promise<number> {
    const valid = basics.filter((b) => /^\d{6}\.(SH|SZ|BJ)$/.test(b.tsCode) && b.name.trim() !== '');
    const keepOnPartial = partial
      ? ''
      : `, industry = COALESCE(EXCLUDED.industry, stocks.industry), list_date = COALESCE(EXCLUDED.list_date, stocks.list_date), status = EXCLUDED.status`;
    const changed = partial
      ? `stocks.name IS DISTINCT FROM EXCLUDED.name`
      : `(stocks.name, stocks.industry, stocks.list_date, stocks.status) IS DISTINCT FROM (EXCLUDED.name, COALESCE(EXCLUDED.industry, stocks.industry), COALESCE(EXCLUDED.list_date, stocks.list_date), EXCLUDED.status)`;
    for (const chunk of chunks(valid)) {
      await this.dataSource.query(
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

  /** Stores bars (already quality-checked). Returns the number of rows given. */
  async upsertBars(bars: readonly DailyBar[], source: string, sql: Sql = this.dataSource, mode: 'upsert' | 'insert' = 'upsert'): Promise<number> {
    await this.writeBars(bars, source, sql, mode, false);
    return bars.length;
  }

  /**
   * What a provider answered for one stock over `dates` (the per-stock path), in one transaction.
   * From a real source, every synthetic (demo) row of the stock on those dates goes — replaced by
   * the real bar, or simply removed where the real source has none (a suspension): its answer is
   * authoritative. `written` = rows stored (inserted or changed; unchanged rows are not rewritten),
   * `replaced` = synthetic rows removed.
   */
  async writeStockBars(tsCode: string, dates: readonly string[], bars: readonly DailyBar[], source: string): Promise<{ written: number; replaced: number }> {
    if (dates.length === 0) return { written: 0, replaced: 0 };
    return this.dataSource.transaction(async (m) => {
      let replaced = 0;
      if (source !== 'demo') {
        replaced = returnedRows(
          await m.query(`DELETE FROM daily_bars WHERE ts_code = $1 AND trade_date = ANY($2::date[]) AND source = 'demo' RETURNING 1`, [tsCode, pgArray(dates)]),
        ).length;
      }
      const written = bars.length === 0 ? 0 : await this.writeBars(bars, source, m, 'upsert', true);
      return { written, replaced };
    });
  }

  private async writeBars(bars: readonly DailyBar[], source: string, sql: Sql, mode: 'upsert' | 'insert', count: boolean): Promise<number> {
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
      const res = await sql.query(
        `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
         SELECT c, d, o, h, l, cl, pc, v, a, $10
         FROM unnest($1::varchar[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::bigint[], $9::float8[]) AS t(c, d, o, h, l, cl, pc, v, a)
         ${mode === 'insert' ? '' : `ON CONFLICT (ts_code, trade_date) DO UPDATE SET
           open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
           pre_close = COALESCE(EXCLUDED.pre_close, daily_bars.pre_close), volume = EXCLUDED.volume, amount = EXCLUDED.amount, source = EXCLUDED.source
         WHERE (daily_bars.open, daily_bars.high, daily_bars.low, daily_bars.close, daily_bars.volume, daily_bars.amount, daily_bars.source)
               IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume, EXCLUDED.amount, EXCLUDED.source)
            OR (EXCLUDED.pre_close IS NOT NULL AND daily_bars.pre_close IS DISTINCT FROM EXCLUDED.pre_close)`}
         ${count ? 'RETURNING 1' : ''}`,
        [codes, dates, open, high, low, close, preClose, volume, amount, source],
      );
      if (count) written += returnedCount(res);
    }
    return written;
  }

  async upsertFactors(factors: readonly AdjFactor[], source: string, sql: Sql = this.dataSource, mode: 'upsert' | 'insert' = 'upsert'): Promise<number> {
    for (const chunk of chunks(factors)) {
      await sql.query(
        `INSERT INTO adj_factors (ts_code, trade_date, factor, source)
         SELECT c, d, f, $4 FROM unnest($1::varchar[], $2::date[], $3::float8[]) AS t(c, d, f)
         ${mode === 'insert' ? '' : `ON CONFLICT (ts_code, trade_date) DO UPDATE SET factor = EXCLUDED.factor, source = EXCLUDED.source
         WHERE (adj_factors.factor, adj_factors.source) IS DISTINCT FROM (EXCLUDED.factor, EXCLUDED.source)`}`,
        [pgArray(chunk.map((f) => f.tsCode)), pgArray(chunk.map((f) => f.tradeDate)), pgArray(chunk.map((f) => f.factor)), source],
      );
    }
    return factors.length;
  }

  /**
   * One trade date of the whole market — bars, factors and its sync record — in ONE transaction, so a
   * date is either fully written and marked or not at all. `synchronous_commit = off` for it: a crash
   * can lose the last few commits, but never half of one, and a lost date is simply not marked
   * complete and is fetched again by the next (resumed) sync; it saves one WAL flush per date.
   *
   * A `fresh` date (no sync record yet) has no rows — every writer records the date in the same
   * transaction as its rows, or before them — so its rows go in with a plain INSERT: no ON CONFLICT
   * speculative insertion and no DELETE probing the primary key 5,000 times. Should rows exist after
   * all, the unique violation sends the date down the replacing path instead.
   */
  async writeMarketDate(input: {
    bars: readonly DailyBar[];
    barsSource: string;
    factors: readonly AdjFactor[];
    factorSource: string | null;
    mark: MarkDateInput;
    fresh: boolean;
  }): Promise<{ replaced: number }> {
    if (input.fresh) {
      try {
        return await this.writeMarketDateTx(input, false);
      } catch (error) {
        if ((error as { code?: string; driverError?: { code?: string } }).driverError?.code !== '23505' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
    return this.writeMarketDateTx(input, true);
  }

  private async writeMarketDateTx(
    input: { bars: readonly DailyBar[]; barsSource: string; factors: readonly AdjFactor[]; factorSource: string | null; mark: MarkDateInput },
    replace: boolean,
  ): Promise<{ replaced: number }> {
    const date = input.mark.tradeDate;
    const withFactors = input.factorSource !== null && input.factors.length > 0;
    // A real source's whole market replaces every synthetic row of the date, also of stocks it does
    // not list: a date is complete only with real rows.
    const dropDemo = input.barsSource !== 'demo';
    return this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit TO OFF');
      let replaced = 0;
      if (replace) {
        // Exactly the rows being written are replaced (per-stock or demo rows of the same stocks).
        const gone: Array<{ source: string }> = returnedRows(
          await m.query(`DELETE FROM daily_bars WHERE trade_date = $1 AND (ts_code = ANY($2::varchar[]) OR ($3 AND source = 'demo')) RETURNING source`, [
            date,
            pgArray(input.bars.map((b) => b.tsCode)),
            dropDemo,
          ]),
        );
        replaced = dropDemo ? gone.filter((r) => r.source === 'demo').length : 0;
        if (withFactors) {
          await m.query(`DELETE FROM adj_factors WHERE trade_date = $1 AND (ts_code = ANY($2::varchar[]) OR ($3 AND source = 'demo'))`, [date, pgArray(input.factors.map((f) => f.tsCode)), dropDemo]);
        }
      }
      await this.upsertBars(input.bars, input.barsSource, m, 'insert');
      if (withFactors) await this.upsertFactors(input.factors, input.factorSource!, m, 'insert');
      await this.markDate(input.mark, m);
      return { replaced };
    });
  }

  /** Factors for a date whose bars were already complete, and the record saying so. */
  async writeFactorsOnly(tradeDate: string, factors: readonly AdjFactor[], factorSource: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit TO OFF');
      await this.upsertFactors(factors, factorSource, m);
      await this.markFactors(tradeDate, factorSource, at, m);
    });
  }

  /** Open days of the stored calendar in [from, to], ascending. */
  async openDates(from: string, to: string): Promise<string[]> {
    const rows: Array<{ d: string }> = await this.dataSource.query(
      `SELECT cal_date::text AS d FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2 AND is_open ORDER BY cal_date`,
      [from, to],
    );
    return rows.map((r) => r.d);
  }

  /** Whether the stored calendar has a row for every day in [from, to]. */
  async calendarCovers(from: string, to: string): Promise<boolean> {
    const rows: Array<{ n: number; days: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n, ($2::date - $1::date + 1) AS days FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2`,
      [from, to],
    );
    return rows[0]!.n === rows[0]!.days;
  }

  async dateStates(dates: readonly string[]): Promise<Map<string, DateSyncState>> {
    if (dates.length === 0) return new Map();
    const rows: DateSyncState[] = await this.dataSource.query(
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
  async markDate(input: MarkDateInput, sql: Sql = this.dataSource): Promise<void> {
    await sql.query(
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
  async markDatesIfAbsent(dates: readonly string[], at: Date): Promise<void> {
    if (dates.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO market_sync_dates (trade_date, scope, bars_complete, factors_complete, source, factor_source, rows, rejected, synced_at)
       SELECT d, 'stocks', false, false, NULL, NULL, 0, 0, $2 FROM unnest($1::date[]) AS t(d)
       ON CONFLICT (trade_date) DO NOTHING`,
      [pgArray(dates), at],
    );
  }

  /** Factors arrived for a date whose bars were already complete. */
  async markFactors(tradeDate: string, factorSource: string, at: Date, sql: Sql = this.dataSource): Promise<void> {
    await sql.query(
      `UPDATE market_sync_dates SET factors_complete = true, factor_source = $2, synced_at = $3 WHERE trade_date = $1`,
      [tradeDate, factorSource, at],
    );
  }

  /**
   * For each code, the dates of `dates` for which no bar is stored (suspension days always show up).
   * `realOnly`: a synthetic (demo) row does not count as stored — a real source must replace it.
   */
  async missingDates(codes: readonly string[], dates: readonly string[], realOnly = false): Promise<Map<string, string[]>> {
    const missing = new Map<string, string[]>();
    if (codes.length === 0 || dates.length === 0) return missing;
    const rows: Array<{ c: string; d: string }> = await this.dataSource.query(
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

  /** Stocks with any synthetic (demo) bar stored. */
  async syntheticCodes(): Promise<string[]> {
    const rows: Array<{ c: string }> = await this.dataSource.query(`SELECT DISTINCT ts_code AS c FROM daily_bars WHERE source = 'demo'`);
    return rows.map((r) => r.c);
  }

  /** Synthetic (demo) market data stored: bar count and date span. */
  async demoSummary(sql: Sql = this.dataSource): Promise<{ bars: number; firstDate: string | null; lastDate: string | null }> {
    const rows: Array<{ n: number; f: string | null; l: string | null }> = await sql.query(
      `SELECT count(*)::int AS n, min(trade_date)::text AS f, max(trade_date)::text AS l FROM daily_bars WHERE source = 'demo'`,
    );
    return { bars: rows[0]?.n ?? 0, firstDate: rows[0]?.f ?? null, lastDate: rows[0]?.l ?? null };
  }

  /**
   * Leaving demo mode (in the caller's transaction): every synthetic bar and factor, the sync
   * records that claim demo data, and the demo calendar's days (a real sync stores the exchange's).
   */
  async removeDemoRows(m: Sql): Promise<{ bars: number; factors: number; dates: number; calendarDays: number }> {
    const count = async (statement: string) => returnedRows(await m.query(statement)).length;
    const bars = await count(`DELETE FROM daily_bars WHERE source = 'demo' RETURNING 1`);
    const factors = await count(`DELETE FROM adj_factors WHERE source = 'demo' RETURNING 1`);
    const dates = await count(`DELETE FROM market_sync_dates WHERE source = 'demo' OR factor_source = 'demo' RETURNING 1`);
    const calendarDays = await count(`DELETE FROM trade_calendar WHERE source = 'demo' RETURNING 1`);
    return { bars, factors, dates, calendarDays };
  }

  /** Per code: real and synthetic bars in [from, to], first and last real date, and the open days of the window. */
  async coverage(codes: readonly string[], from: string, to: string): Promise<{ expectedDays: number; rows: Array<{ tsCode: string; bars: number; syntheticBars: number; firstDate: string | null; lastDate: string | null }> }> {
    const open: Array<{ n: number }> = await this.dataSource.query(`SELECT count(*)::int AS n FROM trade_calendar WHERE cal_date BETWEEN $1 AND $2 AND is_open`, [from, to]);
    const rows: Array<{ tsCode: string; bars: number; syntheticBars: number; firstDate: string | null; lastDate: string | null }> = await this.dataSource.query(
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
    return { expectedDays: open[0]?.n ?? 0, rows };
  }

  /** Bars stored per date among `codes` (the per-stock record of a date). */
  async barCounts(dates: readonly string[], codes: readonly string[] | null): Promise<Map<string, number>> {
    if (dates.length === 0) return new Map();
    const rows: Array<{ d: string; n: number }> = codes
      ? await this.dataSource.query(
          `SELECT trade_date::text AS d, count(*)::int AS n FROM daily_bars WHERE trade_date = ANY($1::date[]) AND ts_code = ANY($2::varchar[]) GROUP BY trade_date`,
          [dates, codes],
        )
      : await this.dataSource.query(`SELECT trade_date::text AS d, count(*)::int AS n FROM daily_bars WHERE trade_date = ANY($1::date[]) GROUP BY trade_date`, [dates]);
    return new Map(rows.map((r) => [r.d, r.n]));
  }

  // ---- tracked stocks (the per-stock sync's universe) -----------------------------------------

  /** A tracker's transaction lock: shared for adding codes, exclusive for replacing or dropping them. */
  async lockTracker(m: EntityManager, tracker: string, mode: 'shared' | 'exclusive'): Promise<void> {
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await m.query(`SELECT ${fn}($1::bigint)`, [lockKey(`market-data:tracked:${tracker}`)]);
  }

  /** Adds codes to a tracker's set (sorted, so concurrent adds take row locks in one order). */
  async addTracked(m: EntityManager, tracker: string, codes: readonly string[]): Promise<void> {
    await m.query(
      `INSERT INTO market_tracked_stocks (tracker, ts_code) SELECT $1, c FROM unnest($2::varchar[]) AS t(c) ON CONFLICT DO NOTHING`,
      [tracker, [...new Set(codes)].sort()],
    );
  }

  /** Drops `codes` from a tracker's set unless they are in `keep`. */
  async dropTracked(m: EntityManager, tracker: string, codes: readonly string[], keep: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM market_tracked_stocks WHERE tracker = $1 AND ts_code = ANY($2::varchar[]) AND NOT (ts_code = ANY($3::varchar[]))`, [tracker, [...codes], [...keep]]);
  }

  /** Makes a tracker's set exactly `codes`. */
  async replaceTracked(m: EntityManager, tracker: string, codes: readonly string[]): Promise<void> {
    await m.query(`DELETE FROM market_tracked_stocks WHERE tracker = $1 AND NOT (ts_code = ANY($2::varchar[]))`, [tracker, [...codes]]);
    await this.addTracked(m, tracker, codes);
  }

  /** Every tracked code, distinct and sorted. */
  async trackedCodes(m: EntityManager): Promise<string[]> {
    const rows: Array<{ c: string }> = await m.query(`SELECT DISTINCT ts_code AS c FROM market_tracked_stocks ORDER BY 1`);
    return rows.map((r) => r.c);
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

function returnedCount(result: unknown): number {
  return returnedRows(result).length;
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}
