import { Injectable } from '@nestjs/common';
import type { StockPoolStatus } from '@zhice/shared';
import type { EntityManager } from 'typeorm';
import { likeContains, SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import { POOL_SORT } from './domain/list-sorts.js';
import { StockPool } from './entities/stock-pool.entity.js';

/** One stock of a pool as stored (names and listing status come from market-data). */
export interface PoolItemRow {
  position: number;
  tsCode: string;
  holders: number;
}

/** The fields of a new pool row (the rest default). */
export interface NewPool {
  name: string;
  status: StockPoolStatus;
  startsOn: string;
  endsOn: string;
  createdBy: string | null;
}

export interface PoolListFilter {
  status?: StockPoolStatus;
  /** Name contains (case-insensitive). */
  q?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

/** A `stock_pools` row as the `StockPool` entity has it (dates as `YYYY-MM-DD`). */
const POOL_COLUMNS = `p.id, p.name, p.status, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn",
  p.created_by AS "createdBy", p.activation_job_id AS "activationJobId", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  p.activated_at AS "activatedAt", p.archived_at AS "archivedAt"`;

/** The list's order without `sort`: active, then drafts, then archived; newest first within each. */
const POOL_DEFAULT_ORDER = `ORDER BY CASE p.status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END ASC, p.created_at DESC, p.id ASC`;

/** Every SQL statement of the stock-pool module (`stock_pools`, `stock_pool_items`); the caller's manager first. */
@Injectable()
export class StockPoolStore {
  // ---- stock_pools -----------------------------------------------------------------------------

  async countPools(m: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM stock_pools');
    return rows[0]?.n ?? 0;
  }

  /** Inserts a pool (TypeORM fills id, timestamps) and answers the saved row. */
  insertPool(m: EntityManager, p: NewPool): Promise<StockPool> {
    return m.save(m.create(StockPool, { ...p, activationJobId: null, activatedAt: null, archivedAt: null }));
  }

  /** A seeded draft (no operator): its id. */
  async insertSeedDraft(m: EntityManager, p: { name: string; startsOn: string; endsOn: string }): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(`INSERT INTO stock_pools (name, status, starts_on, ends_on) VALUES ($1, 'draft', $2, $3) RETURNING id`, [
      p.name,
      p.startsOn,
      p.endsOn,
    ]);
    return rows[0]!.id;
  }

  /**
   * A page of pools and the total: filtered by status and name, sorted by `sort` (POOL_SORT) or by
   * default active first, then drafts, then archived, newest first within each.
   */
  async listPools(m: EntityManager, q: PoolListFilter): Promise<[StockPool[], number]> {
    const p = new SqlParams();
    const where = sqlWhere([
      q.status && `p.status = ${p.add(q.status)}`,
      q.q && `p.name ILIKE ${p.add(likeContains(q.q))}`,
    ]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM stock_pools p ${where}`, p.values);
    const order = q.sort ? sqlOrderBy(q.sort, POOL_SORT) : POOL_DEFAULT_ORDER;
    const rows: StockPool[] = await m.query(`SELECT ${POOL_COLUMNS} FROM stock_pools p ${where} ${order} ${p.page(q)}`, p.values);
    return [rows, counted[0]?.n ?? 0];
  }

  pool(m: EntityManager, id: string): Promise<StockPool | null> {
    return m.findOneBy(StockPool, { id });
  }

  /** The pool row locked FOR UPDATE. */
  lockPool(m: EntityManager, id: string): Promise<StockPool | null> {
    return m.findOne(StockPool, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  activePool(m: EntityManager): Promise<StockPool | null> {
    return m.findOneBy(StockPool, { status: 'active' });
  }

  /** The active pool locked FOR UPDATE. */
  lockActivePool(m: EntityManager): Promise<StockPool | null> {
    return m.findOne(StockPool, { where: { status: 'active' }, lock: { mode: 'pessimistic_write' } });
  }

  async updateDraft(m: EntityManager, id: string, p: { name: string; startsOn: string; endsOn: string }): Promise<void> {
    await m.update(StockPool, { id }, p);
  }

  async archive(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(StockPool, { id }, { status: 'archived', archivedAt: at });
  }

  async markActive(m: EntityManager, id: string, at: Date, jobId: string): Promise<void> {
    await m.update(StockPool, { id }, { status: 'active', activatedAt: at, activationJobId: jobId });
  }

  async setActivationJob(m: EntityManager, id: string, jobId: string): Promise<void> {
    await m.update(StockPool, { id }, { activationJobId: jobId });
  }

  /** Deletes the pool; its items go with it (ON DELETE CASCADE). */
  async deletePool(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM stock_pools WHERE id = $1', [id]);
  }

  /** Ids of the pools with exactly this name, locked FOR UPDATE. */
  async lockPoolIdsNamed(m: EntityManager, name: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query('SELECT id FROM stock_pools WHERE name = $1 FOR UPDATE', [name]);
    return rows.map((r) => r.id);
  }

  // ---- stock_pool_items ------------------------------------------------------------------------

  /** Inserts `codes` as the pool's items in this order (position 1…n, holders 0). */
  async insertItems(m: EntityManager, poolId: string, codes: readonly string[]): Promise<void> {
    await m.query(
      `INSERT INTO stock_pool_items (pool_id, ts_code, position, holders)
       SELECT $1, code, pos, 0 FROM unnest($2::varchar[]) WITH ORDINALITY AS t(code, pos)`,
      [poolId, [...codes]],
    );
  }

  async deleteItems(m: EntityManager, poolId: string): Promise<void> {
    await m.query(`DELETE FROM stock_pool_items WHERE pool_id = $1`, [poolId]);
  }

  /** The pool's items in position order. */
  async items(m: EntityManager, poolId: string): Promise<PoolItemRow[]> {
    const rows: Array<{ position: number; ts_code: string; holders: number }> = await m.query(
      `SELECT position, ts_code, holders FROM stock_pool_items WHERE pool_id = $1 ORDER BY position`,
      [poolId],
    );
    return rows.map((r) => ({ position: r.position, tsCode: r.ts_code, holders: r.holders }));
  }

  /** Each stock of the pool with its holder count (no order). */
  async holderCounts(m: EntityManager, poolId: string): Promise<Array<{ tsCode: string; holders: number }>> {
    const rows: Array<{ ts_code: string; holders: number }> = await m.query(`SELECT ts_code, holders FROM stock_pool_items WHERE pool_id = $1`, [poolId]);
    return rows.map((r) => ({ tsCode: r.ts_code, holders: r.holders }));
  }

  /** Number of items per pool (pools without items are absent). */
  async stockCounts(m: EntityManager, poolIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ pool_id: string; n: number }> = await m.query(
      `SELECT pool_id, count(*)::int AS n FROM stock_pool_items WHERE pool_id = ANY($1::uuid[]) GROUP BY pool_id`,
      [[...poolIds]],
    );
    return new Map(rows.map((r) => [r.pool_id, r.n]));
  }

  /**
   * Adds each delta to its stock's holder counter; the rows are locked in ts_code order first (so
   * concurrent adjustments of overlapping stocks cannot deadlock). `codes` sorted, aligned with `deltas`.
   */
  async addHolders(m: EntityManager, poolId: string, codes: readonly string[], deltas: readonly number[]): Promise<void> {
    await m.query(`SELECT 1 FROM stock_pool_items WHERE pool_id = $1 AND ts_code = ANY($2::varchar[]) ORDER BY ts_code FOR UPDATE`, [poolId, [...codes]]);
    await m.query(
      `UPDATE stock_pool_items i SET holders = i.holders + d.delta
         FROM unnest($2::varchar[], $3::int[]) AS d(ts_code, delta)
        WHERE i.pool_id = $1 AND i.ts_code = d.ts_code`,
      [poolId, [...codes], [...deltas]],
    );
  }

  /** Sets every counter of the pool from `counts` (missing stocks → 0), rows locked in ts_code order first. */
  async setHolders(m: EntityManager, poolId: string, counts: ReadonlyMap<string, number>): Promise<void> {
    await m.query(`SELECT 1 FROM stock_pool_items WHERE pool_id = $1 ORDER BY ts_code FOR UPDATE`, [poolId]);
    await m.query(
      `UPDATE stock_pool_items i SET holders = d.n
         FROM (SELECT j.ts_code, COALESCE(c.n, 0) AS n
                 FROM stock_pool_items j LEFT JOIN unnest($2::varchar[], $3::int[]) AS c(ts_code, n) ON c.ts_code = j.ts_code
                WHERE j.pool_id = $1) d
        WHERE i.pool_id = $1 AND i.ts_code = d.ts_code AND i.holders <> d.n`,
      [poolId, [...counts.keys()], [...counts.values()]],
    );
  }

  /** Those of `codes` that no pool lists. */
  async codesOutsidePools(m: EntityManager, codes: readonly string[]): Promise<string[]> {
    const rows: Array<{ code: string }> = await m.query(
      `SELECT c.code FROM unnest($1::varchar[]) AS c(code) WHERE NOT EXISTS (SELECT 1 FROM stock_pool_items i WHERE i.ts_code = c.code)`,
      [[...codes]],
    );
    return rows.map((r) => r.code);
  }

  /** Distinct codes of the active and draft pools, sorted (this module's tracked set in market data). */
  async activeAndDraftCodes(m: EntityManager): Promise<string[]> {
    const rows: Array<{ c: string }> = await m.query(
      `SELECT DISTINCT i.ts_code AS c FROM stock_pool_items i JOIN stock_pools p ON p.id = i.pool_id WHERE p.status IN ('active', 'draft') ORDER BY 1`,
    );
    return rows.map((r) => r.c);
  }
}
