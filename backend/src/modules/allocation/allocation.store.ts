import { Injectable } from '@nestjs/common';
import type { DrawReason, LatestSignalDto, ReleaseReason, RerollResultDto } from '@zhice/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import { lockKey, returnedRows, selectRows } from '../../common/sql.js';
import { effectiveLevelOfUserSql } from '../vip/vip-entitlements.service.js';
import { ALLOCATOR_VERSION, type Holding } from './domain/balanced-allocator.js';
import type { StoredSnapshot } from './domain/snapshot.js';
import { ALLOCATION_SORT, DRAW_SORT } from './domain/list-sorts.js';
import { DrawBatch } from './entities/draw-batch.entity.js';
import { Draw } from './entities/draw.entity.js';

/** Taken shared by every single-member operation and exclusively by an activation chunk or switch. */
export const BULK_LOCK = 'allocation:bulk';
export const memberLockName = (userId: string) => `allocation:user:${userId}`;

export async function sharedBulkLock(m: EntityManager): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock_shared($1::bigint)', [lockKey(BULK_LOCK)]);
}

export interface ActiveHolding extends Holding {
  id: string;
  drawId: string;
}

/** A holding in the active pool with its stock's name (order = the allocation id: ties on allocatedAt). */
export interface NamedHolding extends Holding {
  name: string;
}

/** One row of GET /me/stocks before the read-time quota rule. */
export interface MyStockRow extends NamedHolding {
  latestSignal: LatestSignalDto | null;
  changePct: number | null;
}

const toNamedHolding = (r: { id: string; ts_code: string; name: string; allocated_at: Date }): NamedHolding => ({
  tsCode: r.ts_code,
  name: r.name,
  allocatedAt: r.allocated_at,
  order: Number(r.id),
});

/**
 * A member's unreleased holdings of any pool: outside an activation they are all in the active pool;
 * while one runs (or after it was interrupted) a member its chunks have not reached yet keeps the old
 * pool's stocks until their chunk swaps them (hardening-activation.int-spec).
 */
const ACTIVE_HOLDINGS = `FROM allocations a
        WHERE a.user_id = $1 AND a.released_at IS NULL
        ORDER BY a.allocated_at, a.id`;

export interface NewDraw {
  userId: string;
  poolId: string;
  reason: DrawReason;
  seed: number;
  snapshotHash: string;
  quota: number | null;
  held: readonly string[];
  picks: readonly string[];
  snapshot: StoredSnapshot;
  createdAt: Date;
}

export interface BatchDraw {
  userId: string;
  seed: number;
  snapshotHash: string;
  quota: number | null;
  /** The member's holdings in the pool before the draw (a top-up); none for an activation. */
  held?: readonly string[];
  picks: readonly string[];
}

/** One allocation as the admin lists and the export show it (a read model: see README "Table ownership"). */
export interface AllocationRow {
  id: string;
  userId: string;
  username: string;
  vipLevel: number;
  poolId: string;
  poolName: string;
  tsCode: string;
  stockName: string;
  drawId: string;
  allocatedAt: Date;
  releasedAt: Date | null;
  releaseReason: ReleaseReason | null;
}

export interface AllocationFilter {
  poolId?: string;
  userId?: string;
  vipLevel?: number;
  active?: boolean;
  tsCode?: string;
}


const ALLOCATION_FROM = 'FROM allocations a JOIN users u ON u.id = a.user_id JOIN stock_pools p ON p.id = a.pool_id JOIN stocks s ON s.ts_code = a.ts_code';

/** The allocation module's SQL, each statement a narrow named method (all take the caller's transaction). */
@Injectable()
export class AllocationStore {
  /** A page of allocations, filtered and sorted; the level is the effective one at `now`. */
  async listAllocations(m: EntityManager, f: AllocationFilter, sort: string | undefined, page: { page: number; pageSize: number }, now: Date): Promise<AllocationRow[]> {
    const p = new SqlParams();
    const where = this.allocationWhere(f, p, now);
    return m.query(`${this.allocationSelect(p, now)} ${ALLOCATION_FROM} ${where} ${sqlOrderBy(sort, ALLOCATION_SORT)} ${p.page(page)}`, p.values);
  }

  async countAllocations(m: EntityManager, f: AllocationFilter, now: Date): Promise<number> {
    const p = new SqlParams();
    const rows: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n ${ALLOCATION_FROM} ${this.allocationWhere(f, p, now)}`, p.values);
    return rows[0]?.n ?? 0;
  }

  /** Allocations after `afterId` in id order, at most `limit` (the export's keyset reads). */
  async allocationsAfter(m: EntityManager, f: AllocationFilter, afterId: string, limit: number, now: Date): Promise<AllocationRow[]> {
    const p = new SqlParams();
    const where = this.allocationWhere(f, p, now, [`a.id > ${p.add(afterId, 'bigint')}`]);
    return m.query(`${this.allocationSelect(p, now)} ${ALLOCATION_FROM} ${where} ORDER BY a.id LIMIT ${p.add(limit, 'int')}`, p.values);
  }

  private allocationSelect(p: SqlParams, now: Date): string {
    return `SELECT a.id, a.user_id AS "userId", u.username, ${effectiveLevelOfUserSql('u', p.add(now, 'timestamptz'))} AS "vipLevel",
                   a.pool_id AS "poolId", p.name AS "poolName", a.ts_code AS "tsCode", s.name AS "stockName", a.draw_id AS "drawId",
                   a.allocated_at AS "allocatedAt", a.released_at AS "releasedAt", a.release_reason AS "releaseReason"`;
  }

  private allocationWhere(f: AllocationFilter, p: SqlParams, now: Date, extra: string[] = []): string {
    return sqlWhere([
      ...extra,
      f.poolId && `a.pool_id = ${p.add(f.poolId, 'uuid')}`,
      f.userId && `a.user_id = ${p.add(f.userId, 'uuid')}`,
      f.tsCode && `a.ts_code = ${p.add(f.tsCode)}`,
      f.active === true && 'a.released_at IS NULL',
      f.active === false && 'a.released_at IS NOT NULL',
      f.vipLevel !== undefined && `${effectiveLevelOfUserSql('u', p.add(now, 'timestamptz'))} = ${p.add(f.vipLevel, 'int')}`,
    ]);
  }

  /** Every allocation, draw and draw batch of a pool (leaving demo mode removes the demo pool). */
  async deletePoolHistory(m: EntityManager, poolId: string): Promise<{ allocations: number; draws: number }> {
    const allocations = returnedRows(await m.query('DELETE FROM allocations WHERE pool_id = $1 RETURNING 1', [poolId])).length;
    const draws = returnedRows(await m.query('DELETE FROM draws WHERE pool_id = $1 RETURNING 1', [poolId])).length;
    await m.query('DELETE FROM draw_batches WHERE pool_id = $1', [poolId]);
    return { allocations, draws };
  }

  /**
   * The member's current (unreleased) holdings with the stock names, oldest first (before the
   * read-time quota rule). The name by primary-key lookup per holding: a join let the planner hash
   * all 5,000 stocks on every request for a member's ~20 rows.
   */
  async activeHoldingsWithNames(m: EntityManager, userId: string): Promise<NamedHolding[]> {
    const rows: Array<{ id: string; ts_code: string; name: string; allocated_at: Date }> = await m.query(
      `SELECT a.id, a.ts_code, (SELECT s.name FROM stocks s WHERE s.ts_code = a.ts_code) AS name, a.allocated_at
         ${ACTIVE_HOLDINGS}`,
      [userId],
    );
    return rows.map(toNamedHolding);
  }

  /**
   * GET /me/stocks in one statement (a read model: README "Table ownership"): the holdings as
   * `activeHoldingsWithNames`, each with the latest published signal of `strategyId` (as issued:
   * lowest version of the newest published day) and the latest day's change in percent — the newest
   * bar's close against its ex-rights `pre_close`, else the previous bar's close. Index lookups per
   * holding only (signals by (strategy, stock, date), bars by their primary key).
   */
  async myStocks(m: EntityManager, userId: string, strategyId: string): Promise<MyStockRow[]> {
    // Straight on the pool outside a transaction (common/sql.ts selectRows): the hot read of the API.
    const rows = await selectRows<{
      id: string;
      ts_code: string;
      name: string;
      allocated_at: Date;
      trade_date: string | null;
      action: LatestSignalDto['action'] | null;
      score: number | null;
      change_pct: number | null;
    }>(
      m,
      `SELECT a.id, a.ts_code, (SELECT s.name FROM stocks s WHERE s.ts_code = a.ts_code) AS name, a.allocated_at,
              sig.trade_date, sig.action, sig.score,
              round(((bar.close / NULLIF(bar.prev, 0) - 1) * 100)::numeric, 4)::float8 AS change_pct
         FROM allocations a
         LEFT JOIN LATERAL (
           SELECT s.trade_date::text AS trade_date, s.action, s.score
             FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            WHERE s.strategy_id = $2 AND s.ts_code = a.ts_code
            ORDER BY s.trade_date DESC, s.version ASC LIMIT 1) sig ON true
         LEFT JOIN LATERAL (
           SELECT b.close, COALESCE(b.pre_close,
                    (SELECT p.close FROM daily_bars p WHERE p.ts_code = b.ts_code AND p.trade_date < b.trade_date ORDER BY p.trade_date DESC LIMIT 1)) AS prev
             FROM daily_bars b WHERE b.ts_code = a.ts_code ORDER BY b.trade_date DESC LIMIT 1) bar ON true
        WHERE a.user_id = $1 AND a.released_at IS NULL
        ORDER BY a.allocated_at, a.id`,
      [userId, strategyId],
    );
    return rows.map((r) => ({
      ...toNamedHolding(r),
      latestSignal: r.trade_date !== null && r.action !== null && r.score !== null ? { tradeDate: r.trade_date, action: r.action, score: r.score } : null,
      changePct: r.change_pct === null || !Number.isFinite(r.change_pct) ? null : r.change_pct,
    }));
  }

  /** The member's current holdings in the pool, oldest first. */
  async holdings(m: EntityManager, userId: string, poolId: string): Promise<ActiveHolding[]> {
    const rows: Array<{ id: string; ts_code: string; allocated_at: Date; draw_id: string }> = await m.query(
      `SELECT id, ts_code, allocated_at, draw_id FROM allocations
        WHERE user_id = $1 AND pool_id = $2 AND released_at IS NULL ORDER BY allocated_at, id`,
      [userId, poolId],
    );
    return rows.map((r) => ({ id: r.id, tsCode: r.ts_code, allocatedAt: r.allocated_at, order: Number(r.id), drawId: r.draw_id }));
  }

  /** A page of the draw log (the admin list: filters by member, pool and reason; sort from DRAW_SORT). */
  async listDraws(m: EntityManager, f: { userId?: string; poolId?: string; reason?: DrawReason }, sort: string | undefined, page: { page: number; pageSize: number }): Promise<[Draw[], number]> {
    const p = new SqlParams();
    const where = sqlWhere([
      f.userId && `d.user_id = ${p.add(f.userId, 'uuid')}`,
      f.poolId && `d.pool_id = ${p.add(f.poolId, 'uuid')}`,
      f.reason && `d.reason = ${p.add(f.reason)}`,
    ]);
    const counted: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM draws d ${where}`, p.values);
    const rows: Array<Omit<Draw, 'seed'> & { seed: string }> = await m.query(
      `SELECT d.id, d.user_id AS "userId", d.pool_id AS "poolId", d.reason, d.seed, d.snapshot_hash AS "snapshotHash",
              d.allocator_version AS "allocatorVersion", d.quota, d.held, d.picks, d.batch_id AS "batchId", d.created_at AS "createdAt"
         FROM draws d ${where} ${sqlOrderBy(sort, DRAW_SORT)} ${p.page(page)}`,
      p.values,
    );
    // The seed is a uint32 in a bigint column (pg answers text), as the entity's column reads it.
    return [rows.map((r) => ({ ...r, seed: Number(r.seed) })), counted[0]?.n ?? 0];
  }

  /** One stored draw, whole (snapshot included), for a replay. */
  draw(m: EntityManager, id: string): Promise<Draw | null> {
    return m.findOneBy(Draw, { id });
  }

  /** The batch a batched draw belongs to (its shared snapshot). */
  drawBatch(m: EntityManager, id: string): Promise<DrawBatch> {
    return m.findOneByOrFail(DrawBatch, { id });
  }

  /** A re-roll answered before under this idempotency key. */
  async rerollByKey(m: EntityManager, key: string): Promise<{ userId: string; result: RerollResultDto } | null> {
    const rows: Array<{ user_id: string; result: RerollResultDto }> = await m.query(`SELECT user_id, result FROM reroll_requests WHERE idempotency_key = $1`, [key]);
    return rows[0] ? { userId: rows[0].user_id, result: rows[0].result } : null;
  }

  /** False when the key was taken meanwhile (by another member's re-roll: the member lock serialises one member's). */
  async insertReroll(m: EntityManager, key: string, userId: string, result: RerollResultDto, at: Date): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        `INSERT INTO reroll_requests (idempotency_key, user_id, result, created_at) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
        [key, userId, JSON.stringify(result), at],
      ),
    );
    return rows.length === 1;
  }

  async insertDraw(m: EntityManager, d: NewDraw): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO draws (user_id, pool_id, reason, seed, snapshot_hash, allocator_version, quota, held, picks, snapshot, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11) RETURNING id`,
      [d.userId, d.poolId, d.reason, d.seed, d.snapshotHash, ALLOCATOR_VERSION, d.quota, JSON.stringify(d.held), JSON.stringify(d.picks), JSON.stringify(d.snapshot), d.createdAt],
    );
    return rows[0]!.id;
  }

  /** One row per pick, in pick order (ids increase with it: the release order's tie-break). */
  async insertAllocations(m: EntityManager, a: { userId: string; poolId: string; drawId: string; picks: readonly string[]; allocatedAt: Date }): Promise<void> {
    await m.query(
      `INSERT INTO allocations (user_id, pool_id, ts_code, draw_id, allocated_at)
       SELECT $1, $2, p.code, $3, $4 FROM unnest($5::varchar[]) WITH ORDINALITY AS p(code, n) ORDER BY p.n`,
      [a.userId, a.poolId, a.drawId, a.allocatedAt, a.picks],
    );
  }

  /** Marks holdings released; returns the codes actually released (already released ones are skipped). */
  async release(m: EntityManager, ids: readonly string[], reason: ReleaseReason, at: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = returnedRows<{ ts_code: string }>(
      await m.query(
        `UPDATE allocations SET released_at = $2, release_reason = $3 WHERE id = ANY($1::bigint[]) AND released_at IS NULL RETURNING ts_code`,
        [ids, at, reason],
      ),
    );
    return rows.map((r) => r.ts_code);
  }

  /**
   * Rotation, one activation chunk: releases these members' active holdings outside `poolId` (the
   * pools that are no longer active), in the chunk's transaction with their new draws.
   */
  async releaseOutsidePoolFor(m: EntityManager, poolId: string, userIds: readonly string[], at: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = returnedRows<{ ts_code: string }>(
      await m.query(
        `UPDATE allocations SET released_at = $3, release_reason = 'rotation' WHERE user_id = ANY($2::uuid[]) AND released_at IS NULL AND pool_id <> $1 RETURNING ts_code`,
        [poolId, userIds, at],
      ),
    );
    return rows.map((r) => r.ts_code);
  }

  /** Rotation: releases every active holding outside `poolId` (the pools that are no longer active). */
  async releaseOutsidePool(m: EntityManager, poolId: string, at: Date): Promise<number> {
    const result = await m.query(`UPDATE allocations SET released_at = $2, release_reason = 'rotation' WHERE released_at IS NULL AND pool_id <> $1`, [poolId, at]);
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  /** Active holders per stock of a pool, counted from the allocations themselves. */
  async countActiveByStock(m: EntityManager, poolId: string): Promise<Map<string, number>> {
    const rows: Array<{ ts_code: string; n: number }> = await m.query(
      `SELECT ts_code, count(*)::int AS n FROM allocations WHERE pool_id = $1 AND released_at IS NULL GROUP BY ts_code`,
      [poolId],
    );
    return new Map(rows.map((r) => [r.ts_code, r.n]));
  }

  async countMembers(m: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM users WHERE role = 'user'`);
    return rows[0]?.n ?? 0;
  }

  /** Next member ids (role user) after `after`, in id order. */
  async memberIds(m: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM users WHERE role = 'user' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Members (role user) whose effective level at `now` is `level`. */
  async countMembersAtLevel(m: EntityManager, level: number, now: Date): Promise<number> {
    const rows: Array<{ n: number }> = await m.query(
      `SELECT count(*)::int AS n FROM users u WHERE u.role = 'user' AND ${effectiveLevelOfUserSql('u', '$1::timestamptz')} = $2`,
      [now, level],
    );
    return rows[0]?.n ?? 0;
  }

  /** Next ids of members whose effective level at `now` is `level`, after `after`, in id order. */
  async memberIdsAtLevel(m: EntityManager, level: number, now: Date, after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT u.id FROM users u
        WHERE u.role = 'user' AND ($3::uuid IS NULL OR u.id > $3::uuid) AND ${effectiveLevelOfUserSql('u', '$1::timestamptz')} = $2
        ORDER BY u.id LIMIT $4`,
      [now, level, after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Current holdings in the pool of each of these members, oldest first (members holding nothing are absent). */
  async holdingsOf(m: EntityManager, poolId: string, userIds: readonly string[]): Promise<Map<string, ActiveHolding[]>> {
    const rows: Array<{ id: string; user_id: string; ts_code: string; allocated_at: Date; draw_id: string }> = await m.query(
      `SELECT id, user_id, ts_code, allocated_at, draw_id FROM allocations
        WHERE pool_id = $1 AND user_id = ANY($2::uuid[]) AND released_at IS NULL ORDER BY user_id, allocated_at, id`,
      [poolId, userIds],
    );
    const out = new Map<string, ActiveHolding[]>();
    for (const r of rows) {
      const h: ActiveHolding = { id: r.id, tsCode: r.ts_code, allocatedAt: r.allocated_at, order: Number(r.id), drawId: r.draw_id };
      const list = out.get(r.user_id);
      if (list) list.push(h);
      else out.set(r.user_id, [h]);
    }
    return out;
  }

  /**
   * The stocks in use: every stock of the active pool (and of draft pools, being prepared, with
   * `draftPools`) and every stock a member holds now. Sorted, distinct. For the signal run's
   * universe (through StocksInUseReader); market data's per-stock sync has its own tracked set,
   * which stock-pool and HeldStocksTracker keep equal to this with `draftPools`.
   */
  async stocksInUse(m: EntityManager, opts: { draftPools?: boolean } = {}): Promise<string[]> {
    const rows: Array<{ ts_code: string }> = await m.query(
      `SELECT i.ts_code FROM stock_pool_items i JOIN stock_pools p ON p.id = i.pool_id WHERE p.status = ANY($1::varchar[])
       UNION
       SELECT a.ts_code FROM allocations a WHERE a.released_at IS NULL
       ORDER BY 1`,
      [opts.draftPools ? ['active', 'draft'] : ['active']],
    );
    return rows.map((r) => r.ts_code);
  }

  /** The stocks members hold now (unreleased allocations), sorted: market data's tracked set. */
  async heldStocks(m: EntityManager): Promise<string[]> {
    const rows: Array<{ c: string }> = await m.query(`SELECT DISTINCT ts_code AS c FROM allocations WHERE released_at IS NULL ORDER BY 1`);
    return rows.map((r) => r.c);
  }

  /** Those of `codes` some member still holds (one probe per code: a held stock stops at its first row). */
  async heldAmong(m: EntityManager, codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows: Array<{ c: string }> = await m.query(
      `SELECT c.code AS c FROM unnest($1::varchar[]) AS c(code)
        WHERE EXISTS (SELECT 1 FROM allocations a WHERE a.ts_code = c.code AND a.released_at IS NULL)`,
      [[...codes]],
    );
    return rows.map((r) => r.c);
  }

  /** Which of these members already hold stocks from the pool. */
  async membersHolding(m: EntityManager, poolId: string, userIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ user_id: string }> = await m.query(
      `SELECT DISTINCT user_id FROM allocations WHERE pool_id = $1 AND user_id = ANY($2::uuid[]) AND released_at IS NULL`,
      [poolId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async insertBatch(m: EntityManager, b: { poolId: string; jobId: string | null; reason: DrawReason; seed: number; snapshot: StoredSnapshot; snapshotHash: string; members: number; createdAt: Date }): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO draw_batches (pool_id, job_id, reason, seed, snapshot, snapshot_hash, allocator_version, members, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) RETURNING id`,
      [b.poolId, b.jobId, b.reason, b.seed, JSON.stringify(b.snapshot), b.snapshotHash, ALLOCATOR_VERSION, b.members, b.createdAt],
    );
    return rows[0]!.id;
  }

  /**
   * The draws of one batch and their allocations in one statement: the draws go in from arrays
   * (batch_seq = position in `draws`), the allocation rows are expanded from each draw's picks by
   * the database, in draw then pick order. Returns the number of allocation rows.
   */
  async insertBatchDraws(m: EntityManager, b: { batchId: string; poolId: string; reason: DrawReason; createdAt: Date; draws: readonly BatchDraw[] }): Promise<number> {
    if (b.draws.length === 0) return 0;
    const rows: Array<{ n: number }> = await m.query(
      `WITH d AS (
         INSERT INTO draws (user_id, pool_id, reason, seed, snapshot_hash, allocator_version, quota, held, picks, snapshot, batch_id, batch_seq, created_at)
         SELECT t.user_id, $1, $2, t.seed, t.hash, $3, t.quota, t.held::jsonb, t.picks::jsonb, NULL, $4, t.seq - 1, $5
           FROM unnest($6::uuid[], $7::bigint[], $8::text[], $9::int[], $10::text[], $11::text[]) WITH ORDINALITY AS t(user_id, seed, hash, quota, picks, held, seq)
         RETURNING id, user_id, picks
       ), a AS (
         INSERT INTO allocations (user_id, pool_id, ts_code, draw_id, allocated_at)
         SELECT d.user_id, $1, p.code, d.id, $5
           FROM d CROSS JOIN LATERAL jsonb_array_elements_text(d.picks) WITH ORDINALITY AS p(code, n)
          ORDER BY d.id, p.n
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM a`,
      [
        b.poolId,
        b.reason,
        ALLOCATOR_VERSION,
        b.batchId,
        b.createdAt,
        b.draws.map((d) => d.userId),
        b.draws.map((d) => d.seed),
        b.draws.map((d) => d.snapshotHash),
        b.draws.map((d) => d.quota),
        b.draws.map((d) => JSON.stringify(d.picks)),
        b.draws.map((d) => (d.held && d.held.length > 0 ? JSON.stringify(d.held) : '[]')),
      ],
    );
    return rows[0]?.n ?? 0;
  }

  /** Times each code was picked by the draws of a batch before position `beforeSeq`. */
  async batchPickCounts(m: EntityManager, batchId: string, beforeSeq: number): Promise<Map<string, number>> {
    const rows: Array<{ code: string; n: number }> = await m.query(
      `SELECT p.code, count(*)::int AS n
         FROM draws d CROSS JOIN LATERAL jsonb_array_elements_text(d.picks) AS p(code)
        WHERE d.batch_id = $1 AND d.batch_seq < $2
        GROUP BY p.code`,
      [batchId, beforeSeq],
    );
    return new Map(rows.map((r) => [r.code, r.n]));
  }
}
