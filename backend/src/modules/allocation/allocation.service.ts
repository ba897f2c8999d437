import { Injectable } from '@nestjs/common';
import type { BarsAdjust, DrawReason, DrawReplayDto, MarketBarsDto, MyStocksDto, ReleaseReason, RerollResultDto } from '@zhice/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser, RequestMeta } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { UUID } from '../../common/ids.js';
import { advisoryXactLock } from '../../common/sql.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { MarketDataService } from '../market-data/market-data.service.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { VipEntitlements, type Entitlement } from '../vip/vip-entitlements.service.js';
import { UsersService } from '../users/users.service.js';
import { AllocationStore, memberLockName, sharedBulkLock, type ActiveHolding, type NamedHolding } from './allocation.store.js';
import { servedStrategyId } from '../signals/strategies/registry.js';
import { BalancedAllocator, release } from './domain/balanced-allocator.js';
import { randomSeed } from '../../common/prng/index.js';
import { replayDraw, snapshotFromJson, snapshotToJson, withPicks } from './domain/snapshot.js';

export { UUID };

/**
 * Read-time rule: holdings beyond the member's current quota (the newest) are hidden, even before
 * a release job ran; no entitlement (no such user) = quota 0.
 */
function visibleUnderQuota<H extends NamedHolding>(rows: readonly H[], e: Entitlement | undefined): H[] {
  if (rows.length === 0) return [];
  const hidden = new Set(release(rows, e ? e.stockQuota : 0));
  return rows.filter((h) => !hidden.has(h));
}

/** What triggered a member sync (registration, a level change, an expiry). */
export type SyncReason = 'register' | 'level_change' | 'expiry';

export interface SyncOutcome {
  status: 'no_user' | 'not_member' | 'no_pool' | 'unchanged' | 'drawn' | 'released';
  poolId?: string;
  drawId?: string;
  picks?: string[];
  released?: string[];
}

/**
 * One member's stocks. Every change runs in a transaction holding the member's advisory lock (and
 * the shared side of the bulk lock an activation chunk takes exclusively), so concurrent triggers
 * for one member are serialised and can never leave them above quota. Holder counters of the pool
 * are adjusted in the same transaction.
 */
@Injectable()
export class AllocationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly pools: StockPoolService,
    private readonly store: AllocationStore,
    private readonly users: UsersService,
    private readonly entitlements: VipEntitlements,
    private readonly audit: OperationLogService,
    private readonly market: MarketDataService,
  ) {}

  /**
   * Brings the member to their quota in the active pool: tops up (a draw) when below, releases the
   * newest picks when above, does nothing when at quota. Idempotent, so events may be redelivered.
   */
  async syncMember(userId: string, reason: SyncReason): Promise<SyncOutcome> {
    if (!UUID.test(userId)) return { status: 'no_user' };
    const user = await this.users.findById(userId);
    if (!user) return { status: 'no_user' };
    if (user.role !== 'user') return { status: 'not_member' };
    // Read before the transaction: no second pool connection while holding one (a burst of waiters
    // could otherwise exhaust the pool). A level change after this read triggers its own sync.
    const quota = await this.quotaOf(userId);
    return this.withMemberLock(userId, async (m) => {
      const pool = await this.pools.findActivePool(m);
      if (!pool) return { status: 'no_pool' };
      const holdings = await this.store.holdings(m, userId, pool.id);
      const excess = release(holdings, quota);
      if (excess.length > 0) {
        const released = await this.releaseHoldings(m, pool.id, excess, reason === 'expiry' ? 'expiry' : 'level_change');
        return { status: 'released', poolId: pool.id, released };
      }
      if (quota !== null && holdings.length >= quota) return { status: 'unchanged', poolId: pool.id };
      const drawn = await this.drawFor(m, userId, pool.id, quota, holdings.map((h) => h.tsCode), reason === 'expiry' ? 'level_change' : reason);
      return drawn ? { status: 'drawn', poolId: pool.id, ...drawn } : { status: 'unchanged', poolId: pool.id };
    });
  }

  /** Admin: release all of a member's stocks in the active pool and draw afresh (audited). */
  async reroll(userId: string, operator: AuthUser, meta: RequestMeta, idempotencyKey?: string): Promise<RerollResultDto> {
    await this.assertMember(userId);
    const quota = await this.quotaOf(userId);
    return this.withMemberLock(userId, async (m) => {
      if (idempotencyKey) {
        const prior = await this.store.rerollByKey(m, idempotencyKey);
        if (prior && prior.userId !== userId) throw idempotencyKeyReused();
        if (prior) return prior.result;
      }
      const pool = await this.pools.findActivePool(m);
      if (!pool) throw AppException.conflict('NO_ACTIVE_POOL', 'There is no active stock pool');
      const holdings = await this.store.holdings(m, userId, pool.id);
      const old = holdings.map((h) => h.tsCode);
      const released = await this.releaseHoldings(m, pool.id, holdings, 'reroll');
      // A re-roll changes the set: the first draw masks the old stocks (passed as `held`, which also
      // count towards its quota, so it picks up to `quota` others); only when the pool has too few
      // others does a second draw top up from the old ones. Both are ordinary, replayable draws.
      const first = await this.drawFor(m, userId, pool.id, quota === null ? null : quota + old.length, old, 'reroll');
      const firstPicks = first?.picks ?? [];
      const second = quota === null || firstPicks.length < quota ? await this.drawFor(m, userId, pool.id, quota, firstPicks, 'reroll') : null;
      const drawIds = [first?.drawId, second?.drawId].filter((x): x is string => !!x);
      const drawn = drawIds.length ? { drawId: drawIds[0]!, picks: [...firstPicks, ...(second?.picks ?? [])] } : null;
      const kept = second?.picks.filter((c) => old.includes(c)) ?? [];
      const newSet = new Set(drawn?.picks ?? []);
      const changed = newSet.size !== old.length || old.some((c) => !newSet.has(c));
      await this.audit.record(
        {
          operator,
          action: 'allocation.reroll',
          targetType: 'user',
          targetId: userId,
          before: { poolId: pool.id, stocks: released },
          after: { poolId: pool.id, stocks: drawn?.picks ?? [], drawId: drawn?.drawId ?? null, drawIds, changed },
          ip: meta.ip,
        },
        m,
      );
      const result: RerollResultDto = { userId, poolId: pool.id, released, drawId: drawn?.drawId ?? null, drawIds, picks: drawn?.picks ?? [], changed, kept };
      if (idempotencyKey && !(await this.store.insertReroll(m, idempotencyKey, userId, result, this.clock.now()))) throw idempotencyKeyReused();
      return result;
    });
  }

  /** Recomputes a stored draw from its snapshot, holdings, quota and seed. */
  async replay(drawId: string): Promise<DrawReplayDto> {
    const draw = /^\d{1,18}$/.test(drawId) ? await this.store.draw(this.dataSource.manager, drawId) : null;
    if (!draw) throw AppException.notFound('NOT_FOUND', 'Draw not found');
    let snapshot;
    if (draw.snapshot) {
      snapshot = snapshotFromJson(draw.snapshot);
    } else {
      const batch = await this.store.drawBatch(this.dataSource.manager, draw.batchId!);
      snapshot = withPicks(batch.snapshot, await this.store.batchPickCounts(this.dataSource.manager, batch.id, draw.batchSeq!));
    }
    const replayed = replayDraw({ snapshot, held: draw.held, quota: draw.quota, seed: draw.seed });
    return {
      drawId: draw.id,
      stored: draw.picks,
      replayed: replayed.picks,
      identical: replayed.picks.length === draw.picks.length && replayed.picks.every((c, i) => c === draw.picks[i]),
      snapshotHashMatches: replayed.snapshotHash === draw.snapshotHash,
      snapshotHash: draw.snapshotHash,
      allocatorVersion: draw.allocatorVersion,
    };
  }

  /**
   * GET /me/stocks. Read-time rule: a member whose VIP has just expired sees only the holdings
   * their current quota keeps (the oldest ones), even before the expiry job has released the rest.
   */
  async myStocks(userId: string): Promise<MyStocksDto> {
    // Two statements after the principal: the entitlement (quota and the level's strategy), then the
    // holdings with their latest signals and day changes (AllocationStore.myStocks, a read model).
    const e = await this.entitlementOf(userId);
    const rows = await this.store.myStocks(this.dataSource.manager, userId, servedStrategyId(e));
    return {
      items: visibleUnderQuota(rows, e).map((h) => ({ tsCode: h.tsCode, name: h.name, allocatedAt: h.allocatedAt.toISOString(), latestSignal: h.latestSignal, changePct: h.changePct })),
    };
  }

  /**
   * The one predicate "the member holds this stock" (issue 9: one name instead of six), as a list
   * and a test. `visibleStocks`: the codes a member sees now and the effective level that decided
   * them, from one entitlement read (the signals routes need both: the level picks the strategy).
   */
  async visibleStocks(userId: string): Promise<{ codes: string[]; vipLevel: number }> {
    const entitlement = this.entitlementOf(userId);
    const codes = (await this.visibleHoldings(userId, entitlement)).map((h) => h.tsCode);
    return { codes, vipLevel: (await entitlement)?.vipLevel ?? 0 };
  }

  /**
   * The bars route's rule: the same visibility as GET /me/stocks and the signals — holdings above
   * the quota are hidden from the moment a level ends, not only once the sweep releases them.
   */
  async isStockVisible(userId: string, tsCode: string): Promise<boolean> {
    return (await this.visibleStocks(userId)).codes.includes(tsCode);
  }

  /** `GET /market/bars`: a member (or agent: they hold none) only for a stock they hold now; admins any. */
  async barsForUser(user: AuthUser, q: { tsCode: string; from?: string; to?: string; adjust?: BarsAdjust }): Promise<MarketBarsDto> {
    const { from, to } = await this.market.barsRange(q);
    if (user.role !== 'admin' && !(await this.isStockVisible(user.id, q.tsCode))) {
      throw AppException.forbidden('STOCK_NOT_OWNED', 'You can only see bars of stocks you hold');
    }
    return this.market.barsDto(q, from, to);
  }

  // ---- internals -----------------------------------------------------------------------------

  private async visibleHoldings(userId: string, entitlement = this.entitlementOf(userId)): Promise<NamedHolding[]> {
    // Both awaited together, so a failing entitlement read never goes unobserved.
    const [rows, e] = await Promise.all([this.store.activeHoldingsWithNames(this.dataSource.manager, userId), entitlement]);
    return visibleUnderQuota(rows, e);
  }

  private async assertMember(userId: string) {
    const user = UUID.test(userId) ? await this.users.findById(userId) : null;
    if (!user) throw AppException.notFound('USER_NOT_FOUND', 'User not found');
    if (user.role !== 'user') throw AppException.badRequest('VALIDATION_FAILED', 'Only members (role user) hold stocks', { reason: 'NOT_A_MEMBER' });
  }

  /** null = unlimited. */
  private async quotaOf(userId: string): Promise<number | null> {
    const e = await this.entitlementOf(userId);
    return e ? e.stockQuota : 0;
  }

  /** The member's effective level and quota (no entry = no such user). */
  private async entitlementOf(userId: string): Promise<Entitlement | undefined> {
    return (await this.entitlements.forUsers([userId])).get(userId);
  }

  /** `fn` must only use `m`: it runs while holding a pooled connection and the member's lock. */
  private withMemberLock<T>(userId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await sharedBulkLock(m);
      await advisoryXactLock(m, memberLockName(userId));
      return fn(m);
    });
  }

  private async releaseHoldings(m: EntityManager, poolId: string, holdings: readonly ActiveHolding[], reason: ReleaseReason): Promise<string[]> {
    const released = await this.store.release(m, holdings.map((h) => h.id), reason, this.clock.now());
    await this.pools.adjustHolders(poolId, new Map(released.map((c) => [c, -1])), m);
    return released;
  }

  /** One draw from the pool's current counts; writes the draw, its allocations and the counters. */
  private async drawFor(m: EntityManager, userId: string, poolId: string, quota: number | null, held: string[], reason: DrawReason): Promise<{ drawId: string; picks: string[] } | null> {
    const allocator = new BalancedAllocator(await this.pools.snapshotRows(poolId, m));
    const snapshot = allocator.snapshot();
    const snapshotHash = allocator.snapshotHash();
    const seed = randomSeed();
    const { picks } = allocator.allocate({ held, quota, seed });
    if (picks.length === 0) return null;
    const now = this.clock.now();
    const drawId = await this.store.insertDraw(m, { userId, poolId, reason, seed, snapshotHash, quota, held, picks, snapshot: snapshotToJson(snapshot), createdAt: now });
    await this.store.insertAllocations(m, { userId, poolId, drawId, picks, allocatedAt: now });
    await this.pools.adjustHolders(poolId, new Map(picks.map((c) => [c, 1])), m);
    return { drawId, picks };
  }
}

function idempotencyKeyReused() {
  return AppException.conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request');
}
