import { Injectable } from '@nestjs/common';
import type { SignalDayDto, SignalDto, SignalWindow } from '@zhice/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy } from '../../common/list-query.js';
import { returnedRows } from '../../common/sql.js';
import type { ChainRow } from './domain/hash-chain.js';
import { SIGNAL_DAY_SORT } from './domain/list-sorts.js';
import { StrategyVersionRow } from './entities/strategy-version.entity.js';
import type { StoredSignal } from './runs/signal-rows.js';
import type { StrategyParams } from './strategies/types.js';

export type SignalTarget = 'signals' | 'signal_staging';

export interface RunSetEntry {
  strategyId: string;
  version: number;
}

/** One row of the admin signal-day list. */
export interface SignalDayRow {
  tradeDate: string;
  status: SignalDayDto['status'];
  rowCount: number;
  strategies: Record<string, number>;
  seq: number | null;
  chainHash: string | null;
  publishedAt: Date | null;
}

/** The latest version of a strategy with its parameters. */
export interface StrategyVersionHead {
  strategyId: string;
  version: number;
  params: StrategyParams;
}

export interface NewStrategyVersion {
  strategyId: string;
  version: number;
  params: Record<string, unknown>;
  note: string;
  createdBy: string | null;
}

/** The chain's newest link. */
export interface ChainHeadRow {
  tradeDate: string;
  seq: number;
  chainHash: string;
}

/** A chained day's link as published. */
export interface ChainDayRow {
  tradeDate: string;
  seq: number;
  prevHash: string;
  chainHash: string;
  payloadHash: string;
  rowCount: number;
  strategies: Record<string, number>;
  publishedAt: Date;
}

/** What publishing a day writes on its `signal_days` row. */
export interface DayPublication {
  strategies: Record<string, number>;
  rowCount: number;
  runId: string | null;
  at: Date;
}

export interface ChainLinkColumns {
  payloadHash: string;
  prevHash: string;
  hash: string;
  seq: number;
}

/** An issued signal (the first version published for its date and stock) with its forward returns. */
export interface IssuedSignalRow {
  tradeDate: string;
  tsCode: string;
  strategyId: string;
  version: number;
  action: SignalDto['action'];
  score: number;
  close: number;
  reasons: SignalDto['reasons'];
  inChain: boolean;
  fwd1: number | null;
  fwd5: number | null;
  fwd10: number | null;
  fwd20: number | null;
}

export interface IssuedSignalFilter {
  strategyId: string;
  codes: readonly string[];
  /** Inclusive bounds, YYYY-MM-DD. */
  from: string;
  to: string;
}

/** A stock's newest stored bar (null: none). */
export interface LatestBarRow {
  tsCode: string;
  latestBarDate: string | null;
  synthetic: boolean | null;
}

/** One strategy's raw figures at a window (stats.service maps them to the DTO). */
export interface WindowStatsRow {
  strategyId: string;
  count: number;
  hits: number;
  meanReturn: number | null;
  sdReturn: number | null;
  baseCount: number;
  baseHit: number | null;
  baseMean: number | null;
}

/** Forward returns computed for (stock, date) pairs: `returns[w][i]` for window w of pair i. */
export interface ForwardReturnBatch {
  codes: readonly string[];
  dates: readonly string[];
  /** Four columns: 1, 5, 10 and 20 bars. */
  returns: ReadonlyArray<ReadonlyArray<number | null>>;
}

const FWD_COLUMN: Record<SignalWindow, string> = { 1: 'fwd_1', 5: 'fwd_5', 10: 'fwd_10', 20: 'fwd_20' };

/** Published signals, one per (date, stock): the first version published (as issued). */
function issuedSql(where: string): string {
  return `SELECT DISTINCT ON (s.trade_date, s.ts_code) s.trade_date::text AS "tradeDate", s.ts_code AS "tsCode", s.strategy_id AS "strategyId", s.version, s.action, s.score, s.close, s.reasons, s.in_chain AS "inChain",
                 r.fwd_1 AS "fwd1", r.fwd_5 AS "fwd5", r.fwd_10 AS "fwd10", r.fwd_20 AS "fwd20"
            FROM signals s
            JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            LEFT JOIN signal_returns r ON r.trade_date = s.trade_date AND r.ts_code = s.ts_code
           WHERE ${where}
           ORDER BY s.trade_date, s.ts_code, s.version`;
}

const CHAIN_DAY_COLUMNS = `trade_date::text AS "tradeDate", seq, prev_hash AS "prevHash", chain_hash AS "chainHash", payload_hash AS "payloadHash", row_count AS "rowCount", strategies, published_at AS "publishedAt"`;

/**
 * Every SQL statement of the signals module, each a narrow named method taking the caller's
 * EntityManager first (a transaction's, or `dataSource.manager` outside one). Reads of
 * `daily_bars` are read models (README "Table ownership").
 */
@Injectable()
export class SignalsStore {
  // ---- signal days (admin list, demo data) ----

  /** A page of signal days (admin list). */
  async listDays(m: EntityManager, sort: string | undefined, page: { page: number; pageSize: number }): Promise<SignalDayRow[]> {
    const p = new SqlParams();
    return m.query(
      `SELECT trade_date::text AS "tradeDate", status, row_count AS "rowCount", strategies, seq, chain_hash AS "chainHash", published_at AS "publishedAt"
         FROM signal_days ${sqlOrderBy(sort, SIGNAL_DAY_SORT)} ${p.page(page)}`,
      p.values,
    );
  }

  async countDays(m: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM signal_days');
    return rows[0]?.n ?? 0;
  }

  /** The latest `limit` published days, oldest first. */
  async latestPublishedDays(m: EntityManager, limit: number): Promise<string[]> {
    const rows: Array<{ d: string }> = await m.query(
      `SELECT d FROM (SELECT trade_date::text AS d FROM signal_days WHERE status = 'published' ORDER BY trade_date DESC LIMIT $1) x ORDER BY d`,
      [limit],
    );
    return rows.map((r) => r.d);
  }

  /** Of `dates`, those not yet published, in date order (the demo seeder's work list). */
  async unpublishedDates(m: EntityManager, dates: readonly string[]): Promise<string[]> {
    const rows: Array<{ d: string }> = await m.query(
      `SELECT x.d::text FROM unnest($1::date[]) AS x(d)
        WHERE NOT EXISTS (SELECT 1 FROM signal_days s WHERE s.trade_date = x.d AND s.status = 'published')
        ORDER BY 1`,
      [[...dates]],
    );
    return rows.map((r) => r.d);
  }

  /** Published days and their rows (the demo-data summary). */
  async publishedSummary(m: EntityManager): Promise<{ days: number; firstDate: string | null }> {
    const rows: Array<{ n: number; f: string | null }> = await m.query(
      `SELECT count(*)::int AS n, min(trade_date)::text AS f FROM signal_days WHERE status = 'published'`,
    );
    return { days: rows[0]?.n ?? 0, firstDate: rows[0]?.f ?? null };
  }

  /**
   * Removes the signal days from `from` on (in the caller's transaction) — their rows, staged rows
   * and forward returns — and the chain from the first of them to the head, so what remains is a
   * valid prefix of the chain (a link covers its predecessor's hash).
   */
  async removeDaysFrom(m: EntityManager, from: string): Promise<{ days: number; signals: number; chainLinks: number }> {
    await m.query('LOCK TABLE signal_days IN EXCLUSIVE MODE');
    const cut: Array<{ seq: number | null }> = await m.query(`SELECT min(seq)::int AS seq FROM signal_days WHERE trade_date >= $1 AND seq IS NOT NULL`, [from]);
    const cutSeq = cut[0]?.seq ?? null;
    const days: Array<{ d: string; seq: number | null }> = await m.query(
      `SELECT trade_date::text AS d, seq FROM signal_days WHERE trade_date >= $1 OR ($2::int IS NOT NULL AND seq >= $2::int)`,
      [from, cutSeq],
    );
    if (days.length === 0) return { days: 0, signals: 0, chainLinks: 0 };
    const dates = days.map((x) => x.d);
    const signals = returnedRows(await m.query(`DELETE FROM signals WHERE trade_date = ANY($1::date[]) RETURNING 1`, [dates])).length;
    await m.query(`DELETE FROM signal_staging WHERE trade_date = ANY($1::date[])`, [dates]);
    await m.query(`DELETE FROM signal_returns WHERE trade_date = ANY($1::date[])`, [dates]);
    await m.query(`DELETE FROM signal_days WHERE trade_date = ANY($1::date[])`, [dates]);
    return { days: days.length, signals, chainLinks: days.filter((x) => x.seq !== null).length };
  }

  // ---- runs: resume state and writes ----

  /** A stored trading day = a date with stored bars (read model of `daily_bars`). */
  async hasBarsOn(m: EntityManager, tradeDate: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM daily_bars WHERE trade_date = $1::date LIMIT 1', [tradeDate]);
    return rows.length > 0;
  }

  async dayStatus(m: EntityManager, tradeDate: string): Promise<'staging' | 'published' | null> {
    const rows: Array<{ status: 'staging' | 'published' }> = await m.query('SELECT status FROM signal_days WHERE trade_date = $1', [tradeDate]);
    return rows[0]?.status ?? null;
  }

  async ensureDay(m: EntityManager, tradeDate: string, runId: string | null): Promise<void> {
    await m.query(`INSERT INTO signal_days (trade_date, status, strategies, run_id) VALUES ($1, 'staging', '{}'::jsonb, $2) ON CONFLICT (trade_date) DO NOTHING`, [tradeDate, runId]);
  }

  /** An unpublished day: drop rows a crashed earlier run left for strategy versions not in this run. */
  async dropForeignStagedRows(m: EntityManager, tradeDate: string, set: readonly RunSetEntry[]): Promise<void> {
    await m.query(
      `DELETE FROM signals s WHERE s.trade_date = $1
          AND NOT EXISTS (SELECT 1 FROM unnest($2::varchar[], $3::int[]) AS r(sid, v) WHERE r.sid = s.strategy_id AND r.v = s.version)
          AND EXISTS (SELECT 1 FROM signal_days d WHERE d.trade_date = $1 AND d.status = 'staging')`,
      [tradeDate, set.map((s) => s.strategyId), set.map((s) => s.version)],
    );
  }

  /** Stocks that already have a row for every strategy version of the run (done before a restart). */
  async completedStocks(m: EntityManager, target: SignalTarget, tradeDate: string, set: readonly RunSetEntry[]): Promise<Set<string>> {
    const rows: Array<{ ts_code: string }> = await m.query(
      `SELECT s.ts_code FROM ${target} s
         JOIN unnest($2::varchar[], $3::int[]) AS r(sid, v) ON r.sid = s.strategy_id AND r.v = s.version
        WHERE s.trade_date = $1
        GROUP BY s.ts_code HAVING count(*) = $4`,
      [tradeDate, set.map((s) => s.strategyId), set.map((s) => s.version), set.length],
    );
    return new Set(rows.map((r) => r.ts_code));
  }

  /**
   * Upserts computed rows (one multi-row statement). Rows of an unpublished day go straight into
   * `signals` (invisible until the day publishes, chained then); a published day's re-run writes to
   * `signal_staging`.
   */
  async write(m: EntityManager, target: SignalTarget, tradeDate: string, runId: string | null, rows: readonly StoredSignal[]): Promise<void> {
    if (rows.length === 0) return;
    const inChain = target === 'signals' ? ', in_chain' : '';
    await m.query(
      `INSERT INTO ${target} (trade_date, ts_code, strategy_id, version, action, score, close, reasons, run_id${inChain})
       SELECT $1::date, t.ts_code, t.strategy_id, t.version, t.action, t.score, t.close, t.reasons::jsonb, $2::uuid${target === 'signals' ? ', true' : ''}
         FROM unnest($3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::float8[], $8::float8[], $9::text[])
           AS t(ts_code, strategy_id, version, action, score, close, reasons)
       ON CONFLICT (trade_date, ts_code, strategy_id, version) DO UPDATE
         SET action = EXCLUDED.action, score = EXCLUDED.score, close = EXCLUDED.close, reasons = EXCLUDED.reasons, run_id = EXCLUDED.run_id`,
      [
        tradeDate,
        runId,
        rows.map((r) => r.tsCode),
        rows.map((r) => r.strategyId),
        rows.map((r) => r.version),
        rows.map((r) => r.action),
        rows.map((r) => r.score),
        rows.map((r) => r.close),
        rows.map((r) => JSON.stringify(r.reasons)),
      ],
    );
  }

  async recordFailures(m: EntityManager, runId: string, failures: ReadonlyArray<{ tsCode: string; message: string }>): Promise<void> {
    if (failures.length === 0) return;
    await m.query(
      `INSERT INTO signal_run_failures (run_id, ts_code, message)
       SELECT $1::uuid, t.code, t.msg FROM unnest($2::varchar[], $3::text[]) AS t(code, msg)
       ON CONFLICT (run_id, ts_code) DO UPDATE SET message = EXCLUDED.message`,
      [runId, failures.map((f) => f.tsCode), failures.map((f) => f.message.slice(0, 1000))],
    );
  }

  async clearFailures(m: EntityManager, runId: string): Promise<void> {
    await m.query('DELETE FROM signal_run_failures WHERE run_id = $1', [runId]);
  }

  async failures(m: EntityManager, runId: string): Promise<Array<{ tsCode: string; message: string }>> {
    const rows: Array<{ ts_code: string; message: string }> = await m.query(
      'SELECT ts_code, message FROM signal_run_failures WHERE run_id = $1 ORDER BY ts_code LIMIT 1000',
      [runId],
    );
    return rows.map((r) => ({ tsCode: r.ts_code, message: r.message }));
  }

  // ---- publication (all inside the publishing transaction) ----

  /** The day's status, its row locked for the publication. */
  async lockDayStatus(m: EntityManager, tradeDate: string): Promise<string | null> {
    const rows: Array<{ status: string }> = await m.query('SELECT status FROM signal_days WHERE trade_date = $1 FOR UPDATE', [tradeDate]);
    return rows[0]?.status ?? null;
  }

  /** Rows of the day in `signals` (any version, in or outside the chain). */
  async countDayRows(m: EntityManager, tradeDate: string): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM signals WHERE trade_date = $1', [tradeDate]);
    return rows[0]?.n ?? 0;
  }

  /** Nothing computed for a staging day: its row goes. */
  async deleteStagingDay(m: EntityManager, tradeDate: string): Promise<void> {
    await m.query(`DELETE FROM signal_days WHERE trade_date = $1 AND status = 'staging'`, [tradeDate]);
  }

  /** A back-filled past date: its rows stay outside the chain. */
  async unchainDayRows(m: EntityManager, tradeDate: string): Promise<void> {
    await m.query('UPDATE signals SET in_chain = false WHERE trade_date = $1', [tradeDate]);
  }

  /** The day becomes published without a chain link (a back-filled past date). */
  async markPublishedUnchained(m: EntityManager, tradeDate: string, p: DayPublication): Promise<void> {
    await m.query(`UPDATE signal_days SET status = 'published', strategies = $2, row_count = $3, run_id = $4, published_at = $5 WHERE trade_date = $1`, [
      tradeDate,
      JSON.stringify(p.strategies),
      p.rowCount,
      p.runId,
      p.at,
    ]);
  }

  /** The day becomes published with its chain link. */
  async markPublishedChained(m: EntityManager, tradeDate: string, p: DayPublication, link: ChainLinkColumns): Promise<void> {
    await m.query(
      `UPDATE signal_days SET status = 'published', strategies = $2, row_count = $3, payload_hash = $4, prev_hash = $5, chain_hash = $6, seq = $7, run_id = $8, published_at = $9
        WHERE trade_date = $1`,
      [tradeDate, JSON.stringify(p.strategies), p.rowCount, link.payloadHash, link.prevHash, link.hash, link.seq, p.runId, p.at],
    );
  }

  /** Published rows of one strategy version on the day. */
  async countVersionRows(m: EntityManager, tradeDate: string, strategyId: string, version: number): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM signals WHERE trade_date = $1 AND strategy_id = $2 AND version = $3', [
      tradeDate,
      strategyId,
      version,
    ]);
    return rows[0]?.n ?? 0;
  }

  /** Staged rows of a strategy version that differ from the published row of the same stock. */
  async countChangedStagedRows(m: EntityManager, tradeDate: string, strategyId: string, version: number): Promise<number> {
    const rows: Array<{ n: number }> = await m.query(
      `SELECT count(*)::int AS n FROM signal_staging st
         JOIN signals s ON s.trade_date = st.trade_date AND s.ts_code = st.ts_code AND s.strategy_id = st.strategy_id AND s.version = st.version
        WHERE st.trade_date = $1 AND st.strategy_id = $2 AND st.version = $3
          AND (s.action, s.score, s.close, s.reasons) IS DISTINCT FROM (st.action, st.score, st.close, st.reasons)`,
      [tradeDate, strategyId, version],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Copies a strategy version's staged rows of the day into `signals` (outside the chain) as
   * `asVersion`; `onlyNew` skips stocks that already have a row. Answers the rows inserted.
   */
  async publishStagedRows(m: EntityManager, tradeDate: string, strategyId: string, version: number, asVersion: number, runId: string | null, onlyNew: boolean): Promise<number> {
    const ins: unknown = await m.query(
      `INSERT INTO signals (trade_date, ts_code, strategy_id, version, action, score, close, reasons, in_chain, run_id)
       SELECT trade_date, ts_code, strategy_id, $4, action, score, close, reasons, false, $5 FROM signal_staging
        WHERE trade_date = $1 AND strategy_id = $2 AND version = $3
       ${onlyNew ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING 1`,
      [tradeDate, strategyId, version, asVersion, runId],
    );
    return Array.isArray(ins) ? ins.length : 0;
  }

  /** The run's staged rows of the day (those of its strategy versions) go. */
  async dropStagedRows(m: EntityManager, tradeDate: string, set: readonly RunSetEntry[]): Promise<void> {
    await m.query(
      `DELETE FROM signal_staging s WHERE s.trade_date = $1
          AND EXISTS (SELECT 1 FROM unnest($2::varchar[], $3::int[]) AS r(sid, v) WHERE r.sid = s.strategy_id AND r.v = s.version)`,
      [tradeDate, set.map((e) => e.strategyId), set.map((e) => e.version)],
    );
  }

  /** The day's universe (stocks with a signal): the pool for the random baseline and forward returns. */
  async addDayUniverse(m: EntityManager, tradeDate: string): Promise<void> {
    await m.query(`INSERT INTO signal_returns (trade_date, ts_code) SELECT DISTINCT trade_date, ts_code FROM signals WHERE trade_date = $1 ON CONFLICT DO NOTHING`, [
      tradeDate,
    ]);
  }

  // ---- strategy versions ----

  /** Inserts version 1 of each strategy that has none (race-safe). */
  async insertDefaultVersions(m: EntityManager, defaults: ReadonlyArray<{ strategyId: string; params: unknown }>): Promise<void> {
    await m.query(
      `INSERT INTO strategy_versions (strategy_id, version, params, note)
       SELECT id, 1, params::jsonb, 'default' FROM unnest($1::varchar[], $2::text[]) AS t(id, params)
       ON CONFLICT DO NOTHING`,
      [defaults.map((d) => d.strategyId), defaults.map((d) => JSON.stringify(d.params))],
    );
  }

  /** The latest version of every strategy that has one. */
  async latestVersions(m: EntityManager): Promise<StrategyVersionHead[]> {
    return m.query(`SELECT DISTINCT ON (strategy_id) strategy_id AS "strategyId", version, params FROM strategy_versions ORDER BY strategy_id, version DESC`);
  }

  /** The latest version of one strategy. */
  async latestVersion(m: EntityManager, strategyId: string): Promise<{ version: number; params: Record<string, unknown> } | null> {
    const rows: Array<{ version: number; params: Record<string, unknown> }> = await m.query(
      `SELECT version, params FROM strategy_versions WHERE strategy_id = $1 ORDER BY version DESC LIMIT 1`,
      [strategyId],
    );
    return rows[0] ?? null;
  }

  async versionParams(m: EntityManager, strategyId: string, version: number): Promise<Record<string, unknown> | null> {
    const rows: Array<{ params: Record<string, unknown> }> = await m.query('SELECT params FROM strategy_versions WHERE strategy_id = $1 AND version = $2', [strategyId, version]);
    return rows[0]?.params ?? null;
  }

  async strategyVersion(m: EntityManager, strategyId: string, version: number): Promise<StrategyVersionRow | null> {
    return m.findOneBy(StrategyVersionRow, { strategyId, version });
  }

  /** Every version of every strategy, newest first per strategy. */
  async allVersions(m: EntityManager): Promise<StrategyVersionRow[]> {
    return m.find(StrategyVersionRow, { order: { strategyId: 'ASC', version: 'DESC' } });
  }

  async insertVersion(m: EntityManager, v: NewStrategyVersion): Promise<void> {
    await m.query(`INSERT INTO strategy_versions (strategy_id, version, params, note, created_by) VALUES ($1, $2, $3::jsonb, $4, $5)`, [
      v.strategyId,
      v.version,
      JSON.stringify(v.params),
      v.note,
      v.createdBy,
    ]);
  }

  // ---- hash chain ----

  /** The newest link (highest seq), null before the first. */
  async chainHead(m: EntityManager): Promise<ChainHeadRow | null> {
    const rows: ChainHeadRow[] = await m.query(
      'SELECT trade_date::text AS "tradeDate", seq, chain_hash AS "chainHash" FROM signal_days WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1',
    );
    return rows[0] ?? null;
  }

  /** Rows of the day inside the chain. */
  async countChainedRows(m: EntityManager, tradeDate: string): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM signals WHERE trade_date = $1 AND in_chain', [tradeDate]);
    return rows[0]?.n ?? 0;
  }

  /** The link of a chained day; null when the day is not in the chain. */
  async chainedDay(m: EntityManager, tradeDate: string): Promise<ChainDayRow | null> {
    const rows: ChainDayRow[] = await m.query(`SELECT ${CHAIN_DAY_COLUMNS} FROM signal_days WHERE trade_date = $1 AND seq IS NOT NULL`, [tradeDate]);
    return rows[0] ?? null;
  }

  /** Every chained day's link in chain order. */
  async chainedDays(m: EntityManager): Promise<ChainDayRow[]> {
    return m.query(`SELECT ${CHAIN_DAY_COLUMNS} FROM signal_days WHERE seq IS NOT NULL ORDER BY seq`);
  }

  /** The rows of a day that its chain link covers, as stored. */
  async chainedRows(m: EntityManager, tradeDate: string): Promise<ChainRow[]> {
    const rows: Array<[string, string, number, ChainRow['action'], number, number, unknown]> = await rawArrayQuery(
      m,
      `SELECT ts_code, strategy_id, version, action, score, close, reasons FROM signals WHERE trade_date = $1 AND in_chain ORDER BY ts_code, strategy_id, version`,
      [tradeDate],
    );
    return rows.map(([tsCode, strategyId, version, action, score, close, reasons]) => ({ tsCode, strategyId, version, action, score, close, reasons }));
  }

  // ---- members ----

  /** A page of issued signals (newest first, then by code) of the filter's stocks. */
  async issuedSignals(m: EntityManager, f: IssuedSignalFilter, page: { page: number; pageSize: number }): Promise<IssuedSignalRow[]> {
    const p = new SqlParams([f.strategyId, [...f.codes], f.from, f.to]);
    return m.query(`SELECT * FROM (${issuedSql(ISSUED_FILTER)}) x ORDER BY "tradeDate" DESC, "tsCode" ${p.page(page)}`, p.values);
  }

  /** The number of issued signals (distinct date and stock) of the filter. */
  async countIssuedSignals(m: EntityManager, f: IssuedSignalFilter): Promise<number> {
    const rows: Array<{ n: number }> = await m.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT s.trade_date, s.ts_code FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published' WHERE ${ISSUED_FILTER}) x`,
      [f.strategyId, [...f.codes], f.from, f.to],
    );
    return rows[0]?.n ?? 0;
  }

  /** A stock's newest issued signal of the strategy. */
  async latestIssuedSignal(m: EntityManager, strategyId: string, tsCode: string): Promise<IssuedSignalRow | null> {
    const rows: IssuedSignalRow[] = await m.query(`SELECT * FROM (${issuedSql('s.strategy_id = $1 AND s.ts_code = $2')}) x ORDER BY "tradeDate" DESC LIMIT 1`, [strategyId, tsCode]);
    return rows[0] ?? null;
  }

  /** Per code (in the given order), its newest stored bar's date and whether it is synthetic (read model of `daily_bars`). */
  async latestBars(m: EntityManager, codes: readonly string[]): Promise<LatestBarRow[]> {
    return m.query(
      `SELECT c.code AS "tsCode", b.trade_date::text AS "latestBarDate", b.source = 'demo' AS synthetic
         FROM unnest($1::varchar[]) AS c(code)
         LEFT JOIN LATERAL (SELECT trade_date, source FROM daily_bars WHERE ts_code = c.code ORDER BY trade_date DESC LIMIT 1) b ON true`,
      [[...codes]],
    );
  }

  // ---- evaluation ----

  /** Stocks with forward returns still missing on days in [from, before), each with those dates in order. */
  async pendingForwardReturns(m: EntityManager, from: string, before: string): Promise<Array<{ tsCode: string; dates: string[] }>> {
    return m.query(
      `SELECT ts_code AS "tsCode", array_agg(trade_date::text ORDER BY trade_date) AS dates FROM signal_returns
        WHERE trade_date >= $1 AND trade_date < $2 AND (fwd_1 IS NULL OR fwd_5 IS NULL OR fwd_10 IS NULL OR fwd_20 IS NULL)
        GROUP BY ts_code`,
      [from, before],
    );
  }

  /** Fills missing forward returns only (a known value never changes); answers the rows updated. */
  async fillForwardReturns(m: EntityManager, b: ForwardReturnBatch): Promise<number> {
    const res: unknown = await m.query(
      `UPDATE signal_returns r
          SET fwd_1 = COALESCE(r.fwd_1, u.f1), fwd_5 = COALESCE(r.fwd_5, u.f5), fwd_10 = COALESCE(r.fwd_10, u.f10), fwd_20 = COALESCE(r.fwd_20, u.f20)
         FROM unnest($1::varchar[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS u(code, d, f1, f5, f10, f20)
        WHERE r.ts_code = u.code AND r.trade_date = u.d`,
      [b.codes, b.dates, ...b.returns],
    );
    return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
  }

  /**
   * The track record at one window per strategy (or one strategy, optionally one stock): issued
   * BUY/SELL signals with a known forward return, hits, direction-adjusted mean and sample sd, and
   * the random-pick baseline from the same days' universe with the same direction.
   */
  async windowStats(m: EntityManager, window: SignalWindow, strategyId: string | null, tsCode: string | null): Promise<WindowStatsRow[]> {
    const f = FWD_COLUMN[window];
    const rows: Array<{ strategyId: string; count: number; hits: number; meanReturn: number | string | null; sdReturn: number | string | null; baseCount: number; baseHit: number | string | null; baseMean: number | string | null }> =
      await m.query(
        `WITH issued AS (
           SELECT DISTINCT ON (s.trade_date, s.ts_code, s.strategy_id) s.trade_date, s.ts_code, s.strategy_id, s.action
             FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            WHERE ($1::varchar IS NULL OR s.strategy_id = $1) AND ($2::varchar IS NULL OR s.ts_code = $2)
            ORDER BY s.trade_date, s.ts_code, s.strategy_id, s.version
         ), pool AS (
           SELECT trade_date, count(*)::float8 AS n,
                  count(*) FILTER (WHERE ${f} > 0)::float8 AS up,
                  count(*) FILTER (WHERE ${f} < 0)::float8 AS down,
                  avg(${f}) AS mean
             FROM signal_returns WHERE ${f} IS NOT NULL GROUP BY trade_date
         )
         SELECT i.strategy_id AS "strategyId",
                count(*)::int AS count,
                count(*) FILTER (WHERE (i.action = 'BUY' AND r.${f} > 0) OR (i.action = 'SELL' AND r.${f} < 0))::int AS hits,
                avg(CASE WHEN i.action = 'BUY' THEN r.${f} ELSE -r.${f} END) AS "meanReturn",
                stddev_samp(CASE WHEN i.action = 'BUY' THEN r.${f} ELSE -r.${f} END) AS "sdReturn",
                count(p.trade_date)::int AS "baseCount",
                avg(CASE WHEN i.action = 'BUY' THEN p.up / p.n ELSE p.down / p.n END) AS "baseHit",
                avg(CASE WHEN i.action = 'BUY' THEN p.mean ELSE -p.mean END) AS "baseMean"
           FROM issued i
           JOIN signal_returns r ON r.trade_date = i.trade_date AND r.ts_code = i.ts_code AND r.${f} IS NOT NULL
           LEFT JOIN pool p ON p.trade_date = i.trade_date
          WHERE i.action <> 'HOLD'
          GROUP BY i.strategy_id`,
        [strategyId, tsCode],
      );
    const num = (v: number | string | null): number | null => (v === null ? null : Number(v));
    return rows.map((r) => ({ ...r, meanReturn: num(r.meanReturn), sdReturn: num(r.sdReturn), baseHit: num(r.baseHit), baseMean: num(r.baseMean) }));
  }
}

/** The member filter of issued signals: $1 strategy, $2 codes, $3..$4 the date range. */
const ISSUED_FILTER = `s.strategy_id = $1 AND s.ts_code = ANY($2::varchar[]) AND s.trade_date BETWEEN $3::date AND $4::date`;

/** A query in pg's array row mode (no per-row objects) on the manager's connection. */
export async function rawArrayQuery<T extends unknown[]>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  const own = !m.queryRunner;
  try {
    const client = (await runner.connect()) as { query: (q: { text: string; values: unknown[]; rowMode: 'array' }) => Promise<{ rows: T[] }> };
    return (await client.query({ text, values, rowMode: 'array' })).rows;
  } finally {
    if (own) await runner.release();
  }
}
