import { Injectable } from '@nestjs/common';
import type { AllocationDto, DrawDto, MemberAllocationSummaryDto, Paged, ReleaseReason } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { pageOffset, paged } from '../../common/pagination.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { EffectiveLevelSql } from '../users/entitlements.js';
import { UsersService } from '../users/users.service.js';
import { AllocationStore } from './allocation.store.js';
import { UUID } from '../../common/ids.js';
import type { AllocationFilterDto, ListAllocationsQueryDto, ListDrawsQueryDto } from './dto/allocation.dto.js';
import { Draw } from './entities/draw.entity.js';

export interface AllocationRow {
  id: string;
  user_id: string;
  username: string;
  vip_level: number;
  pool_id: string;
  pool_name: string;
  ts_code: string;
  stock_name: string;
  draw_id: string;
  allocated_at: Date;
  released_at: Date | null;
  release_reason: ReleaseReason | null;
}

/** Allocation history for admins: filtered lists, per-member view, and the export's batched reads. */
@Injectable()
export class AllocationQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly levelSql: EffectiveLevelSql,
    private readonly users: UsersService,
    private readonly pools: StockPoolService,
    private readonly store: AllocationStore,
    private readonly clock: Clock,
  ) {}

  async list(q: ListAllocationsQueryDto): Promise<Paged<AllocationDto>> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const where = this.where(q, params, now);
    const from = `FROM allocations a JOIN users u ON u.id = a.user_id JOIN stock_pools p ON p.id = a.pool_id JOIN stocks s ON s.ts_code = a.ts_code ${where}`;
    const { skip, take } = pageOffset(q);
    // The count does not select the level: its own parameter list, without the select's $n.
    const selectParams = [...params];
    const select = this.select(selectParams, now);
    const [rows, count] = await Promise.all([
      this.dataSource.query(`${select} ${from} ORDER BY a.id DESC LIMIT ${take} OFFSET ${skip}`, selectParams) as Promise<AllocationRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n ${from}`, params) as Promise<Array<{ n: number }>>,
    ]);
    return paged(rows.map(toAllocationDto), count[0]?.n ?? 0, q);
  }

  /** Rows after `afterId` in id order, at most `limit` (the export's keyset reads). */
  async exportBatch(f: AllocationFilterDto, afterId: string, limit: number): Promise<AllocationRow[]> {
    const now = this.clock.now();
    const params: unknown[] = [afterId];
    const where = this.where(f, params, now, ['a.id > $1::bigint']);
    return this.dataSource.query(
      `${this.select(params, now)} FROM allocations a JOIN users u ON u.id = a.user_id JOIN stock_pools p ON p.id = a.pool_id JOIN stocks s ON s.ts_code = a.ts_code
       ${where} ORDER BY a.id LIMIT ${Number(limit)}`,
      params,
    );
  }

  async draws(q: ListDrawsQueryDto): Promise<Paged<DrawDto>> {
    const where: Record<string, string> = {};
    if (q.userId) where.userId = q.userId;
    if (q.poolId) where.poolId = q.poolId;
    if (q.reason) where.reason = q.reason;
    const [rows, total] = await this.dataSource.manager.findAndCount(Draw, {
      select: { id: true, userId: true, poolId: true, reason: true, seed: true, snapshotHash: true, allocatorVersion: true, quota: true, held: true, picks: true, batchId: true, createdAt: true },
      where,
      order: { id: 'DESC' },
      ...pageOffset(q),
    });
    return paged(rows.map(toDrawDto), total, q);
  }

  async memberSummary(userId: string): Promise<MemberAllocationSummaryDto> {
    const user = UUID.test(userId) ? await this.users.findById(userId) : null;
    if (!user) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
    const dto = await this.users.present(user);
    const pool = await this.pools.findActivePool();
    let holdings: MemberAllocationSummaryDto['holdings'] = [];
    if (pool) {
      const rows = await this.store.holdings(user.id, pool.id, this.dataSource.manager);
      const stocks = await this.pools.stocksByCode(rows.map((r) => r.tsCode));
      holdings = rows.map((r) => ({ tsCode: r.tsCode, name: stocks.get(r.tsCode)?.name ?? r.tsCode, allocatedAt: r.allocatedAt.toISOString(), drawId: r.drawId }));
    }
    return {
      user: { id: dto.id, username: dto.username, role: dto.role, vipLevel: dto.vipLevel, stockQuota: dto.stockQuota },
      pool: pool ? { id: pool.id, name: pool.name } : null,
      holdings,
    };
  }

  /** The select list; the level is the effective one at `now` (the Clock's), bound in `params`. */
  private select(params: unknown[], now: Date): string {
    params.push(now);
    return `SELECT a.id, a.user_id, u.username, ${this.levelSql.forUserAlias('u', `$${params.length}::timestamptz`)} AS vip_level, a.pool_id, p.name AS pool_name,
                   a.ts_code, s.name AS stock_name, a.draw_id, a.allocated_at, a.released_at, a.release_reason`;
  }

  private where(f: AllocationFilterDto, params: unknown[], now: Date, extra: string[] = []): string {
    const clauses = [...extra];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.poolId) clauses.push(`a.pool_id = ${p(f.poolId)}::uuid`);
    if (f.userId) clauses.push(`a.user_id = ${p(f.userId)}::uuid`);
    if (f.tsCode) clauses.push(`a.ts_code = ${p(f.tsCode)}`);
    if (f.active === true) clauses.push('a.released_at IS NULL');
    if (f.active === false) clauses.push('a.released_at IS NOT NULL');
    if (f.vipLevel !== undefined) clauses.push(`${this.levelSql.forUserAlias('u', `${p(now)}::timestamptz`)} = ${p(f.vipLevel)}::int`);
    return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  }
}

export function toAllocationDto(r: AllocationRow): AllocationDto {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    poolId: r.pool_id,
    poolName: r.pool_name,
    tsCode: r.ts_code,
    stockName: r.stock_name,
    drawId: r.draw_id,
    allocatedAt: r.allocated_at.toISOString(),
    releasedAt: r.released_at?.toISOString() ?? null,
    releaseReason: r.release_reason,
  };
}

export function toDrawDto(d: Draw): DrawDto {
  return {
    id: d.id,
    userId: d.userId,
    poolId: d.poolId,
    reason: d.reason,
    seed: d.seed,
    snapshotHash: d.snapshotHash,
    allocatorVersion: d.allocatorVersion,
    quota: d.quota,
    held: d.held,
    picks: d.picks,
    batchId: d.batchId,
    createdAt: d.createdAt.toISOString(),
  };
}
