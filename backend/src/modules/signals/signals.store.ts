import { Injectable } from '@nestjs/common';
import type { SignalDayDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy, type SortSpec } from '../../common/list-query.js';
import type { ChainRow } from './domain/hash-chain.js';
import type { StoredSignal } from './runs/signal-rows.js';

export type SignalTarget = 'signals' | 'signal_staging';

export interface RunSetEntry {
  strategyId: string;
  version: number;
}

/** The signals module's narrow SQL for runs (writes, resume state, publication reads). */
export interface SignalDayRow {
  tradeDate: string;
  status: SignalDayDto['status'];
  rowCount: number;
  strategies: Record<string, number>;
  seq: number | null;
  chainHash: string | null;
  publishedAt: Date | null;
}

/** The admin signal-day list's sortable columns. */
export const SIGNAL_DAY_SORT: SortSpec<'tradeDate' | 'status' | 'rowCount' | 'seq' | 'publishedAt'> = {
  columns: { tradeDate: 'trade_date', status: 'status', rowCount: 'row_count', seq: 'seq', publishedAt: 'published_at' },
  default: { field: 'tradeDate', dir: 'desc' },
  tieBreaker: 'trade_date',
};

@Injectable()
export class SignalsStore {
  constructor(private readonly dataSource: DataSource) {}

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
  async latestPublishedDays(limit: number): Promise<string[]> {
    const rows: Array<{ d: string }> = await this.dataSource.query(
      `SELECT d FROM (SELECT trade_date::text AS d FROM signal_days WHERE status = 'published' ORDER BY trade_date DESC LIMIT $1) x ORDER BY d`,
      [limit],
    );
    return rows.map((r) => r.d);
  }

  /** Published days and their rows (the demo-data summary). */
  async publishedSummary(): Promise<{ days: number; firstDate: string | null }> {
    const rows: Array<{ n: number; f: string | null }> = await this.dataSource.query(
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
    const signals = returnedRowCount(await m.query(`DELETE FROM signals WHERE trade_date = ANY($1::date[]) RETURNING 1`, [dates]));
    await m.query(`DELETE FROM signal_staging WHERE trade_date = ANY($1::date[])`, [dates]);
    await m.query(`DELETE FROM signal_returns WHERE trade_date = ANY($1::date[])`, [dates]);
    await m.query(`DELETE FROM signal_days WHERE trade_date = ANY($1::date[])`, [dates]);
    return { days: days.length, signals, chainLinks: days.filter((x) => x.seq !== null).length };
  }

  /** A stored trading day = a date with stored bars. */
  async hasBarsOn(tradeDate: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM daily_bars WHERE trade_date = $1::date LIMIT 1', [tradeDate]);
    return rows.length > 0;
  }

  async dayStatus(tradeDate: string): Promise<'staging' | 'published' | null> {
    const rows: Array<{ status: 'staging' | 'published' }> = await this.dataSource.query('SELECT status FROM signal_days WHERE trade_date = $1', [tradeDate]);
    return rows[0]?.status ?? null;
  }

  async ensureDay(tradeDate: string, runId: string | null): Promise<void> {
    await this.dataSource.query(`INSERT INTO signal_days (trade_date, status, strategies, run_id) VALUES ($1, 'staging', '{}'::jsonb, $2) ON CONFLICT (trade_date) DO NOTHING`, [tradeDate, runId]);
  }

  /** An unpublished day: drop rows a crashed earlier run left for strategy versions not in this run. */
  async dropForeignStagedRows(tradeDate: string, set: readonly RunSetEntry[]): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM signals s WHERE s.trade_date = $1
          AND NOT EXISTS (SELECT 1 FROM unnest($2::varchar[], $3::int[]) AS r(sid, v) WHERE r.sid = s.strategy_id AND r.v = s.version)
          AND EXISTS (SELECT 1 FROM signal_days d WHERE d.trade_date = $1 AND d.status = 'staging')`,
      [tradeDate, set.map((s) => s.strategyId), set.map((s) => s.version)],
    );
  }

  /** Stocks that already have a row for every strategy version of the run (done before a restart). */
  async completedStocks(target: SignalTarget, tradeDate: string, set: readonly RunSetEntry[]): Promise<Set<string>> {
    const rows: Array<{ ts_code: string }> = await this.dataSource.query(
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
  async write(target: SignalTarget, tradeDate: string, runId: string | null, rows: readonly StoredSignal[]): Promise<void> {
    if (rows.length === 0) return;
    const inChain = target === 'signals' ? ', in_chain' : '';
    await this.dataSource.query(
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

  async recordFailures(runId: string, failures: ReadonlyArray<{ tsCode: string; message: string }>): Promise<void> {
    if (failures.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO signal_run_failures (run_id, ts_code, message)
       SELECT $1::uuid, t.code, t.msg FROM unnest($2::varchar[], $3::text[]) AS t(code, msg)
       ON CONFLICT (run_id, ts_code) DO UPDATE SET message = EXCLUDED.message`,
      [runId, failures.map((f) => f.tsCode), failures.map((f) => f.message.slice(0, 1000))],
    );
  }

  async clearFailures(runId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM signal_run_failures WHERE run_id = $1', [runId]);
  }

  async failures(runId: string): Promise<Array<{ tsCode: string; message: string }>> {
    const rows: Array<{ ts_code: string; message: string }> = await this.dataSource.query(
      'SELECT ts_code, message FROM signal_run_failures WHERE run_id = $1 ORDER BY ts_code LIMIT 1000',
      [runId],
    );
    return rows.map((r) => ({ tsCode: r.ts_code, message: r.message }));
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
}

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

function returnedRowCount(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0].length;
  return Array.isArray(result) ? result.length : 0;
}
