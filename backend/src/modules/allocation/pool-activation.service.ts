import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobProgress, PoolActivationCheckDto, PoolQuotaWarning } from '@zhice/shared';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception.js';
import type { AuthUser, RequestMeta } from '../../common/auth.decorators.js';
import { Clock } from '../../common/clock.js';
import { advisoryXactLock } from '../../common/sql.js';
import { QUEUES } from '../jobs/queues.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { JobsService, toJobProgress } from '../jobs/jobs.service.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { VipEntitlements } from '../vip/vip-entitlements.service.js';
import { AllocationStore, BULK_LOCK } from './allocation.store.js';
import { HeldChanges, HeldStocksTracker } from './held-stocks.tracker.js';
import { BalancedAllocator, snapshotOf } from './domain/balanced-allocator.js';
import { deriveSeed, randomSeed } from '../../common/prng/index.js';
import { holderDeltas, snapshotToJson } from './domain/snapshot.js';

export const POOL_ACTIVATION_JOB = 'pool.activate';
/** Members per transaction: one draw batch, one multi-row insert, one progress step. */
export const ACTIVATION_CHUNK = 5000;

export interface ReallocationResult {
  poolId: string;
  superseded: boolean;
  members: number;
  draws: number;
  allocations: number;
  released: number;
}

/**
 * Pool rotation. The request switches the active pool at once (under the bulk lock, so no member
 * operation straddles the switch) and queues a job; the job moves every member to the new pool in
 * chunks: per chunk, in ONE transaction under the bulk lock, the chunk's holdings in pools that are
 * no longer active are released (reason 'rotation', rows kept as history), the counts are read, the
 * draws computed in memory (BalancedAllocator.allocateMany) and written with one multi-row INSERT.
 * So a member holds either the old pool's stocks or the new pool's, never none, whenever the job is
 * interrupted (GET /me/stocks shows the unreleased holdings of any pool). Members who already hold
 * stocks from the pool (a registration during the job, or a chunk done before a crash) are not
 * drawn again, so the job can be retried or resumed safely. A last sweep releases what is left
 * outside the pool (holdings of users the member scan did not reach).
 */
@Injectable()
export class PoolActivationService {
  private readonly logger = new Logger('Allocation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly pools: StockPoolService,
    private readonly store: AllocationStore,
    private readonly jobs: JobsService,
    private readonly entitlements: VipEntitlements,
    private readonly audit: OperationLogService,
    private readonly heldStocks: HeldStocksTracker,
    @InjectQueue(QUEUES.allocation) private readonly queue: Queue,
  ) {}

  /**
   * Draft → active: archives the current active pool and queues the re-allocation. An active pool
   * whose re-allocation job failed (or was never queued) can be activated again to resume it.
   */
  /** Levels whose quota the pool cannot fill (shown before activating, and returned by the activation). */
  async check(poolId: string): Promise<PoolActivationCheckDto> {
    const pool = await this.pools.getPool(poolId);
    const poolSize = snapshotOf(await this.pools.snapshotRows(pool.id, this.dataSource.manager)).length;
    const warnings = (await this.entitlements.enabledLevelQuotas())
      .filter((l): l is { level: number; name: string; stockQuota: number } => l.stockQuota !== null && l.stockQuota > poolSize)
      .map((l) => ({ level: l.level, name: l.name, stockQuota: l.stockQuota, poolSize }));
    return { poolId: pool.id, poolSize, warnings };
  }

  async activate(poolId: string, operator: AuthUser | null, meta: RequestMeta | null): Promise<{ jobId: string; warnings: PoolQuotaWarning[] }> {
    const jobId = randomUUID();
    const seen = await this.pools.getPool(poolId);
    const lastJob = seen.activationJobId ? await this.jobs.get(seen.activationJobId).catch(() => null) : null;
    const previous = await this.dataSource.transaction(async (m) => {
      await advisoryXactLock(m, BULK_LOCK);
      const pool = await this.pools.lockPool(poolId, m);
      let prev: { id: string; name: string } | null = null;
      if (pool.status === 'active') {
        if (pool.activationJobId !== seen.activationJobId) throw AppException.conflict('POOL_NOT_DRAFT', 'The pool is already active', { status: pool.status });
        if (lastJob && lastJob.status !== 'failed') throw AppException.conflict('POOL_NOT_DRAFT', 'The pool is already active', { status: pool.status, jobId: lastJob.id });
        await this.pools.setActivationJob(pool.id, jobId, m);
      } else if (pool.status !== 'draft') {
        throw AppException.conflict('POOL_NOT_DRAFT', 'Only a draft pool can be activated', { status: pool.status });
      } else {
        const before = await this.pools.switchActive(pool.id, jobId, m);
        prev = before ? { id: before.id, name: before.name } : null;
      }
      await this.audit.record(
        { operator, action: 'stock_pool.activate', targetType: 'stock_pool', targetId: pool.id, before: { status: pool.status, previousPool: prev }, after: { status: 'active', jobId }, ip: meta?.ip ?? null },
        m,
      );
      return prev;
    });
    await this.jobs.enqueue(this.queue, POOL_ACTIVATION_JOB, { poolId, previousPoolId: previous?.id ?? null }, operator?.id ?? null, { id: jobId });
    return { jobId, warnings: (await this.check(poolId)).warnings };
  }

  /** Progress of the pool's (latest) activation job. */
  async progress(poolId: string): Promise<JobProgress & { poolId: string; result: Record<string, unknown> }> {
    const pool = await this.pools.getPool(poolId);
    if (!pool.activationJobId) throw AppException.notFound('JOB_NOT_FOUND', 'This pool has not been activated');
    const record = await this.jobs.get(pool.activationJobId);
    return { ...toJobProgress(record), poolId: pool.id, result: record.result };
  }

  /**
   * The job's work (also called directly by the benchmark). `jobId` gets the progress: total =
   * members, processed advanced once per chunk.
   */
  async reallocate(poolId: string, opts: { jobId?: string | null; chunkSize?: number } = {}): Promise<ReallocationResult> {
    const jobId = opts.jobId ?? null;
    const chunkSize = opts.chunkSize ?? ACTIVATION_CHUNK;
    const result: ReallocationResult = { poolId, superseded: false, members: 0, draws: 0, allocations: 0, released: 0 };
    const pool = await this.pools.getPool(poolId);
    if (pool.status !== 'active') {
      result.superseded = true;
      if (jobId) await this.jobs.finish(jobId, { ...result });
      return result;
    }
    const now = this.clock.now();
    const total = await this.dataSource.transaction(async (m) => {
      await advisoryXactLock(m, BULK_LOCK);
      // The counters must be the truth before the first chunk reads them.
      await this.pools.setHolders(poolId, await this.store.countActiveByStock(m, poolId), m);
      return this.store.countMembers(m);
    });
    if (jobId) await this.jobs.start(jobId, total, { resetCounters: true });

    let after: string | null = null;
    for (;;) {
      // Members and their quotas are read outside the chunk's transaction: it must not need a second
      // pooled connection while it holds the bulk lock that member operations queue behind.
      const ids = await this.store.memberIds(this.dataSource.manager, after, chunkSize);
      if (ids.length === 0) break;
      const ent = await this.entitlements.forUsers(ids);
      const chunk = await this.dataSource.transaction(async (m) => {
        await advisoryXactLock(m, BULK_LOCK);
        const current = await this.pools.getPool(poolId, m);
        if (current.status !== 'active') return 'superseded' as const;
        const changes = new HeldChanges();
        const released = await this.store.releaseOutsidePoolFor(m, poolId, ids, now);
        changes.released.push(...released);
        const holding = await this.store.membersHolding(m, poolId, ids);
        const todo = ids.filter((id) => !holding.has(id));
        let draws = 0;
        let allocations = 0;
        if (todo.length > 0) {
          const allocator = new BalancedAllocator(await this.pools.snapshotRows(poolId, m));
          const base = allocator.snapshot();
          const baseHash = allocator.snapshotHash();
          const batchSeed = randomSeed();
          const requests = todo.map((id) => {
            const e = ent.get(id);
            return { id, held: [] as string[], quota: e ? e.stockQuota : 0, seed: deriveSeed(batchSeed, id) };
          });
          const drawn = allocator.allocateMany(requests, { snapshotHashes: true }).filter((r) => r.picks.length > 0);
          if (drawn.length > 0) {
            const quotaOf = new Map(requests.map((r) => [r.id, r]));
            const batchId = await this.store.insertBatch(m, { poolId, jobId, reason: 'activation', seed: batchSeed, snapshot: snapshotToJson(base), snapshotHash: baseHash, members: drawn.length, createdAt: now });
            allocations = await this.store.insertBatchDraws(m, {
              batchId,
              poolId,
              reason: 'activation',
              createdAt: now,
              draws: drawn.map((r) => ({ userId: r.id, seed: quotaOf.get(r.id)!.seed, snapshotHash: r.snapshotHash!, quota: quotaOf.get(r.id)!.quota, picks: r.picks })),
            });
            draws = drawn.length;
            for (const r of drawn) changes.added.push(...r.picks);
            await this.pools.adjustHolders(poolId, holderDeltas(base, allocator.snapshot()), m);
          }
        }
        await this.heldStocks.apply(m, changes);
        return { scanned: ids.length, draws, allocations, released: released.length };
      });
      if (chunk === 'superseded') {
        result.superseded = true;
        break;
      }
      after = ids[ids.length - 1]!;
      result.members += chunk.scanned;
      result.draws += chunk.draws;
      result.allocations += chunk.allocations;
      result.released += chunk.released;
      if (jobId) await this.jobs.advance(jobId, { processed: chunk.scanned });
    }
    if (!result.superseded) {
      result.released += await this.dataSource.transaction(async (m) => {
        const n = await this.store.releaseOutsidePool(m, poolId, now);
        if (n > 0) await this.heldStocks.resync(m);
        return n;
      });
    }
    if (jobId) await this.jobs.finish(jobId, { ...result });
    this.logger.log(`pool ${poolId} allocated: ${result.members} members, ${result.draws} draws, ${result.allocations} allocations, ${result.released} released (rotation)`);
    return result;
  }
}
