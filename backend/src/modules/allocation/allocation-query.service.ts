import { Injectable } from '@nestjs/common';
import type { AllocationDto, DrawDto, MemberAllocationSummaryDto, Paged } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import { Clock } from '../../common/clock.js';
import { paged } from '../../common/pagination.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { MarketDataService } from '../market-data/market-data.service.js';
import { UsersService } from '../users/users.service.js';
import { VipEntitlements } from '../vip/vip-entitlements.service.js';
import { AllocationStore, type AllocationRow } from './allocation.store.js';
import { UUID } from '../../common/ids.js';
import { type AllocationFilterDto, type ListAllocationsQueryDto, type ListDrawsQueryDto } from './dto/allocation.dto.js';
import type { Draw } from './entities/draw.entity.js';

/** Allocation history for admins: filtered lists, per-member view, and the export's batched reads. */
@Injectable()
export class AllocationQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly entitlements: VipEntitlements,
    private readonly pools: StockPoolService,
    private readonly market: MarketDataService,
    private readonly store: AllocationStore,
    private readonly clock: Clock,
  ) {}

  async list(q: ListAllocationsQueryDto): Promise<Paged<AllocationDto>> {
    const now = this.clock.now();
    const m = this.dataSource.manager;
    const [rows, total] = await Promise.all([this.store.listAllocations(m, q, q.sort, q, now), this.store.countAllocations(m, q, now)]);
    return paged(rows.map(toAllocationDto), total, q);
  }

  /** Rows after `afterId` in id order, at most `limit` (the export's keyset reads). */
  async exportBatch(f: AllocationFilterDto, afterId: string, limit: number): Promise<AllocationRow[]> {
    return this.store.allocationsAfter(this.dataSource.manager, f, afterId, limit, this.clock.now());
  }

  async draws(q: ListDrawsQueryDto): Promise<Paged<DrawDto>> {
    const [rows, total] = await this.store.listDraws(this.dataSource.manager, q, q.sort, q);
    return paged(rows.map(toDrawDto), total, q);
  }

  async memberSummary(userId: string): Promise<MemberAllocationSummaryDto> {
    const user = UUID.test(userId) ? await this.users.findById(userId) : null;
    if (!user) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
    const dto = await this.entitlements.present(user);
    const pool = await this.pools.findActivePool();
    let holdings: MemberAllocationSummaryDto['holdings'] = [];
    if (pool) {
      const rows = await this.store.holdings(this.dataSource.manager, user.id, pool.id);
      const stocks = await this.market.stocksByCode(rows.map((r) => r.tsCode));
      holdings = rows.map((r) => ({ tsCode: r.tsCode, name: stocks.get(r.tsCode)?.name ?? r.tsCode, allocatedAt: r.allocatedAt.toISOString(), drawId: r.drawId }));
    }
    return {
      user: { id: dto.id, username: dto.username, role: dto.role, vipLevel: dto.vipLevel, stockQuota: dto.stockQuota },
      pool: pool ? { id: pool.id, name: pool.name } : null,
      holdings,
    };
  }
}

export function toAllocationDto(r: AllocationRow): AllocationDto {
  return {
    id: r.id,
    userId: r.userId,
    username: r.username,
    poolId: r.poolId,
    poolName: r.poolName,
    tsCode: r.tsCode,
    stockName: r.stockName,
    drawId: r.drawId,
    allocatedAt: r.allocatedAt.toISOString(),
    releasedAt: r.releasedAt?.toISOString() ?? null,
    releaseReason: r.releaseReason,
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
